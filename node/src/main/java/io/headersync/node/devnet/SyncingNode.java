package io.headersync.node.devnet;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.node.engine.EngineApi;
import io.headersync.node.engine.EngineConfig;
import io.headersync.node.engine.EngineServer;
import io.headersync.node.engine.JwtSecret;
import io.headersync.node.engine.TargetSink;
import io.headersync.node.rpc.HeadEvent;
import io.headersync.node.rpc.RpcBackend;
import io.headersync.node.rpc.HeadEventHub;
import io.headersync.node.rpc.StoreHeadWatcher;
import io.headersync.p2p.eth.EthConfig;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.node.P2pConfig;
import io.headersync.p2p.node.P2pNetwork;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import io.headersync.sync.controller.Strategy;
import io.headersync.sync.controller.SyncController;
import io.headersync.sync.controller.SyncControllerConfig;
import io.headersync.sync.controller.SyncStatus;
import io.headersync.sync.controller.TargetTrust;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.follow.FollowConfig;
import io.headersync.sync.follow.FollowListener;
import io.headersync.sync.follow.TipFollower;
import io.headersync.sync.live.BlockDownloadConfig;
import io.headersync.sync.live.LiveBlockDownloader;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.sync.tip.TipListener;
import io.headersync.sync.tip.TipTracker;
import io.headersync.sync.tip.TipTrackerConfig;
import io.headersync.sync.tip.TrustedTarget;
import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.EventLoopScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devnet's syncing node: a RocksDB store in its data directory, the sync event loop, the
 * request scheduler and tip tracker told of every peer, the sync controller, and a devp2p node
 * dialing the servers as static peers. The first sync goes to the trusted target; once the
 * controller has stored it, the {@link TipFollower} takes over: announcements and the tip tracker's
 * target (the servers' agreed head) drive the live block downloader, and each new head or reorg
 * is written in one store write. A target too far ahead for live download goes back to the
 * controller as a new leg, after which the follower resumes.
 *
 * <p>Head changes are published on {@link #heads()} (what JSON-RPC subscriptions listen to): the
 * follower's new heads and reorgs as they are written, and, during the header sync, the store's
 * head as a {@link StoreHeadWatcher} sees it.
 */
public final class SyncingNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncingNode.class);
  /** How often the store's head is compared with the last one seen, for head events. */
  static final Duration HEAD_POLL = Duration.ofMillis(50);

  private final RocksDbHeaderStore store;
  private final EventLoopScheduler loop = new EventLoopScheduler("devnet-sync-loop");
  private final RequestScheduler scheduler;
  private final TipTracker tips;
  private final SyncController controller;
  private final HeadEventHub heads = new HeadEventHub();
  private final StoreHeadWatcher watcher;
  private final TipFollower follower;
  private final HeaderValidator validator;
  private final ChainSpec spec;
  private final P2pNetwork network;
  private volatile boolean synced;
  private Cancellable poll = Cancellable.NONE;

  /**
   * @param datadir where the store lives; a store left there by an earlier run resumes
   * @param servers the servers to dial (static peers)
   * @param blockTime the chain's block interval, which scales the tip tracker's clocks
   * @param trustedTarget the first sync's target, as {@code sync --target} gives it: the servers'
   *     head when the node starts (an eth/68 Status names the head's hash but not its number, so
   *     the peers' heads become known only with their first announcement); empty to wait for
   *     announcements or a consensus client ({@link #startEngine})
   */
  public SyncingNode(DevnetChain chain, Path datadir, List<Enode> servers, Strategy strategy, Duration blockTime, long keySeed,
      Optional<Hash> trustedTarget) {
    ChainSpec spec = Objects.requireNonNull(chain, "chain").spec();
    this.store = RocksDbHeaderStore.open(datadir, spec.genesisHash());
    if (store.head().isEmpty()) {
      store.commit(new WriteBatch().putCanonicalHeader(spec.genesis(), chain.totalDifficulty()));
    }
    this.scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, loop);
    this.tips = new TipTracker(tipConfig(blockTime, servers.size()), loop, scheduler);
    this.controller = SyncController.builder(SyncControllerConfig.DEFAULT.withStrategy(strategy), store, loop,
        new HeaderValidator(spec)).scheduler(scheduler).build();

    this.watcher = new StoreHeadWatcher(store, heads, 128, 64);
    this.validator = new HeaderValidator(spec);
    this.spec = spec;
    this.follower = new TipFollower(FollowConfig.DEFAULT, store, loop, validator,
        new LiveBlockDownloader(BlockDownloadConfig.DEFAULT, loop, scheduler, scheduler), scheduler, (t, reason) -> {
          LOG.info("live following hands back to a header sync toward #{} {}: {}", t.number().orElse(-1), t.hash(), reason);
          controller.syncTo(t, TargetTrust.TRUSTED);
        });
    follower.addListener(new FollowListener() {
      @Override
      public void newHead(BlockHeader head) {
        heads.publish(new HeadEvent.Extended(List.of(head)));
      }

      @Override
      public void reorg(BlockRef forkPoint, List<BlockHeader> removed, List<BlockHeader> added) {
        heads.publish(new HeadEvent.Reorg(removed, added));
      }
    });
    controller.setListener(new SyncController.Listener() {
      @Override
      public void synced(BlockRef head) {
        synced = true;
        tips.targetReached(SyncTarget.of(head.hash(), head.number()));
        if (follower.state() != TipFollower.State.FOLLOWING) {
          watcher.poll(); // the header sync's last head, then the follower publishes
          follower.start();
        }
      }

      @Override
      public void failed(RuntimeException cause) {
        LOG.error("devnet sync failed: {}", cause.getMessage());
      }
    });
    tips.addListener(new TipListener() {
      @Override
      public void targetChanged(SyncTarget newTarget) {
        if (follower.state() == TipFollower.State.FOLLOWING) {
          follower.targetChanged(newTarget);
        } else {
          controller.syncTo(newTarget, TargetTrust.TRUSTED);
        }
      }
    });
    // Every announcement of a 1 s devnet block is honest: allow a few a second instead of eth's one.
    EthConfig eth = EthConfig.DEFAULT.withRates(EthConfig.DEFAULT.messageRate(), new EthConfig.RateLimit(64, 8));
    P2pConfig config = P2pConfig.DEFAULT.withListen("127.0.0.1", 0).withDiscovery(false).withStaticPeers(servers)
        .withEth(eth);
    this.network = P2pNetwork.start(config, NodeKey.generate(new Random(keySeed)), spec, store, loop, scheduler,
        List.of(scheduler, tips, follower));
    trustedTarget.ifPresent(t -> loop.execute(() -> tips.setTrustedTarget(TrustedTarget.hash(t))));
    loop.execute(this::pollHead);
  }

  /**
   * The tip tracker's clocks scaled to the devnet's block time (its defaults are for 12 s slots):
   * announcements refill four times a block, flood reports and target look-ups once a block; the
   * estimate needs as many peers as there are servers, up to the default three.
   */
  static TipTrackerConfig tipConfig(Duration blockTime, int servers) {
    TipTrackerConfig d = TipTrackerConfig.DEFAULT;
    return new TipTrackerConfig(blockTime, d.staleAfterBlocks(), Math.max(1, Math.min(d.minPeersForEstimate(), servers)),
        d.maxTrackedPeers(), d.announceBurst(), blockTime.dividedBy(4), blockTime, blockTime);
  }

  /**
   * Starts the Engine API on this node: a consensus client's forkchoiceUpdated head becomes the
   * sync's trusted target (the follower's target once following), and payloads it sends are
   * stored as the Engine API stores them.
   */
  public EngineServer startEngine(EngineConfig config, JwtSecret secret, Clock clock) {
    TargetSink sink = t -> loop.execute(() -> {
      if (follower.state() == TipFollower.State.FOLLOWING) {
        follower.setTarget(t);
      } else {
        controller.syncTo(t, TargetTrust.TRUSTED);
      }
    });
    EngineApi api = new EngineApi(store, validator, heads, sink, config);
    return EngineServer.start(config, secret, clock, api, RpcBackend.of(store, spec.chainId(), spec.networkId()).withHeads(heads));
  }

  private void pollHead() {
    if (follower.state() != TipFollower.State.FOLLOWING) {
      watcher.poll();
    }
    poll = loop.schedule(HEAD_POLL, this::pollHead);
  }

  public HeaderStore store() {
    return store;
  }

  public HeadEventHub heads() {
    return heads;
  }

  public Enode enode() {
    return network.enode();
  }

  public P2pNetwork network() {
    return network;
  }

  /** What the follower and the tip tracker did so far, for diagnostics; read on the loop. */
  public String followDiagnostics() {
    return CompletableFuture.supplyAsync(() -> "follower " + follower.state() + " " + follower.stats() + "; tip target "
        + tips.currentTarget() + ", " + tips.stats(), loop::execute).orTimeout(5, TimeUnit.SECONDS).join();
  }

  /** The tip follower's state, read on the loop. */
  public TipFollower.State followState() {
    return CompletableFuture.supplyAsync(follower::state, loop::execute).orTimeout(5, TimeUnit.SECONDS).join();
  }

  /** Whether the first sync reached its target (live following goes on after). */
  public boolean synced() {
    return synced;
  }

  public BlockHeader head() {
    BlockRef ref = store.head().orElseThrow();
    return store.header(ref.hash()).orElseThrow();
  }

  /** The controller's status, read on the loop. */
  public SyncStatus status() {
    return CompletableFuture.supplyAsync(controller::status, loop::execute).orTimeout(5, TimeUnit.SECONDS).join();
  }

  @Override
  public void close() {
    network.close();
    CompletableFuture.runAsync(() -> {
      poll.cancel();
      follower.close();
      controller.close();
      scheduler.close();
    }, loop::execute).orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    loop.close();
    store.close();
  }
}
