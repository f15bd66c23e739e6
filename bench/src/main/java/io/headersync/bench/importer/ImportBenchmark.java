package io.headersync.bench.importer;

import io.headersync.bench.fixtures.BenchData;
import io.headersync.consensus.seal.SealMode;
import io.headersync.consensus.seal.SealVerifier;
import io.headersync.consensus.seal.SealVerifiers;
import io.headersync.core.era.Era1Config;
import io.headersync.core.era.Era1Source;
import io.headersync.core.source.SourceBlock;
import io.headersync.core.source.SourceFormatException;
import io.headersync.node.importer.ChainImporter;
import io.headersync.node.importer.ChunkVerifier;
import io.headersync.node.importer.ImportConfig;
import io.headersync.node.importer.ImportException;
import io.headersync.node.progress.ProgressReporter;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Imports the shared mainnet (blocks 0–16383) and Sepolia (0–40959) era1 files into fresh
 * RocksDB data directories with seal checks off, as {@code headersync import --seal off} does,
 * and prints headers per second beside, measured in the same run on the same headers:
 *
 * <ul>
 *   <li>Keccak-256 of every header's RLP once, on one thread and on the import's thread count:
 *       the limit. The ratio import / keccak (import's thread count) is the figure of merit:
 *       at 0.5 or more, storing and checking a header costs no more than hashing it does;
 *   <li>reading the era1 files without any check (decompress and decode header and body), and
 *       reading them as the importer does (plus the epoch accumulator, which hashes every
 *       header), so a reader can see where an import's time goes.
 * </ul>
 *
 * <p>Options: {@code --data DIR} (default {@code -Dheadersync.data} or {@code ../shared/data}),
 * {@code --rounds N} (measured rounds, default 5; best and median are reported),
 * {@code --warmup N} (unreported rounds first, default 1), {@code --threads N} (import workers,
 * default the processors available, as the command), {@code --chunk N} (default 2048, as the
 * command), {@code --chains a,b} (default {@code mainnet,sepolia}), {@code --work DIR} (where the
 * temporary data directories go, default the system temporary folder), {@code --phases true|false}
 * (also time each step of an import alone, {@link PhaseBreakdown}; default true).
 */
public final class ImportBenchmark {

  /** Passes over all headers per keccak measurement: one pass takes only a fraction of a second. */
  private static final int KECCAK_PASSES = 4;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ImportBenchmark() {}

  /** One round's rates in headers per second. */
  /**
   * One round: rates in headers per second; CPU costs in microseconds per header (keccak: the
   * hashing thread's; import: the whole process's, and the calling thread's alone, which is the
   * part no worker can take over).
   */
  private record Round(double read, double readAsImport, double keccakOne, double keccakAll, double importRate,
      double openCloseSeconds, double keccakCpu, double importCpu, double importCallerCpu) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    if (opts.containsKey("data")) {
      System.setProperty("headersync.data", opts.get("data"));
    }
    int rounds = positive(opts, "rounds", 5);
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "1"));
    int threads = positive(opts, "threads", ImportConfig.DEFAULT.threads());
    int chunk = positive(opts, "chunk", ImportConfig.DEFAULT.chunkSize());
    Path work = Path.of(opts.getOrDefault("work", System.getProperty("java.io.tmpdir")));
    ImportConfig config = new ImportConfig(chunk, threads, Duration.ofDays(1));
    boolean phases = Boolean.parseBoolean(opts.getOrDefault("phases", "true"));

    List<ChainFiles> chains = new ArrayList<>();
    for (String name : opts.getOrDefault("chains", "mainnet,sepolia").split(",")) {
      chains.add(ChainFiles.load(name.strip()));
    }
    byte[][] headers = headerRlps(chains);
    double loadStart = loadAverage();
    System.out.printf(Locale.ROOT, "import benchmark: %s; %,d headers; seal checks off; %d import threads, chunk %d%n",
        describe(chains), headers.length, threads, chunk);
    System.out.printf(Locale.ROOT, "%s %s, %d cpus, load average %.2f at the start; data %s%n",
        System.getProperty("java.vm.name"), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        loadStart, BenchData.root());

    Rates read = new Rates();
    Rates readAsImport = new Rates();
    Rates keccakOne = new Rates();
    Rates keccakAll = new Rates();
    Rates imports = new Rates();
    Rates keccakCpu = new Rates();
    Rates importCpu = new Rates();
    Rates callerCpu = new Rates();
    PhaseBreakdown breakdown = phases ? new PhaseBreakdown(chains, chunk, work) : null;
    try (KeccakLimit keccak = new KeccakLimit(headers, threads)) {
      for (int r = -warmup; r < rounds; r++) {
        Round round = round(chains, keccak, config, work);
        if (breakdown != null && r >= 0) {
          breakdown.measure();
        }
        String label = r < 0 ? "warm-up" : "round " + (r + 1) + "/" + rounds;
        System.out.printf(Locale.ROOT, "%-12s read %,9.0f/s  read+acc %,9.0f/s  keccak 1t %,9.0f/s  keccak %dt %,9.0f/s"
                + "  import %,9.0f/s  ratio %.2f  (open+close %.2f s; cpu us/header: keccak %.2f, import %.2f, caller %.2f)%n",
            label, round.read(), round.readAsImport(), round.keccakOne(), threads, round.keccakAll(), round.importRate(),
            round.importRate() / round.keccakAll(), round.openCloseSeconds(), round.keccakCpu(), round.importCpu(),
            round.importCallerCpu());
        if (r >= 0) {
          read.add(round.read());
          readAsImport.add(round.readAsImport());
          keccakOne.add(round.keccakOne());
          keccakAll.add(round.keccakAll());
          imports.add(round.importRate());
          keccakCpu.add(round.keccakCpu());
          importCpu.add(round.importCpu());
          callerCpu.add(round.importCallerCpu());
        }
      }
    }

    System.out.println();
    System.out.printf(Locale.ROOT, "%-52s %14s %14s%n", "headers per second", "best", "median");
    row("read era1, no checks (decompress, decode)", read);
    row("read era1 as the importer does (+ accumulator)", readAsImport);
    row("keccak-256 of each header, 1 thread", keccakOne);
    row("keccak-256 of each header, " + threads + " threads (the limit)", keccakAll);
    row("import, seal off (" + threads + " threads)", imports);
    System.out.printf(Locale.ROOT, "%-52s %14.2f %14.2f%n", "ratio import / keccak " + threads + " threads (goal >= 0.5)",
        imports.best() / keccakAll.best(), imports.median() / keccakAll.median());
    System.out.printf(Locale.ROOT, "%-52s %14.2f %14.2f%n", "ratio import / keccak 1 thread",
        imports.best() / keccakOne.best(), imports.median() / keccakOne.median());
    System.out.println();
    System.out.printf(Locale.ROOT, "%-52s %14s %14s%n", "CPU microseconds per header (less load-sensitive)", "lowest", "median");
    cost("keccak-256, hashing thread", keccakCpu);
    cost("import, whole process (all threads)", importCpu);
    cost("import, calling thread only (its serial part)", callerCpu);
    System.out.printf(Locale.ROOT, "%-52s %14.2f %14.2f%n", "CPU ratio keccak / import (bound on the ratio above)",
        keccakCpu.lowest() / importCpu.lowest(), keccakCpu.median() / importCpu.median());
    if (breakdown != null) {
      breakdown.print(importCpu.lowest(), importCpu.median());
    }
    System.out.printf(Locale.ROOT, "load average: %.2f at the start, %.2f at the end (%d cpus; above that, expect noise)%n",
        loadStart, loadAverage(), Runtime.getRuntime().availableProcessors());
  }

  private static Round round(List<ChainFiles> chains, KeccakLimit keccak, ImportConfig config, Path work) throws Exception {
    Era1Config noChecks = Era1Config.DEFAULT.withCheckAccumulator(false);
    double read = readRate(chains, noChecks);
    double readAsImport = readRate(chains, Era1Config.DEFAULT);
    KeccakLimit.SingleThread keccakOne = keccak.singleThread(KECCAK_PASSES);
    double keccakAll = keccak.allThreads(KECCAK_PASSES);
    long imported = 0;
    double importSeconds = 0;
    double openClose = 0;
    double cpuMicros = 0;
    double callerCpuMicros = 0;
    for (ChainFiles chain : chains) {
      ImportTiming t = importChain(chain, config, work);
      imported += t.imported();
      importSeconds += t.importSeconds();
      openClose += t.openCloseSeconds();
      cpuMicros += t.cpuMicros();
      callerCpuMicros += t.callerCpuMicros();
    }
    return new Round(read, readAsImport, keccakOne.perSecond(), keccakAll, imported / importSeconds, openClose,
        keccakOne.cpuMicrosPerHeader(), cpuMicros / imported, callerCpuMicros / imported);
  }

  private record ImportTiming(long imported, double importSeconds, double openCloseSeconds, double cpuMicros,
      double callerCpuMicros) {}

  /** One import into a fresh directory; the rate counts {@code importFiles} alone, opening and closing the store apart. */
  private static ImportTiming importChain(ChainFiles chain, ImportConfig config, Path work) throws IOException, ImportException {
    Path dir = Files.createTempDirectory(work, "headersync-bench-" + chain.name() + "-");
    try {
      long opening = System.nanoTime();
      long started;
      long finished;
      long cpuStart;
      long cpuEnd;
      long callerStart;
      long callerEnd;
      ChainImporter.Result result;
      try (RocksDbHeaderStore store = RocksDbHeaderStore.open(dir, chain.spec().genesisHash());
          SealVerifier seals = SealVerifiers.forChain(chain.spec(), SealMode.OFF);
          ChunkVerifier verifier = new ChunkVerifier(chain.spec(), seals, config.threads())) {
        ProgressReporter quiet = ProgressReporter.silent("import");
        ChainImporter importer = new ChainImporter(chain.spec(), store, verifier, chain.accumulator(), config, quiet);
        cpuStart = processCpuNanos();
        callerStart = THREADS.getCurrentThreadCpuTime();
        started = System.nanoTime();
        result = importer.importFiles(chain.files());
        finished = System.nanoTime();
        callerEnd = THREADS.getCurrentThreadCpuTime();
        cpuEnd = processCpuNanos();
      }
      long closed = System.nanoTime();
      long expected = chain.files().size() * 8192L - 1; // every block but the genesis, which opening the store writes
      if (result.imported() != expected) {
        throw new IllegalStateException(chain.name() + ": imported " + result.imported() + " headers, expected " + expected);
      }
      return new ImportTiming(result.imported(), (finished - started) / 1e9, ((started - opening) + (closed - finished)) / 1e9,
          (cpuEnd - cpuStart) / 1e3, (callerEnd - callerStart) / 1e3);
    } finally {
      deleteTree(dir);
    }
  }

  private static double readRate(List<ChainFiles> chains, Era1Config config) throws IOException, SourceFormatException {
    long t = System.nanoTime();
    long count = 0;
    long sink = 0;
    for (ChainFiles chain : chains) {
      for (Path file : chain.files()) {
        try (Era1Source source = Era1Source.open(file, config)) {
          for (Optional<SourceBlock> b = source.next(); b.isPresent(); b = source.next()) {
            count++;
            sink += b.get().header().number();
          }
        }
      }
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    if (sink < 0) {
      System.out.print("");
    }
    return count / seconds;
  }

  /** Every header's RLP, read once with no checks, for the keccak limit. */
  private static byte[][] headerRlps(List<ChainFiles> chains) throws IOException, SourceFormatException {
    List<byte[]> out = new ArrayList<>();
    Era1Config headersOnly = Era1Config.HEADERS_ONLY.withCheckAccumulator(false);
    for (ChainFiles chain : chains) {
      for (Path file : chain.files()) {
        try (Era1Source source = Era1Source.open(file, headersOnly)) {
          for (Optional<SourceBlock> b = source.next(); b.isPresent(); b = source.next()) {
            out.add(b.get().header().encoded());
          }
        }
      }
    }
    return out.toArray(new byte[0][]);
  }

  private static void cost(String what, Rates costs) {
    System.out.printf(Locale.ROOT, "%-52s %14.2f %14.2f%n", what, costs.lowest(), costs.median());
  }

  private static void row(String what, Rates rates) {
    System.out.printf(Locale.ROOT, "%-52s %,14.0f %,14.0f%n", what, rates.best(), rates.median());
  }

  private static String describe(List<ChainFiles> chains) {
    List<String> parts = new ArrayList<>();
    for (ChainFiles c : chains) {
      parts.add(c.name() + " 0-" + (c.files().size() * 8192L - 1) + " (" + c.files().size() + " era1 files)");
    }
    return String.join(" + ", parts);
  }

  /** CPU time of every thread of this process, native ones (RocksDB's) included. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static int positive(Map<String, String> opts, String key, int fallback) {
    int v = opts.containsKey(key) ? Integer.parseInt(opts.get(key)) : fallback;
    if (v < 1) {
      throw new IllegalArgumentException("--" + key + " must be at least 1, got " + v);
    }
    return v;
  }

  private static Map<String, String> options(String[] args) {
    List<String> known = List.of("data", "rounds", "warmup", "threads", "chunk", "chains", "work", "phases");
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String key = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!known.contains(key) || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected one of --" + String.join(", --", known) + " with a value; found '"
            + args[i] + "'");
      }
      opts.put(key, args[++i]);
    }
    return opts;
  }
}
