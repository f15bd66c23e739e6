package io.headersync.bench.jmh;

import io.headersync.core.block.BlockHeader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** {@link BlockHeader#decode(byte[])}: RLP to a header object, hash not computed. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBenchmark {

  @Benchmark
  public BlockHeader decodeMainnet(MainnetHeaders data, Cursor cursor) {
    return BlockHeader.decode(data.rlp[cursor.next(0, data.rlp.length)]);
  }

  @Benchmark
  public BlockHeader decodePrague(PragueHeaders data, Cursor cursor) {
    return BlockHeader.decode(data.rlp[cursor.next(0, data.rlp.length)]);
  }
}
