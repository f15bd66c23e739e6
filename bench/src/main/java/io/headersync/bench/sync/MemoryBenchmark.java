package io.headersync.bench.sync;

import io.headersync.sync.controller.LimitCheck;
import io.headersync.sync.controller.Strategy;
import io.headersync.testkit.run.SimulationResult;
import io.headersync.testkit.run.SimulationSettings;
import java.time.Duration;
import java.util.Locale;

/**
 * Memory: a long sync (default 10,000,000 headers, reverse, into RocksDB) with the default limits,
 * run in a JVM started with {@code -Xmx256m} by the script: the goal is that it completes there,
 * with the heap's peak (sampled every 10 ms) and the most a collection left below 256 MB. Peers
 * have 10 ms latency and 50 MB/s so the run is bound by CPU, not by virtual network time.
 *
 * <p>Options: {@code --headers N}, {@code --strategy reverse|skeleton|slices|auto}, {@code --peers N}.
 */
public final class MemoryBenchmark {

  private MemoryBenchmark() {}

  public static void main(String[] args) {
    BenchOptions o = new BenchOptions(args);
    long headers = o.longValue("headers", 10_000_000);
    Strategy strategy = Strategy.valueOf(o.string("strategy", "reverse").toUpperCase(Locale.ROOT));
    SimulationSettings settings = SimulationSettings.DEFAULT.withStrategy(strategy).withHeaders(headers)
        .withPeers(o.intValue("peers", 8), 0).withLink(Duration.ofMillis(10), 50_000_000).withSeed(o.longValue("seed", 1));
    SyncRuns.header();
    System.out.printf(Locale.ROOT, "## memory: %,d headers, %s, default limits, max heap %d MB%n", headers,
        strategy.name().toLowerCase(Locale.ROOT), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    SyncRuns.Timed t = SyncRuns.onDisk(settings);
    SimulationResult r = t.result();
    System.out.printf(Locale.ROOT, "synced %,d headers in %.0f s wall (%.0f s with making the chain and the audit; %.0f virtual s,"
        + " %.0f CPU s of the run thread): %s%n", r.headers(), r.wallSeconds(), t.wallSeconds(), r.virtualSeconds(),
        r.cpuSeconds(), SyncRuns.verdict(r));
    System.out.printf(Locale.ROOT, "peak heap used %.0f MB (sampled every 10 ms), most left after a collection %.0f MB;"
        + " goal < 256 MB: %s%n", r.peakHeapMb(), r.peakHeapAfterGcMb(), r.peakHeapAfterGcMb() < 256 && r.succeeded()
        ? "met" : "NOT met");
    for (LimitCheck l : r.limits()) {
      System.out.println("  limit " + l);
    }
    System.out.printf(Locale.ROOT, "store audit: %s; load average at the end %.2f%n", r.audit(), SyncRuns.loadAverage());
  }
}
