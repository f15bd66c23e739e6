package io.headersync.bench.importer;

import io.headersync.bench.fixtures.BenchData;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.era.HistoricalAccumulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One chain's era1 files, in block order, with the pre-merge accumulator their epoch roots are
 * checked against when the data folder has it (mainnet only), as {@code --accumulator} would.
 */
record ChainFiles(String name, ChainSpec spec, List<Path> files, HistoricalAccumulator accumulator) {

  static final String MAINNET_ACCUMULATOR = "mainnet/portal/accumulator/historical_hashes_accumulator.ssz";

  static ChainFiles load(String chain) throws IOException {
    ChainSpec spec = ChainSpecs.preset(chain);
    List<Path> files = BenchData.era1Files(chain + "/era1");
    HistoricalAccumulator accumulator = null;
    if (chain.equals("mainnet")) {
      Path acc = BenchData.root().resolve(MAINNET_ACCUMULATOR);
      if (Files.exists(acc)) {
        try {
          accumulator = HistoricalAccumulator.load(acc);
        } catch (io.headersync.core.source.SourceFormatException e) {
          throw new IOException(acc + ": " + e.getMessage(), e);
        }
      }
    }
    return new ChainFiles(chain, spec, files, accumulator);
  }
}
