package io.headersync.node.devnet;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.node.wiring.NodeRuntime;
import io.headersync.store.HeaderStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * A local network on loopback: N serving nodes over one generated chain, a block producer that
 * grows it (with reorgs), and one syncing node that syncs it, then follows it.
 *
 * <pre>{@code
 * try (Devnet net = Devnet.start(DevnetSettings.DEFAULT, Devnet.Output.STDOUT)) {
 *   DevnetResult result = net.run();
 * }
 * }</pre>
 *
 * {@link #start} makes the chain, fills the servers' store and starts the servers and the syncing
 * node (which dials them at once); {@link #run} waits for the first sync, then starts the producer
 * and waits until the syncing node has followed the blocks and reorgs asked for (or the duration
 * passed), stops the producer, lets the syncing node catch the last head and compares both chains
 * hash by hash.
 */
public final class Devnet implements AutoCloseable {

  /** Where the devnet's lines go (the screen, a test's list). */
  public interface Output {
    Output STDOUT = new Output() {
      @Override
      public void line(String text) {
        System.out.println(text);
      }
    };

    void line(String text);

    /** The first sync's progress: {@code done} headers of {@code total}, the store's head at {@code head}. Default: nothing. */
    default void syncProgress(long done, long total, long head) {}
  }

  /** How often the run checks the syncing node's store. */
  private static final Duration CHECK_INTERVAL = Duration.ofMillis(20);
  /** How often the first sync's progress is read (a hop onto the sync loop). */
  private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);
  /** The longest the first sync may make no progress at all before the run gives up. */
  static final Duration SYNC_STALL_LIMIT = Duration.ofSeconds(60);

  private final DevnetSettings settings;
  private final Output out;
  private final Path root;
  private final boolean temporary;
  private final DevnetChain chain;
  private final ServerStore serverStore;
  private final DevnetServers servers;
  private final FollowTracker follow = new FollowTracker();
  private final BlockProducer producer;
  private final LongSupplier clock = System::nanoTime;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "devnet-producer");
    t.setDaemon(true);
    return t;
  });
  private SyncingNode node;
  private final UnaryOperator<NodeRuntime.Builder> extras;
  private ScheduledFuture<?> production;
  private volatile boolean stopRequested;

  private Devnet(DevnetSettings settings, Output out, UnaryOperator<NodeRuntime.Builder> extras) {
    this.settings = settings;
    this.out = out;
    this.extras = extras;
    this.temporary = settings.datadir().isEmpty();
    try {
      this.root = settings.datadir().isPresent() ? settings.datadir().get() : Files.createTempDirectory("headersync-devnet");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a temporary directory for the devnet", e);
    }
    long started = clock.getAsLong();
    this.chain = DevnetChain.create(settings.seed(), settings.headers());
    this.serverStore = ServerStore.fill(chain, root.resolve("servers"), true, n -> {});
    out.line(String.format("devnet: chain of %,d headers made and stored for the servers in %.1f s (genesis %s)",
        settings.headers() + 1, seconds(clock.getAsLong() - started), chain.spec().genesisHash()));
    this.servers = new DevnetServers(chain.spec(), serverStore.store(), settings.peers(), settings.seed());
    this.producer = new BlockProducer(chain, serverStore.store(), settings.reorgEvery(), settings.reorgDepth(), event -> {
      follow.announced(event, clock.getAsLong());
      servers.announce(event);
    });
    for (int i = 0; i < servers.count(); i++) {
      out.line("devnet: server " + i + " " + servers.enode(i).orElseThrow());
    }
  }

  /** Makes the chain, starts the servers and the syncing node. */
  public static Devnet start(DevnetSettings settings, Output out) {
    return start(settings, out, UnaryOperator.identity());
  }

  /**
   * Makes the chain, starts the servers and the syncing node, which also runs what {@code extras}
   * adds to its runtime (JSON-RPC, the Engine API).
   */
  public static Devnet start(DevnetSettings settings, Output out, UnaryOperator<NodeRuntime.Builder> extras) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(extras, "extras");
    Devnet devnet = new Devnet(settings, out, extras);
    try {
      devnet.startNode();
    } catch (RuntimeException e) {
      devnet.close();
      throw e;
    }
    return devnet;
  }

  private void startNode() {
    node = new SyncingNode(chain, root.resolve("node"), servers.enodes(), settings.strategy(), settings.blockTime(),
        settings.seed() + 1_000_003, Optional.of(producer.head().hash()), extras);
    out.line("devnet: syncing node " + node.enode() + " (data directory " + root.resolve("node") + ")");
  }

  public DevnetSettings settings() {
    return settings;
  }

  public DevnetChain chain() {
    return chain;
  }

  public DevnetServers servers() {
    return servers;
  }

  public BlockProducer producer() {
    return producer;
  }

  public SyncingNode node() {
    return node;
  }

  public FollowTracker follow() {
    return follow;
  }

  /** The servers' store (their canonical chain). */
  public HeaderStore serverStore() {
    return serverStore.store();
  }

  /**
   * Stops the syncing node and starts a new one over the same data directory (a restart): what it
   * had committed must still be there, and it must resume following.
   */
  public void restartNode() {
    node.close();
    startNode();
  }

  /**
   * Waits for the first sync: the servers' head stored canonical on the syncing node. Progress
   * counts headers downloaded (a reverse download stores nothing canonical until its walk down
   * meets the local chain, so the store's head alone would sit at 0 until the end).
   */
  public double awaitSynced() throws InterruptedException {
    long start = clock.getAsLong();
    long startHead = node.head().number();
    long total = Math.max(0, producer.head().number() - startHead);
    long lastDone = -1;
    long lastMove = start;
    long nextReport = start;
    while (!(node.synced() && node.store().isCanonical(producer.head().hash()))) {
      if (stopRequested) {
        throw new DevnetException("stopped during the first sync, at #" + node.head().number());
      }
      long now = clock.getAsLong();
      if (now >= nextReport) {
        long head = node.head().number();
        long done = Math.min(total, Math.max(head - startHead, node.headersDownloaded()));
        out.syncProgress(done, total, head);
        if (done != lastDone) {
          lastDone = done;
          lastMove = now;
        } else if (now - lastMove > SYNC_STALL_LIMIT.toNanos()) {
          throw new DevnetException("the first sync made no progress for " + SYNC_STALL_LIMIT.toSeconds() + " s at #" + head
              + " of #" + producer.head().number() + "; " + node.followDiagnostics());
        }
        nextReport = now + PROGRESS_INTERVAL.toNanos();
      }
      TimeUnit.MILLISECONDS.sleep(CHECK_INTERVAL.toMillis());
    }
    out.syncProgress(total, total, node.head().number());
    return seconds(clock.getAsLong() - start);
  }

  /** Makes {@link #awaitSynced} and {@link #run} end at their next check (SIGTERM, Ctrl-C). */
  public void requestStop() {
    stopRequested = true;
  }

  /** Starts producing blocks every block time. */
  public synchronized void startProducing() {
    if (production == null) {
      long period = settings.blockTime().toNanos();
      production = timer.scheduleAtFixedRate(this::produce, period, period, TimeUnit.NANOSECONDS);
    }
  }

  private void produce() {
    try {
      ChainEvent event = producer.step();
      out.line("produce: " + describe(event));
    } catch (RuntimeException e) {
      out.line("produce: failed: " + e);
    }
  }

  public synchronized void stopProducing() throws InterruptedException {
    if (production != null) {
      production.cancel(false);
      production = null;
      // let a step that is running finish
      try {
        timer.submit(() -> {}).get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new DevnetException("the block producer did not stop within 10 s: " + e);
      }
    }
  }

  /** Checks the pending changes now; answers those followed. */
  public List<FollowTracker.Followed> checkFollowed() {
    return follow.check(node.store(), clock.getAsLong());
  }

  /**
   * The whole run: the first sync, then following until the blocks and reorgs asked for were
   * followed (or the duration passed), then the final comparison.
   */
  public DevnetResult run() throws InterruptedException {
    long syncStartHead = node.head().number();
    double syncSeconds;
    try {
      syncSeconds = awaitSynced();
    } catch (DevnetException e) {
      return result(0, 0, Optional.of(e.getMessage()));
    }
    long synced = producer.head().number() - syncStartHead;
    out.line(String.format("sync: %,d headers in %.1f s (%,.0f headers/s); following the servers' head now, a block every "
        + "%.1f s%s", synced, syncSeconds, synced / Math.max(syncSeconds, 1e-9), settings.blockTime().toMillis() / 1000.0,
        settings.reorgEvery() > 0 ? ", a reorg of depth " + settings.reorgDepth() + " every " + settings.reorgEvery() + " blocks" : ""));
    startProducing();
    long start = clock.getAsLong();
    Optional<Long> deadline = settings.duration().map(d -> start + d.toNanos());
    // Without a duration, give up when the following takes far longer than the blocks asked for need.
    long steps = Math.max(settings.followBlocks(), 1) + (long) settings.followReorgs() * Math.max(settings.reorgEvery(), 1) + 4;
    long giveUp = start + settings.blockTime().toNanos() * (steps * 3 + 10);
    Optional<String> failure = Optional.empty();
    while (true) {
      for (FollowTracker.Followed f : checkFollowed()) {
        out.line(String.format("follow: %s, %d ms after it was announced%s", describe(f.event()), f.lagNanos() / 1_000_000,
            f.lagNanos() > 2 * settings.blockTime().toNanos() ? " (over two block times)" : ""));
      }
      long now = clock.getAsLong();
      if (stopRequested) {
        failure = deadline.isPresent() ? Optional.empty() : Optional.of("stopped before the blocks and reorgs asked for were followed");
        break;
      }
      if (deadline.isPresent()) {
        if (now >= deadline.get()) {
          break;
        }
      } else if (follow.followedBlocks() >= settings.followBlocks() && follow.followedReorgs() >= settings.followReorgs()) {
        break;
      } else if (now > giveUp) {
        failure = Optional.of(String.format("followed %d of %d blocks and %d of %d reorgs in %.0f s", follow.followedBlocks(),
            settings.followBlocks(), follow.followedReorgs(), settings.followReorgs(), seconds(now - start)));
        break;
      }
      TimeUnit.MILLISECONDS.sleep(CHECK_INTERVAL.toMillis());
    }
    stopProducing();
    return result(synced, syncSeconds, failure);
  }

  private DevnetResult result(long synced, double syncSeconds, Optional<String> failure) throws InterruptedException {
    BlockHeader target = producer.head();
    long until = clock.getAsLong() + 2 * settings.blockTime().toNanos() + Duration.ofSeconds(5).toNanos();
    while (!node.store().isCanonical(target.hash()) && clock.getAsLong() < until) {
      TimeUnit.MILLISECONDS.sleep(CHECK_INTERVAL.toMillis());
    }
    checkFollowed();
    Optional<String> mismatch = compareChains();
    mismatch.ifPresent(m -> out.line("devnet: chains differ: " + m));
    List<Long> lags = new ArrayList<>();
    for (FollowTracker.Followed f : follow.followed()) {
      lags.add(f.lagNanos() / 1_000_000);
    }
    return new DevnetResult(synced, syncSeconds, follow.followedBlocks(), follow.followedReorgs(), lags,
        settings.blockTime().toMillis(), node.head().number(), mismatch.isEmpty(), failure);
  }

  /** Compares the syncing node's canonical chain with the servers', hash by hash; answers the first difference. */
  public Optional<String> compareChains() {
    HeaderStore a = serverStore.store();
    HeaderStore b = node.store();
    long headA = a.head().orElseThrow().number();
    long headB = b.head().orElseThrow().number();
    if (headA != headB) {
      return Optional.of("the servers' head is #" + headA + ", the syncing node's #" + headB);
    }
    for (long n = headA; n >= 0; n--) {
      Optional<Hash> x = a.canonicalHash(n);
      Optional<Hash> y = b.canonicalHash(n);
      if (!x.equals(y)) {
        return Optional.of("block #" + n + ": servers " + x.map(Hash::toString).orElse("none") + ", syncing node "
            + y.map(Hash::toString).orElse("none"));
      }
    }
    return Optional.empty();
  }

  private static String describe(ChainEvent event) {
    return switch (event) {
      case ChainEvent.NewBlock b -> String.format("new head #%,d %s", b.head().number(), b.head().hash());
      case ChainEvent.Reorg r -> String.format("reorg depth %d at #%,d: #%,d %s -> #%,d %s", r.depth(), r.forkPoint(),
          r.oldHead().number(), r.oldHead().hash(), r.head().number(), r.head().hash());
    };
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (node != null) {
      node.close();
    }
    servers.close();
    serverStore.close();
    if (temporary) {
      ServerStore.deleteTree(root);
    }
  }
}
