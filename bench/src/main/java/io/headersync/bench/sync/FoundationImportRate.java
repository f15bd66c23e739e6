package io.headersync.bench.sync;

import io.headersync.bench.fixtures.BenchData;
import io.headersync.consensus.seal.SealMode;
import io.headersync.consensus.seal.SealVerifier;
import io.headersync.consensus.seal.SealVerifiers;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.era.HistoricalAccumulator;
import io.headersync.node.importer.ChainImporter;
import io.headersync.node.importer.ChunkVerifier;
import io.headersync.node.importer.ImportConfig;
import io.headersync.node.progress.ProgressReporter;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The foundation's import rate, measured in the same JVM as the sync it is compared with: the
 * node's importer ({@code headersync import --seal off}) over the shared mainnet era1 files
 * (blocks 0–16,383, with the pre-merge accumulator when the data folder has it) into a fresh
 * RocksDB directory. The import harness ({@code io.headersync.bench.importer.ImportBenchmark})
 * measures the same thing with more detail but keeps its measurement private to its main.
 *
 * @param headersPerSecond the best round's imported headers per wall second
 * @param cpuMicrosPerHeader the lowest round's process CPU time per header (all import threads)
 * @param threads import worker threads
 */
record FoundationImportRate(double headersPerSecond, double cpuMicrosPerHeader, int threads) {

  /** Empty when the shared data folder has no mainnet era1 files. */
  static Optional<FoundationImportRate> measure(int rounds) throws Exception {
    List<Path> files;
    try {
      files = BenchData.era1Files("mainnet/era1");
    } catch (RuntimeException | java.io.IOException e) {
      System.out.println("foundation import rate: skipped, " + e.getMessage());
      return Optional.empty();
    }
    ChainSpec spec = ChainSpecs.preset("mainnet");
    Path accFile = BenchData.root().resolve("mainnet/portal/accumulator/historical_hashes_accumulator.ssz");
    HistoricalAccumulator accumulator = Files.exists(accFile) ? HistoricalAccumulator.load(accFile) : null;
    ImportConfig config = ImportConfig.DEFAULT;
    double best = 0;
    double lowestCpu = Double.MAX_VALUE;
    for (int round = -1; round < rounds; round++) { // one warm-up round first
      Path dir = Files.createTempDirectory("headersync-sync-bench-import-");
      try {
        long imported;
        long wall;
        long cpu;
        try (RocksDbHeaderStore store = RocksDbHeaderStore.open(dir, spec.genesisHash());
            SealVerifier seals = SealVerifiers.forChain(spec, SealMode.OFF);
            ChunkVerifier verifier = new ChunkVerifier(spec, seals, config.threads())) {
          ProgressReporter quiet = ProgressReporter.silent("import");
          ChainImporter importer = new ChainImporter(spec, store, verifier, accumulator, config, quiet);
          long cpu0 = processCpuNanos();
          long t0 = System.nanoTime();
          imported = importer.importFiles(files).imported();
          wall = System.nanoTime() - t0;
          cpu = processCpuNanos() - cpu0;
        }
        if (round >= 0) {
          best = Math.max(best, imported / (wall / 1e9));
          lowestCpu = Math.min(lowestCpu, cpu / 1e3 / imported);
        }
      } finally {
        try (Stream<Path> paths = Files.walk(dir)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
    return Optional.of(new FoundationImportRate(best, lowestCpu, config.threads()));
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
