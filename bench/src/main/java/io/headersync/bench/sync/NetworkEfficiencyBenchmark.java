package io.headersync.bench.sync;

import io.headersync.sync.controller.Strategy;
import io.headersync.sync.controller.SyncControllerConfig;
import io.headersync.testkit.run.SimulationResult;
import io.headersync.testkit.run.SimulationSettings;
import java.time.Duration;
import java.util.Locale;

/**
 * Network efficiency: each strategy syncs a chain from honest peers over links of fixed latency
 * and bandwidth (default 20 peers, 100 ms, 2 MB/s each, 1,000,000 headers, into RocksDB), and the
 * rate in headers per virtual second is divided by the network's own limit ({@code
 * BandwidthBound}: per peer the smaller of bandwidth over header size and the request window's
 * turnover). Goals: at least 0.9 for reverse and slices, 0.8 for skeleton. Virtual time is the
 * network's time: CPU work costs none of it, so the ratio measures the strategy's use of the
 * network alone.
 *
 * <p>With {@code --widened true} the slice strategy runs a second time with its in-flight slice
 * limit raised to two per peer (the request scheduler's per-peer limit), to tell how much of a
 * shortfall its default limit causes. (The skeleton strategy already scales its requests with
 * the peers.)
 *
 * <p>Options: {@code --headers N}, {@code --peers N}, {@code --latency-ms L}, {@code
 * --bandwidth-bytes B}, {@code --seed S}, {@code --strategies reverse,skeleton,slices},
 * {@code --widened true|false} (default false).
 */
public final class NetworkEfficiencyBenchmark {

  private NetworkEfficiencyBenchmark() {}

  private static void row(String label, Strategy strategy, SimulationSettings settings) {
    SyncRuns.Timed t = SyncRuns.onDisk(settings);
    SimulationResult r = t.result();
    System.out.printf(Locale.ROOT, "%-9s %,10d %10.2f %,12.0f %,12.0f %7.3f %6s %9.1f %8.1f %9.0f %s%n",
        label, r.headers(), r.virtualSeconds(), r.headersPerVirtualSecond(), r.bound().total(), r.ratio(),
        strategy == Strategy.SKELETON ? ">=0.8" : ">=0.9", r.cpuSeconds(), r.wallSeconds(), r.peakHeapMb(),
        SyncRuns.verdict(r) + ", legs " + r.strategies() + ", requests " + r.requestsSent());
  }

  public static void main(String[] args) {
    BenchOptions o = new BenchOptions(args);
    long headers = o.longValue("headers", 1_000_000);
    int peers = o.intValue("peers", 20);
    long latency = o.longValue("latency-ms", 100);
    long bandwidth = o.longValue("bandwidth-bytes", 2_000_000);
    SimulationSettings base = SimulationSettings.DEFAULT.withHeaders(headers).withPeers(peers, 0)
        .withLink(Duration.ofMillis(latency), bandwidth).withSeed(o.longValue("seed", 1));
    SyncRuns.header();
    System.out.printf(Locale.ROOT, "## network efficiency: %,d headers, %d honest peers, %d ms, %,d B/s each, RocksDB%n",
        headers, peers, latency, bandwidth);
    System.out.printf(Locale.ROOT, "%-9s %10s %10s %12s %12s %7s %6s %9s %8s %9s %s%n", "strategy", "headers", "virtual s",
        "headers/s", "bound h/s", "ratio", "goal", "cpu s", "wall s", "heap MB", "result");
    boolean widened = Boolean.parseBoolean(o.string("widened", "false"));
    for (String name : o.string("strategies", "reverse,skeleton,slices").split(",")) {
      Strategy strategy = Strategy.valueOf(name.strip().toUpperCase(Locale.ROOT));
      row(name.strip(), strategy, base.withStrategy(strategy));
      if (widened && strategy == Strategy.SLICES) {
        SyncControllerConfig c = base.controller();
        SyncControllerConfig wide = c.withSlices(c.slices().withMaxInFlightSlices(Math.max(c.slices().maxInFlightSlices(), 2 * peers)));
        row(name.strip() + "+", strategy, base.withStrategy(strategy).withController(wide));
      }
    }
    if (widened) {
      System.out.println("+: in-flight slice limit raised to two per peer");
    }
    System.out.printf(Locale.ROOT, "bound: per peer min(B/s, k*H/(L + H*s/B)), k = 2 requests per peer, H = headers per answer;"
        + " load average at the end %.2f%n", SyncRuns.loadAverage());
  }
}
