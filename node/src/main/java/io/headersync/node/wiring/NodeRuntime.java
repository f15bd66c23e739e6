package io.headersync.node.wiring;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.consensus.seal.SealVerifier;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.node.engine.EngineApi;
import io.headersync.node.engine.EngineConfig;
import io.headersync.node.engine.EngineServer;
import io.headersync.node.engine.JwtSecret;
import io.headersync.node.metrics.NodeMetrics;
import io.headersync.node.metrics.SyncProbe;
import io.headersync.node.progress.ProgressReporter;
import io.headersync.node.rpc.HeadEvent;
import io.headersync.node.rpc.HeadEventHub;
import io.headersync.node.rpc.RpcBackend;
import io.headersync.node.rpc.StoreHeadWatcher;
import io.headersync.node.rpc.SyncProgress;
import io.headersync.node.rpc.server.RpcServer;
import io.headersync.node.rpc.server.RpcServerOptions;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.node.P2pConfig;
import io.headersync.p2p.node.P2pNetwork;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerReporter;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.sync.controller.SyncController;
import io.headersync.sync.controller.SyncStatus;
import io.headersync.sync.controller.TargetTrust;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.follow.FollowConfig;
import io.headersync.sync.follow.FollowListener;
import io.headersync.sync.follow.TipFollower;
import io.headersync.sync.live.BlockDownloadConfig;
import io.headersync.sync.live.LiveBlockDownloader;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.EventLoopScheduler;
import io.headersync.sync.tip.TipTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running headersync node: a store and a chain spec, devp2p networking serving the store
 * ({@link P2pNetwork}), and, when sync settings are given, the sync engine (request scheduler, tip
 * tracker, sync controller) fed by the network's peers, heading for a trusted target or the best
 * head the peers claim. The store's new heads are announced to peers as they come. Once synced,
 * the {@link TipFollower} keeps the chain on the tip (new heads and reorgs, published on
 * {@link #headEvents()}); JSON-RPC and the Engine API are served when asked for.
 *
 * <pre>{@code
 * try (NodeRuntime node = NodeRuntime.builder(spec, store, key, p2p).sync(SyncSettings.DEFAULT).start()) {
 *   System.out.println(node.enode());
 *   BlockRef head = node.synced().get();
 * }
 * }</pre>
 *
 * <p>Several runtimes can run in one JVM, each with its own store, key and ports (port 0 picks a
 * free one; {@link #enode()} tells which). The caller owns the store and closes it after the
 * runtime.
 */
public final class NodeRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);
  private static final long CLOSE_WAIT_SECONDS = 10;

  /** Why a sync stopped short of its target. */
  public static final class SyncFailure extends RuntimeException {
    /** What went wrong, for the exit code. */
    public enum Kind {
      /** No eth peer became usable within the peer time-out. */
      NO_PEERS,
      /** The sync engine failed (an invalid chain, a store error). */
      FAILED
    }

    private final Kind kind;

    SyncFailure(Kind kind, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }

  /** What a runtime is made of. */
  public static final class Builder {
    private final ChainSpec spec;
    private final HeaderStore store;
    private final NodeKey key;
    private final P2pConfig p2p;
    private SyncSettings sync;
    private SealVerifier seals;
    private NodeMetrics metrics;
    private ProgressReporter progress;
    private FollowConfig follow = FollowConfig.DEFAULT;
    private RpcServerOptions rpc;
    private EngineConfig engine;
    private JwtSecret jwtSecret;

    private Builder(ChainSpec spec, HeaderStore store, NodeKey key, P2pConfig p2p) {
      this.spec = Objects.requireNonNull(spec, "spec");
      this.store = Objects.requireNonNull(store, "store");
      this.key = Objects.requireNonNull(key, "key");
      this.p2p = Objects.requireNonNull(p2p, "p2p");
    }

    /** Syncs with these settings (without, the node only serves). */
    public Builder sync(SyncSettings value) {
      sync = Objects.requireNonNull(value, "sync");
      return this;
    }

    /** Seal checks for skeleton legs (default none). */
    public Builder seals(SealVerifier value) {
      seals = value;
      return this;
    }

    /** Binds the store and the sync to these metrics. */
    public Builder metrics(NodeMetrics value) {
      metrics = value;
      return this;
    }

    /** Reports the sync's progress here (called on the sync loop). */
    public Builder progress(ProgressReporter value) {
      progress = value;
      return this;
    }

    /**
     * How the node follows the tip once synced (default {@link FollowConfig#DEFAULT}). A syncing
     * node always follows: after the first sync the {@link TipFollower} keeps the chain on the tip.
     */
    public Builder follow(FollowConfig value) {
      follow = Objects.requireNonNull(value, "follow");
      return this;
    }

    /** Serves JSON-RPC over HTTP and/or WebSocket as {@code value} asks (default: none). */
    public Builder rpc(RpcServerOptions value) {
      rpc = value;
      return this;
    }

    /**
     * Serves the Engine API on its JWT-authenticated port: a consensus client's forkchoiceUpdated
     * head becomes the sync's trusted target (the follower's target once following).
     */
    public Builder engine(EngineConfig config, JwtSecret secret) {
      engine = Objects.requireNonNull(config, "config");
      jwtSecret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /**
     * Writes the genesis into an empty store, starts the network, then the sync.
     *
     * @throws java.io.UncheckedIOException when a port cannot be bound
     */
    public NodeRuntime start() {
      return new NodeRuntime(this);
    }
  }

  private final ChainSpec spec;
  private final HeaderStore store;
  private final EventLoopScheduler loop;
  private final SyncSettings settings;
  private final ProgressReporter progress;
  private final CompletableFuture<BlockRef> synced = new CompletableFuture<>();
  private final RequestScheduler scheduler;
  private final TipTracker tips;
  private final PeerHeads heads;
  private final SyncController controller;
  private final P2pNetwork network;
  private final HeadEventHub headEvents = new HeadEventHub();
  private final StoreHeadWatcher headWatcher;
  private final TipFollower follower;
  private final RpcServer rpcServer;
  private final EngineServer engineServer;
  /** With the Engine API the consensus client names the head: peers' claims start no sync. */
  private final boolean consensusClientLeads;
  /** The consensus client's last head (read and written on the loop). */
  private SyncTarget engineHead;
  private Cancellable ticker = Cancellable.NONE;
  private long announcedHead = -1;
  private long startHead;
  private boolean sawPeer;
  private volatile boolean closed;

  private NodeRuntime(Builder b) {
    this.spec = b.spec;
    this.store = b.store;
    this.settings = b.sync;
    this.progress = b.progress;
    this.consensusClientLeads = b.engine != null;
    ensureGenesis(store, spec);
    this.loop = new EventLoopScheduler("sync-" + b.key.nodeId().toHex().substring(0, 8));
    List<PeerSetListener> listeners = new ArrayList<>();
    PeerReporter reporter;
    if (settings != null) {
      scheduler = new RequestScheduler(settings.scheduler(), loop);
      tips = new TipTracker(settings.tips(), loop, scheduler);
      heads = new PeerHeads(loop, this::onPeerHead);
      controller = SyncController.builder(settings.controller().withStrategy(settings.strategy()), store, loop,
              new HeaderValidator(spec))
          .scheduler(scheduler).seals(b.seals).build();
      follower = new TipFollower(b.follow, store, loop, new HeaderValidator(spec),
          new LiveBlockDownloader(BlockDownloadConfig.DEFAULT, loop, scheduler, scheduler), scheduler, (t, reason) -> {
            LOG.info("live following hands back to a header sync toward {}: {}", t.hash(), reason);
            controller.syncTo(t, TargetTrust.TRUSTED);
          });
      follower.addListener(new FollowListener() {
        /** The tip of the last reorg: the follower also reports it as a new head, which subscribers already got. */
        private io.headersync.core.bytes.Hash reorgTip;

        @Override
        public void newHead(BlockHeader head) {
          if (head.hash().equals(reorgTip)) {
            reorgTip = null;
            return;
          }
          headEvents.publish(new HeadEvent.Extended(List.of(head)));
        }

        @Override
        public void reorg(BlockRef forkPoint, List<BlockHeader> removed, List<BlockHeader> added) {
          reorgTip = added.getLast().hash();
          headEvents.publish(new HeadEvent.Reorg(removed, added));
        }
      });
      listeners.addAll(List.of(scheduler, tips, heads, follower, new PeerSetListener() {
        @Override
        public void peerConnected(PeerHandle peer) {
          sawPeer = true;
        }

        @Override
        public void peerDisconnected(PeerId peer, DisconnectReason reason) {}
      }));
      reporter = scheduler;
    } else {
      scheduler = null;
      tips = null;
      heads = null;
      controller = null;
      follower = null;
      reporter = (peer, offence, detail) -> LOG.debug("peer {} reported for {}: {}", peer, offence, detail);
    }
    try {
      network = P2pNetwork.start(b.p2p, b.key, spec, store, loop, reporter, listeners);
    } catch (RuntimeException e) {
      loop.close();
      throw e;
    }
    if (b.metrics != null) {
      b.metrics.bindStore(store);
      if (controller != null) {
        b.metrics.bindSync(loop, SyncProbe.of(scheduler).withController(controller));
      }
    }
    startHead = store.head().map(BlockRef::number).orElse(0L);
    headWatcher = new StoreHeadWatcher(store, headEvents, 128, 64);
    RpcServer rpcStarted = null;
    EngineServer engineStarted = null;
    try {
      if (b.rpc != null && (b.rpc.http() || b.rpc.ws())) {
        rpcStarted = RpcServer.start(b.rpc, rpcBackend());
      }
      if (b.engine != null) {
        engineStarted = EngineServer.start(b.engine, b.jwtSecret, java.time.Clock.systemUTC(),
            new EngineApi(store, new HeaderValidator(spec), headEvents, this::engineTarget, b.engine), rpcBackend());
      }
    } catch (RuntimeException e) {
      if (rpcStarted != null) {
        rpcStarted.close();
      }
      network.close();
      loop.close();
      throw e;
    }
    rpcServer = rpcStarted;
    engineServer = engineStarted;
    loop.execute(this::startOnLoop);
  }

  public static Builder builder(ChainSpec spec, HeaderStore store, NodeKey key, P2pConfig p2p) {
    return new Builder(spec, store, key, p2p);
  }

  /** Writes {@code spec}'s genesis (and the headers checkpoint at 0) into an empty store. */
  public static void ensureGenesis(HeaderStore store, ChainSpec spec) {
    if (store.head().isEmpty()) {
      BlockHeader genesis = spec.genesis();
      store.commit(new WriteBatch(2).putCanonicalHeader(genesis, genesis.difficulty()).setCheckpoint(HeadersStage.ID, 0));
    }
  }

  // ---------------------------------------------------------------- on the loop

  private void startOnLoop() {
    if (closed) {
      return;
    }
    if (controller != null) {
      controller.setListener(new SyncController.Listener() {
        @Override
        public void synced(BlockRef head) {
          onSynced(head);
        }

        @Override
        public void failed(RuntimeException cause) {
          synced.completeExceptionally(new SyncFailure(SyncFailure.Kind.FAILED, "sync failed: " + cause.getMessage(), cause));
        }
      });
      tips.addListener(t -> {
        if (following()) {
          follower.targetChanged(t);
        }
      });
      settings.target().ifPresent(target -> {
        tips.addListener(t -> {
          if (!following() && tips.isTargetTrusted() && t.number().isPresent()) {
            controller.syncTo(t, TargetTrust.TRUSTED);
          }
        });
        tips.setTrustedTarget(target);
      });
      loop.schedule(settings.peerTimeout(), () -> {
        if (!sawPeer && !synced.isDone()) {
          synced.completeExceptionally(new SyncFailure(SyncFailure.Kind.NO_PEERS, "no peer reachable within "
              + settings.peerTimeout().toSeconds() + " s (" + network.peerSet().snapshot().counter(
                  io.headersync.p2p.peers.PeerSetCounter.DIALS) + " dials made; give reachable --peers or --bootnodes)",
              null));
        }
      });
    }
    tick();
  }

  private void onPeerHead(SyncTarget head) {
    if (following()) {
      follower.targetChanged(head);
      return;
    }
    if (settings.target().isPresent() || consensusClientLeads || controller.state() == SyncController.State.FAILED) {
      return;
    }
    LOG.info("best head peers claim: #{} {}", head.number().getAsLong(), head.hash());
    controller.syncTo(head, TargetTrust.PEERS);
  }

  private void onSynced(BlockRef head) {
    Optional<SyncTarget> goal = settings.target().isPresent() ? tips.currentTarget()
        : consensusClientLeads ? Optional.ofNullable(engineHead) : heads.best();
    if (goal.isPresent() && store.isCanonical(goal.get().hash())) {
      if (settings.target().isPresent()) {
        tips.targetReached(goal.get());
      }
      LOG.info("synced: head #{} {}", head.number(), head.hash());
      synced.complete(head);
    }
    if (synced.isDone() && !synced.isCompletedExceptionally() && follower.state() != TipFollower.State.FOLLOWING
        && follower.state() != TipFollower.State.CLOSED) {
      headWatcher.poll(); // the header sync's last head; from now on the follower publishes
      follower.start();
    }
  }

  private boolean following() {
    return follower != null && follower.state() == TipFollower.State.FOLLOWING;
  }

  /** A consensus client's head: the follower's target once following, the sync's trusted target before. */
  private void engineTarget(SyncTarget target) {
    loop.execute(() -> {
      if (controller == null) {
        return;
      }
      engineHead = target;
      if (following()) {
        follower.setTarget(target);
      } else {
        controller.syncTo(target, TargetTrust.TRUSTED);
      }
    });
  }

  private RpcBackend rpcBackend() {
    return RpcBackend.of(store, spec.chainId(), spec.networkId()).withHeads(headEvents).withSync(() -> {
      long head = store.head().map(BlockRef::number).orElse(0L);
      if (controller == null || synced.isDone()) {
        return SyncProgress.synced(head);
      }
      long highest = heads != null ? heads.best().flatMap(t -> t.number().isPresent()
          ? Optional.of(t.number().getAsLong()) : Optional.<Long>empty()).orElse(head) : head;
      return SyncProgress.syncing(startHead, head, Math.max(head, highest));
    });
  }

  /** Reports progress and announces a new head, once per progress interval. */
  private void tick() {
    if (closed) {
      return;
    }
    if (!following()) {
      headWatcher.poll();
    }
    Optional<BlockRef> head = store.head();
    if (head.isPresent() && head.get().number() != announcedHead) {
      long number = head.get().number();
      if (announcedHead >= 0) {
        store.canonicalHeader(number).ifPresent(network::announceHead);
      }
      announcedHead = number;
    }
    if (progress != null && controller != null && head.isPresent()) {
      controller.status().target().flatMap(t -> t.number().isPresent() ? Optional.of(t.number().getAsLong()) : Optional.empty())
          .ifPresent(t -> progress.total(Math.max(0, t - startHead)));
      progress.update(Math.max(0, head.get().number() - startHead), head.get().number());
    }
    ticker = loop.schedule(settings != null ? settings.progressInterval() : SyncSettings.DEFAULT.progressInterval(),
        this::tick);
  }

  // ---------------------------------------------------------------- queries

  /** Head changes (the follower's new heads and reorgs; the store's head during a header sync), as RPC subscriptions hear them. */
  public HeadEventHub headEvents() {
    return headEvents;
  }

  /** Where JSON-RPC is served, when asked for. */
  public Optional<RpcServer> rpcServer() {
    return Optional.ofNullable(rpcServer);
  }

  /** Where the Engine API is served, when asked for. */
  public Optional<EngineServer> engineServer() {
    return Optional.ofNullable(engineServer);
  }

  /** The tip follower's state, read on the sync loop; empty for a serve-only node. */
  public Optional<TipFollower.State> followState() {
    return follower == null ? Optional.empty() : Optional.of(onLoop(follower::state));
  }

  /** Our enode URL, with the port actually bound. */
  public Enode enode() {
    return network.enode();
  }

  public int listenPort() {
    return network.listenPort();
  }

  public P2pNetwork network() {
    return network;
  }

  public HeaderStore store() {
    return store;
  }

  public ChainSpec spec() {
    return spec;
  }

  /**
   * Completes with the head once the target (or, without one, the best head peers claim) is stored
   * canonical; fails with a {@link SyncFailure} when no peer came within the peer time-out or the
   * sync failed. Never completes for a serve-only node.
   */
  public CompletableFuture<BlockRef> synced() {
    return synced;
  }

  /** The sync's status, read on the sync loop; empty for a serve-only node. */
  public Optional<SyncStatus> syncStatus() {
    if (controller == null) {
      return Optional.empty();
    }
    return Optional.of(onLoop(controller::status));
  }

  private <T> T onLoop(Supplier<T> work) {
    CompletableFuture<T> f = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        f.complete(work.get());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    try {
      return f.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the sync loop", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("reading the sync loop failed: " + e, e);
    }
  }

  /** Disconnects every peer, stops the sync after its current step, and stops every thread; the store stays open. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (engineServer != null) {
      engineServer.close();
    }
    if (rpcServer != null) {
      rpcServer.close();
    }
    network.close();
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    loop.execute(() -> {
      ticker.cancel();
      if (controller != null) {
        follower.close();
        controller.close();
        scheduler.close();
      }
      if (progress != null) {
        progress.finish();
      }
      stopped.complete(null);
    });
    try {
      stopped.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("the sync loop did not stop cleanly: {}", e.toString());
    }
    loop.close();
    if (!synced.isDone()) {
      synced.completeExceptionally(new SyncFailure(SyncFailure.Kind.FAILED, "the node was closed before the sync ended",
          null));
    }
  }
}
