package io.headersync.bench.jmh;

import io.headersync.bench.fixtures.BenchData;
import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecs;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Real mainnet headers 0–16383 (Frontier and Homestead shapes, 508–540 bytes), as RLP and
 * decoded, with their total difficulties. Hashes are computed at setup so that validation
 * kernels measure the rules, not the parent's hash.
 */
@State(Scope.Benchmark)
public class MainnetHeaders {

  byte[][] rlp;
  BlockHeader[] headers;
  BigInteger[] totalDifficulties;
  ChainSpec spec;
  HeaderValidator validator;
  /** A real header of exactly (or, failing that, closest to) 540 bytes. */
  byte[] header540;

  @Setup(Level.Trial)
  public void load() throws IOException, InvalidHeaderException {
    List<BenchData.HeaderLine> lines = BenchData.headerLines(BenchData.MAINNET_HEADERS);
    int n = lines.size();
    rlp = new byte[n][];
    headers = new BlockHeader[n];
    totalDifficulties = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      BenchData.HeaderLine line = lines.get(i);
      if (line.number() != i) {
        throw new IllegalStateException(BenchData.MAINNET_HEADERS + ": line " + (i + 1) + " holds block " + line.number());
      }
      rlp[i] = line.rlp();
      headers[i] = BlockHeader.decode(line.rlp());
      headers[i].hash();
      totalDifficulties[i] = line.totalDifficulty();
    }
    spec = ChainSpecs.preset("mainnet");
    validator = new HeaderValidator(spec);
    // A broken fixture would make the validation kernel measure exception paths: check once.
    for (int i = 1; i < n; i++) {
      validator.validate(headers[i], headers[i - 1], totalDifficulties[i - 1]);
    }
    header540 = closestTo(540);
  }

  /** Mean RLP size, for the summary. */
  double meanBytes() {
    long sum = 0;
    for (byte[] b : rlp) {
      sum += b.length;
    }
    return (double) sum / rlp.length;
  }

  private byte[] closestTo(int size) {
    byte[] best = rlp[1];
    for (byte[] b : rlp) {
      if (Math.abs(b.length - size) < Math.abs(best.length - size)) {
        best = b;
      }
    }
    return best;
  }
}
