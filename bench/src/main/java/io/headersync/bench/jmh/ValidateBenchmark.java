package io.headersync.bench.jmh;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.rules.HeaderValidator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * {@link HeaderValidator#validate} of each header against its parent and the parent's total
 * difficulty: every header rule of the fork (seals excluded). Hashes are cached beforehand, so
 * the parent-link rule compares and does not hash. Every header is known to pass (checked at
 * setup), so no exception path is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ValidateBenchmark {

  /** Frontier/Homestead proof-of-work rules, including the difficulty formula. */
  @Benchmark
  public int validateMainnet(MainnetHeaders data, Cursor cursor) throws InvalidHeaderException {
    int i = cursor.next(1, data.headers.length);
    data.validator.validate(data.headers[i], data.headers[i - 1], data.totalDifficulties[i - 1]);
    return i;
  }

  /** Prague rules: base fee, blob gas, post-merge constants, fork fields. */
  @Benchmark
  public int validatePrague(PragueHeaders data, Cursor cursor) throws InvalidHeaderException {
    int i = cursor.next(1, data.headers.length);
    data.validator.validate(data.headers[i], data.headers[i - 1], data.mergedTotalDifficulty);
    return i;
  }
}
