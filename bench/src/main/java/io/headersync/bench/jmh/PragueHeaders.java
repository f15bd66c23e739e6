package io.headersync.bench.jmh;

import io.headersync.bench.fixtures.PragueChain;
import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecs;
import java.math.BigInteger;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A synthetic chain of 4096 consecutive Prague headers on mainnet's schedule ({@link PragueChain}). */
@State(Scope.Benchmark)
public class PragueHeaders {

  static final int COUNT = 4096;
  static final long SEED = 0x5eed_0007_0002L;

  byte[][] rlp;
  BlockHeader[] headers;
  BigInteger mergedTotalDifficulty;
  HeaderValidator validator;

  @Setup(Level.Trial)
  public void build() throws InvalidHeaderException {
    ChainSpec spec = ChainSpecs.preset("mainnet");
    List<BlockHeader> chain = PragueChain.build(spec, COUNT, SEED);
    headers = chain.toArray(new BlockHeader[0]);
    rlp = new byte[COUNT][];
    for (int i = 0; i < COUNT; i++) {
      rlp[i] = headers[i].encoded();
      headers[i].hash();
    }
    mergedTotalDifficulty = PragueChain.mergedTotalDifficulty(spec);
    validator = new HeaderValidator(spec);
    for (int i = 1; i < COUNT; i++) {
      validator.validate(headers[i], headers[i - 1], mergedTotalDifficulty);
    }
  }

  double meanBytes() {
    long sum = 0;
    for (byte[] b : rlp) {
      sum += b.length;
    }
    return (double) sum / rlp.length;
  }
}
