package io.headersync.bench.jmh;

import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Keccak-256 of header RLP, as {@link io.headersync.core.block.BlockHeader#hash()} computes it:
 * the yardstick the other kernels are divided by. Each decode or validation kernel has a
 * keccak kernel over the very same bytes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeccakBenchmark {

  @Benchmark
  public Hash keccak540(MainnetHeaders data) {
    return Keccak.keccak256(data.header540);
  }

  @Benchmark
  public Hash keccakMainnet(MainnetHeaders data, Cursor cursor) {
    return Keccak.keccak256(data.rlp[cursor.next(0, data.rlp.length)]);
  }

  @Benchmark
  public Hash keccakPrague(PragueHeaders data, Cursor cursor) {
    return Keccak.keccak256(data.rlp[cursor.next(0, data.rlp.length)]);
  }
}
