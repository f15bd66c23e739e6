package io.headersync.bench.p2p;

import io.headersync.core.bytes.Hash;
import io.headersync.node.wiring.NodeRuntime;
import io.headersync.node.wiring.SyncSettings;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.node.P2pConfig;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.p2p.rlpx.ProtocolChannel;
import io.headersync.p2p.rlpx.ProtocolFactory;
import io.headersync.p2p.rlpx.ProtocolHandler;
import io.headersync.p2p.rlpx.RlpxConfig;
import io.headersync.p2p.rlpx.RlpxSession;
import io.headersync.p2p.rlpx.RlpxTransport;
import io.headersync.p2p.rlpx.SessionListener;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.controller.Strategy;
import io.headersync.sync.tip.TrustedTarget;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.run.SimulatedSync;
import io.headersync.testkit.run.SimulationResult;
import io.headersync.testkit.run.SimulationSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A whole sync over real devp2p on loopback: a synthetic Cancun-shaped chain (default 1,000,000
 * headers above its first block, the chain the simulated benchmarks use) is written into a RocksDB
 * store that {@code servers} headersync nodes (default 4, each with its own key, port, RLPx
 * threads, eth sessions and store server) serve; a fresh node with its own RocksDB store syncs
 * it to the head's hash, given as trusted target, from all of them. All nodes run in this one JVM
 * (the servers share the one store, read-only), so the sync competes with its servers for the
 * machine's cores: a lower bound for a node syncing from remote peers.
 *
 * <p>Printed, each next to what limits it in the same run: headers per second of the sync (goal
 * at least 100,000), and the same sync over the simulated network with zero latency and unlimited
 * bandwidth (the CPU-bound rate of the sync engine alone, {@code SimulatedSync}) with their
 * ratio; the median and spread of {@code dials} RLPx session set-ups (TCP connect, EIP-8
 * handshake, Hello) to one server; bytes on the wire per header synced, snappy on (every byte
 * the syncing node read from its sockets, handshakes and frame overhead included).
 *
 * <p>Options: {@code --headers N}, {@code --servers N}, {@code --strategy reverse|skeleton|slices},
 * {@code --dials N} (default 50), {@code --seed N}, {@code --runs N} (default 3: the same sync again
 * into a fresh store by a fresh node, the first run in a cold JVM, the later ones warm; the ratio
 * is the last run's), {@code --skip-sim} (no simulated run).
 */
public final class P2pSyncBenchmark {

  /** Bytes per second standing for "unlimited" in the simulated run, as the CPU-bound benchmark uses. */
  private static final long UNLIMITED = 1_000_000_000_000_000L;
  private static final int WRITE_BATCH = 10_000;

  private P2pSyncBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    long headers = Long.parseLong(o.getOrDefault("headers", "1000000"));
    int servers = Integer.parseInt(o.getOrDefault("servers", "4"));
    int dials = Integer.parseInt(o.getOrDefault("dials", "50"));
    long seed = Long.parseLong(o.getOrDefault("seed", "1"));
    Strategy strategy = Strategy.valueOf(o.getOrDefault("strategy", "reverse").toUpperCase(Locale.ROOT));
    boolean sim = !o.containsKey("skip-sim");
    int runs = Integer.parseInt(o.getOrDefault("runs", "3"));
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
    }

    System.out.printf(Locale.ROOT, "# p2p sync benchmark: %,d headers, %d servers, %s, %d cpus, load average %.2f, max heap %d MB%n",
        headers, servers, strategy.name().toLowerCase(Locale.ROOT), Runtime.getRuntime().availableProcessors(),
        loadAverage(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    SimulationSettings settings = SimulationSettings.DEFAULT.withHeaders(headers).withSeed(seed).withPeers(servers, 0)
        .withLink(Duration.ZERO, UNLIMITED).withStrategy(strategy);
    LazyHeaderChain chain = SimulatedSync.chain(settings);
    long t = System.nanoTime();
    Hash headHash = chain.head().hash();
    System.out.printf(Locale.ROOT, "chain made in %.1f s: #%d..#%d, head %s%n", (System.nanoTime() - t) / 1e9,
        chain.firstNumber(), chain.headNumber(), headHash);

    Path root = Files.createTempDirectory("headersync-p2p-bench-");
    try {
      Path servedDir = root.resolve("served");
      t = System.nanoTime();
      try (HeaderStore served = RocksDbHeaderStore.open(servedDir, chain.hash(chain.firstNumber()))) {
        fill(served, chain);
        System.out.printf(Locale.ROOT, "servers' store written in %.1f s%n", (System.nanoTime() - t) / 1e9);
        List<NodeRuntime> nodes = new ArrayList<>();
        try {
          for (int i = 0; i < servers; i++) {
            nodes.add(NodeRuntime.builder(SimulatedSync.spec(), served, NodeKey.generate(new Random(seed * 100 + i)),
                loopback(List.of())).start());
          }
          List<Enode> enodes = nodes.stream().map(NodeRuntime::enode).toList();
          for (int run = 1; run <= runs; run++) {
            Path clientDir = root.resolve("client-" + run);
            syncFrom(clientDir, chain, headHash, enodes, strategy, seed, run, runs);
            deleteTree(clientDir);
          }
          handshakes(enodes.getFirst(), nodes.getFirst(), dials, seed);
        } finally {
          nodes.forEach(NodeRuntime::close);
        }
      }
      if (sim) {
        Path simDir = root.resolve("sim");
        SimulationResult r = SimulatedSync.run(settings.withDataDirectory(simDir));
        double simRate = r.headers() / r.wallSeconds();
        System.out.printf(Locale.ROOT, "simulated CPU-bound sync (same chain, %d peers, zero latency, unlimited bandwidth):"
            + " %,d headers in %.1f s wall = %,.0f headers/s (%s)%n", servers, r.headers(), r.wallSeconds(), simRate,
            r.succeeded() ? "ok" : "FAILED: " + r.problems());
        System.out.printf(Locale.ROOT, "ratio, devp2p sync / simulated CPU-bound sync: %.2f%n", lastRate / simRate);
      }
    } finally {
      deleteTree(root);
    }
    System.out.printf(Locale.ROOT, "load average at the end %.2f%n", loadAverage());
  }

  private static double lastRate;

  /**
   * One sync of the whole chain into a fresh store by a fresh node. The first run of a JVM also
   * pays for compiling the code it runs (a C2 compiler thread busy for seconds of a run this
   * short, which a sync of a real chain spreads over hours); later runs show the steady rate.
   */
  private static void syncFrom(Path dir, LazyHeaderChain chain, Hash headHash, List<Enode> servers, Strategy strategy,
      long seed, int run, int runs) throws Exception {
    long first = chain.firstNumber();
    try (RocksDbHeaderStore store = RocksDbHeaderStore.open(dir, chain.hash(first))) {
      store.commit(new WriteBatch().putCanonicalHeader(chain.header(first), chain.totalDifficulty(first)));
      SyncSettings settings = SyncSettings.DEFAULT.withStrategy(strategy)
          .withTarget(Optional.of(TrustedTarget.hash(headHash)));
      long t0 = System.nanoTime();
      long cpu0 = processCpuNanos();
      long jit0 = jitMillis();
      // Only a reverse run keeps its head still until its canonical pass, so only it has two phases to split.
      HeadWatch watch = strategy == Strategy.REVERSE ? HeadWatch.start(store, first) : null;
      try (NodeRuntime client = NodeRuntime.builder(SimulatedSync.spec(), store, NodeKey.generate(new Random(seed * 100 + 99 + 1000L * run)),
          loopback(servers)).sync(settings).start()) {
        BlockRef head = client.synced().get(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        double jit = (jitMillis() - jit0) / 1e3;
        long synced = head.number() - first;
        long received = client.network().traffic().bytesReceived();
        long sent = client.network().traffic().bytesSent();
        boolean onChain = head.hash().equals(headHash) && store.canonicalHash(first + synced / 2)
            .map(h -> h.equals(chain.hash(first + synced / 2))).orElse(false);
        lastRate = synced / seconds;
        String which = runs == 1 ? "" : run == 1 ? " (run 1 of " + runs + ", cold JVM: compiling as it goes)"
            : " (run " + run + " of " + runs + ", warm JVM)";
        System.out.printf(Locale.ROOT, "devp2p sync from %d servers on loopback%s: %,d headers in %.1f s = %,.0f headers/s "
            + "(goal >= 100,000), process CPU %.1f s (%.1f cores busy, %.1f µs per header, JIT compilers busy %.1f s); %s%n",
            servers.size(), which, synced, seconds, lastRate, cpu, cpu / seconds, cpu * 1e6 / synced, jit,
            onChain ? "head and middle hash match the chain" : "WRONG CHAIN");
        if (watch != null) {
          double firstMove = (watch.stop() - t0) / 1e9;
          System.out.printf(Locale.ROOT, "  the walk reached the local head after %.1f s; the canonical pass took %.1f s%n",
              firstMove, seconds - firstMove);
        }
        // Table files of disjoint key ranges are moved down whole; only overlapping ones are read and merged.
        System.out.printf(Locale.ROOT, "  the syncing node's compactions read %,.0f MB (files merged, not moved)%n",
            store.compactionBytesRead() / 1e6);
        if (run == runs) {
          System.out.printf(Locale.ROOT, "bytes on the wire, snappy on: %,d read (%.1f per header), %,d written (%.2f per header);"
              + " mean header RLP %.0f bytes%n", received, (double) received / synced, sent, (double) sent / synced,
              meanHeaderBytes(chain));
        }
      }
    }
  }

  /** Median of {@code dials} RLPx set-ups (connect, handshake, Hello) to one server, one at a time. */
  private static void handshakes(Enode server, NodeRuntime serverNode, int dials, long seed) throws Exception {
    long[] nanos = new long[dials];
    try (RlpxTransport raw = new RlpxTransport(NodeKey.generate(new Random(seed * 100 + 98)), "headersync-bench",
        List.of(new SilentEth()), RlpxConfig.DEFAULT.withDisconnectGrace(Duration.ZERO), SessionListener.ADMIT_ALL)) {
      for (int i = 0; i < dials; i++) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (serverNode.network().peerSet().isConnected(raw.nodeId()) && System.nanoTime() < deadline) {
          Thread.sleep(1); // the previous session is still closing on the server's side
        }
        long t = System.nanoTime();
        RlpxSession session = raw.dial(server).get(10, TimeUnit.SECONDS);
        nanos[i] = System.nanoTime() - t;
        session.disconnect(DisconnectReason.REQUESTED);
      }
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "RLPx session set-up (TCP connect, EIP-8 handshake, Hello), %d dials: median %.2f ms, "
        + "fastest %.2f ms, 90th percentile %.2f ms%n", dials, nanos[dials / 2] / 1e6, nanos[0] / 1e6,
        nanos[(int) Math.min(dials - 1, Math.floor(dials * 0.9))] / 1e6);
  }

  private static void fill(HeaderStore store, LazyHeaderChain chain) {
    WriteBatch batch = new WriteBatch(WRITE_BATCH);
    int n = 0;
    for (long number = chain.firstNumber(); number <= chain.headNumber(); number++) {
      batch.putCanonicalHeader(chain.header(number), chain.totalDifficulty(number));
      if (++n == WRITE_BATCH) {
        store.commit(batch);
        batch = new WriteBatch(WRITE_BATCH);
        n = 0;
      }
    }
    if (n > 0) {
      store.commit(batch);
    }
  }

  private static P2pConfig loopback(List<Enode> peers) {
    return P2pConfig.DEFAULT.withListen("127.0.0.1", 0).withDiscovery(false).withStaticPeers(peers);
  }

  private static double meanHeaderBytes(LazyHeaderChain chain) {
    long span = chain.headNumber() - chain.firstNumber();
    long total = 0;
    int samples = 256;
    for (int i = 0; i < samples; i++) {
      total += chain.header(chain.firstNumber() + span * i / samples).encoded().length;
    }
    return (double) total / samples;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name [value], got " + args[i]);
      }
      String name = args[i].substring(2);
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        out.put(name, args[++i]);
      } else {
        out.put(name, "true");
      }
    }
    return out;
  }

  /**
   * The JVM's count of time spent compiling so far: elapsed time of its compile tasks, not CPU, so
   * on a saturated machine it includes a compiler thread's waits for a core.
   */
  private static long jitMillis() {
    var jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }

  /** Offers eth/68 and ignores every message: the handshake measurement needs sessions, not eth. */
  private static final class SilentEth implements ProtocolFactory {
    @Override
    public List<Capability> capabilities() {
      return List.of(Capability.ETH_68);
    }

    @Override
    public int messageSpace(Capability capability) {
      return 17;
    }

    @Override
    public ProtocolHandler open(ProtocolChannel channel) {
      return new ProtocolHandler() {
        @Override
        public void onMessage(int code, byte[] payload) {}

        @Override
        public void onClosed(DisconnectReason reason, boolean byRemote) {}
      };
    }
  }
}
