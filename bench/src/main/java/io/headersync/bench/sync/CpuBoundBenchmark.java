package io.headersync.bench.sync;

import io.headersync.sync.controller.Strategy;
import io.headersync.testkit.run.SimulationResult;
import io.headersync.testkit.run.SimulationSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * CPU bound: each strategy syncs a chain (default 2,000,000 headers, into RocksDB) from peers with
 * zero latency and unlimited bandwidth, so only CPU limits it. Printed: headers per CPU second of
 * the sync (the run thread's CPU time minus the time spent making the synthetic chain the peers
 * serve), the wall rate of the sync (the run alone: neither making the chain before it nor the
 * store audit after it), and the ratio of the sync's rate to the foundation's import rate (the node
 * importer over mainnet era1 with seal checks off, measured first in the same JVM): both store the
 * same headers into the same store after the same rule checks, so the ratio shows what the
 * network machinery (scheduler, downloader, stages) costs on top.
 *
 * <p>Peers answer with headers decoded afresh from their bytes ({@code --wire-copies true}, the
 * default), so the sync pays for decoding and hashing every header as the importer does; with
 * {@code false} they hand over the chain's own objects and the figure leaves that cost out.
 *
 * <p>Options: {@code --headers N}, {@code --peers N}, {@code --strategies reverse,skeleton,slices},
 * {@code --import-rounds N} (default 3; 0 skips the import measurement), {@code --wire-copies
 * true|false}, {@code --cached-segments N} (segments of 1,024 headers the synthetic chain keeps
 * made; more makes the peers' side of the run cheaper at the cost of heap).
 */
public final class CpuBoundBenchmark {

  /** Bytes per second standing for "unlimited": a 2 MiB answer takes about 2 ns. */
  private static final long UNLIMITED = 1_000_000_000_000_000L;

  private CpuBoundBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions o = new BenchOptions(args);
    long headers = o.longValue("headers", 2_000_000);
    int peers = o.intValue("peers", 8);
    SyncRuns.header();
    int rounds = o.intValue("import-rounds", 3);
    Optional<FoundationImportRate> importRate = rounds > 0 ? FoundationImportRate.measure(rounds) : Optional.empty();
    importRate.ifPresent(i -> System.out.printf(Locale.ROOT,
        "foundation import (mainnet era1 0-16383, seal off, %d threads): %,.0f headers/s, %.2f CPU us/header (%,.0f headers"
            + " per CPU second)%n", i.threads(), i.headersPerSecond(), i.cpuMicrosPerHeader(), 1e6 / i.cpuMicrosPerHeader()));
    SimulationSettings base = SimulationSettings.DEFAULT.withHeaders(headers).withPeers(peers, 0)
        .withLink(Duration.ZERO, UNLIMITED).withSeed(o.longValue("seed", 1))
        .withCachedChainSegments(o.intValue("cached-segments", SimulationSettings.DEFAULT.cachedChainSegments()))
        .withWireCopies(Boolean.parseBoolean(o.string("wire-copies", "true")));
    System.out.printf(Locale.ROOT, "## CPU bound: %,d headers, %d peers, zero latency, unlimited bandwidth, RocksDB, %s%n", headers,
        peers, base.wireCopies() ? "answers decoded and hashed by the sync" : "answers handed over decoded (no decode or hash cost)");
    System.out.printf(Locale.ROOT, "%-9s %10s %9s %9s %9s %13s %11s %9s %9s %8s %s%n", "strategy", "headers", "cpu s",
        "chain s", "sync s", "h/sync-cpu-s", "wall h/s", "vs import", "cpu/cpu", "heap MB", "result");
    for (String name : o.string("strategies", "reverse,skeleton,slices").split(",")) {
      Strategy strategy = Strategy.valueOf(name.strip().toUpperCase(Locale.ROOT));
      SyncRuns.Timed t = SyncRuns.onDisk(base.withStrategy(strategy));
      SimulationResult r = t.result();
      double wallRate = r.headers() / r.wallSeconds();
      double perCpu = r.headersPerSyncCpuSecond();
      String vsImport = importRate.map(i -> String.format(Locale.ROOT, "%.2f", perCpu / i.headersPerSecond())).orElse("-");
      String cpuVsCpu = importRate.map(i -> String.format(Locale.ROOT, "%.2f", perCpu / (1e6 / i.cpuMicrosPerHeader())))
          .orElse("-");
      System.out.printf(Locale.ROOT, "%-9s %,10d %9.1f %9.1f %9.1f %,13.0f %,11.0f %9s %9s %8.0f %s%n", name.strip(),
          r.headers(), r.cpuSeconds(), r.simulationSeconds(), r.syncCpuSeconds(), perCpu, wallRate, vsImport, cpuVsCpu,
          r.peakHeapMb(), SyncRuns.verdict(r) + ", process cpu " + String.format(Locale.ROOT, "%.1f s", r.processCpuSeconds()));
    }
    System.out.println("vs import: sync headers per sync-CPU second / import headers per wall second (import uses its worker"
        + " threads); cpu/cpu: the same against import headers per process-CPU second");
    System.out.printf(Locale.ROOT, "load average at the end %.2f%n", SyncRuns.loadAverage());
  }
}
