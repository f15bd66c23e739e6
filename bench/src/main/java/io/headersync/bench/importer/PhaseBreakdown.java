package io.headersync.bench.importer;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.body.BodyValidator;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.era.Era1Config;
import io.headersync.core.era.Era1Source;
import io.headersync.core.era.EpochAccumulator;
import io.headersync.core.source.SourceBlock;
import io.headersync.core.source.SourceFormatException;
import io.headersync.node.importer.ChainImporter;
import io.headersync.store.WriteBatch;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where an import's CPU goes: each step the importer takes per header, timed alone on one
 * thread over the same blocks, in CPU microseconds per header. The steps are those of
 * {@code ChainImporter} and {@code ChunkVerifier} with seal checks off: read the era1 file
 * (decompress, decode header and body), hash the header and fold it into the epoch accumulator,
 * check the body against the header, run the header rules against the parent, write batches of
 * a chunk to RocksDB. Their sum is what one core would spend; compare it with the import's
 * measured CPU to see the cost of the hand-offs and of the threads the steps do not show (JIT,
 * GC, RocksDB's own).
 */
final class PhaseBreakdown {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final List<ChainFiles> chains;
  private final int chunk;
  private final Path work;
  private final Map<String, Rates> phases = new LinkedHashMap<>();

  PhaseBreakdown(List<ChainFiles> chains, int chunk, Path work) {
    this.chains = chains;
    this.chunk = chunk;
    this.work = work;
  }

  /** One pass over every phase; call it once per round. */
  void measure() throws Exception {
    long headers = 0;
    List<List<SourceBlock>> blocks = new ArrayList<>();
    long c = THREADS.getCurrentThreadCpuTime();
    for (ChainFiles chain : chains) {
      List<SourceBlock> chainBlocks = new ArrayList<>();
      for (Path file : chain.files()) {
        chainBlocks.addAll(read(file));
      }
      blocks.add(chainBlocks);
      headers += chainBlocks.size();
    }
    record("read era1: decompress, decode header and body", c, headers);

    c = THREADS.getCurrentThreadCpuTime();
    long sink = 0;
    for (List<SourceBlock> chain : blocks) {
      for (SourceBlock b : chain) {
        sink += b.header().hash().unsafeArray()[0]; // cached on the header, as the import's reader does
      }
    }
    record("keccak-256 of the header", c, headers);

    c = THREADS.getCurrentThreadCpuTime();
    for (List<SourceBlock> chain : blocks) {
      EpochAccumulator acc = null;
      for (int i = 0; i < chain.size(); i++) {
        if (i % EpochAccumulator.EPOCH_SIZE == 0) {
          acc = new EpochAccumulator();
        }
        SourceBlock b = chain.get(i);
        acc.add(b.header().hash(), b.totalDifficulty());
      }
      sink += acc.size();
    }
    record("epoch accumulator (2 SHA-256 per header)", c, headers);

    c = THREADS.getCurrentThreadCpuTime();
    for (List<SourceBlock> chain : blocks) {
      for (SourceBlock b : chain) {
        if (b.bodyRlp() != null) {
          BodyValidator.validate(b.header(), b.bodyRlp());
        }
      }
    }
    record("body against header (tx and ommers roots)", c, headers);

    c = THREADS.getCurrentThreadCpuTime();
    for (int k = 0; k < chains.size(); k++) {
      sink += rules(chains.get(k), blocks.get(k));
    }
    record("header rules against the parent", c, headers);

    c = THREADS.getCurrentThreadCpuTime();
    long processCpu = processCpuNanos();
    for (int k = 0; k < chains.size(); k++) {
      store(chains.get(k), blocks.get(k));
    }
    record("RocksDB write, one batch per chunk (this thread)", c, headers);
    phases.computeIfAbsent("RocksDB write, whole process (with its own threads)", x -> new Rates())
        .add((processCpuNanos() - processCpu) / 1e3 / headers);
    if (sink == 42) {
      System.out.print("");
    }
  }

  /** Prints the lowest and median of each phase over the rounds measured, and their sum. */
  void print(double importCpuLowest, double importCpuMedian) {
    System.out.println();
    System.out.printf(Locale.ROOT, "%-58s %8s %8s%n", "where an import's CPU goes: each step alone, us/header", "lowest", "median");
    double sumLowest = 0;
    double sumMedian = 0;
    for (Map.Entry<String, Rates> e : phases.entrySet()) {
      System.out.printf(Locale.ROOT, "  %-56s %8.2f %8.2f%n", e.getKey(), e.getValue().lowest(), e.getValue().median());
      if (!e.getKey().startsWith("RocksDB write, one batch")) { // counted within the whole-process figure
        sumLowest += e.getValue().lowest();
        sumMedian += e.getValue().median();
      }
    }
    System.out.printf(Locale.ROOT, "  %-56s %8.2f %8.2f%n", "sum of the steps", sumLowest, sumMedian);
    System.out.printf(Locale.ROOT, "  %-56s %8.2f %8.2f%n", "the import, whole process (from the rounds above)", importCpuLowest,
        importCpuMedian);
  }

  private void record(String phase, long cpuStart, long headers) {
    phases.computeIfAbsent(phase, x -> new Rates()).add((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e3 / headers);
  }

  private static List<SourceBlock> read(Path file) throws IOException, SourceFormatException {
    List<SourceBlock> out = new ArrayList<>(EpochAccumulator.EPOCH_SIZE);
    try (Era1Source source = Era1Source.open(file, Era1Config.DEFAULT.withCheckAccumulator(false))) {
      for (Optional<SourceBlock> b = source.next(); b.isPresent(); b = source.next()) {
        out.add(b.get());
      }
    }
    return out;
  }

  private static int rules(ChainFiles chain, List<SourceBlock> blocks) throws InvalidHeaderException {
    HeaderValidator validator = new HeaderValidator(chain.spec());
    int checked = 0;
    for (int i = 1; i < blocks.size(); i++) {
      SourceBlock parent = blocks.get(i - 1);
      validator.validate(blocks.get(i).header(), parent.header(), parent.totalDifficulty());
      checked++;
    }
    return checked;
  }

  private void store(ChainFiles chain, List<SourceBlock> blocks) throws IOException {
    Path dir = Files.createTempDirectory(work, "headersync-bench-phase-");
    try (RocksDbHeaderStore store = RocksDbHeaderStore.open(dir, chain.spec().genesisHash())) {
      BlockHeader genesis = blocks.get(0).header();
      store.commit(new WriteBatch(2).putCanonicalHeader(genesis, genesis.difficulty()).setCheckpoint(ChainImporter.STAGE, 0));
      for (int from = 1; from < blocks.size(); from += chunk) {
        int to = Math.min(blocks.size(), from + chunk);
        WriteBatch batch = new WriteBatch((to - from) * 2 + 1);
        for (int i = from; i < to; i++) {
          batch.putCanonicalHeader(blocks.get(i).header(), blocks.get(i).totalDifficulty());
        }
        batch.setCheckpoint(ChainImporter.STAGE, to - 1);
        store.commit(batch);
      }
    } finally {
      ImportBenchmark.deleteTree(dir);
    }
  }

  private static long processCpuNanos() {
    return ImportBenchmark.processCpuNanos();
  }
}
