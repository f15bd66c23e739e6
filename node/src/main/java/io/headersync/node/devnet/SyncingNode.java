package io.headersync.node.devnet;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.node.rpc.HeadEventHub;
import io.headersync.node.wiring.NodeRuntime;
import io.headersync.node.wiring.SyncSettings;
import io.headersync.p2p.eth.EthConfig;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.node.P2pConfig;
import io.headersync.p2p.peers.PeerSetConfig;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import io.headersync.sync.controller.Strategy;
import io.headersync.sync.controller.SyncStatus;
import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.tip.TipTrackerConfig;
import io.headersync.sync.tip.TrustedTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The devnet's syncing node: the same {@link NodeRuntime} as {@code headersync sync} (request
 * scheduler, tip tracker, sync controller, tip follower, devp2p node) over a RocksDB store in its
 * data directory, dialing the servers as static peers. The first sync goes to a trusted target (the
 * servers' head when the node starts); once it is stored the tip follower keeps the node on the
 * servers' head, through their reorgs.
 *
 * <p>What differs from {@code sync}'s defaults, and why: the tip tracker's clocks are scaled to the
 * devnet's block time (its defaults are for 12 s slots) and one server's head is enough for its
 * estimate (the servers are all honest, and with servers leaving and joining fewer than three may
 * be connected); eth announcements may come a few a second, since devnet blocks can come every
 * second or faster; a server that went away is redialed within seconds (1 s, doubling to at most
 * 4 s), since devnet servers come back at once on the same port.
 */
public final class SyncingNode implements AutoCloseable {

  private final RocksDbHeaderStore store;
  private final NodeRuntime runtime;

  /**
   * @param datadir where the store lives; a store left there by an earlier run resumes
   * @param servers the servers to dial (static peers)
   * @param blockTime the chain's block interval, which scales the tip tracker's clocks
   * @param trustedTarget the first sync's target, as {@code sync --target} gives it (an eth/68
   *     Status names the head's hash but not its number, so the peers' heads become known only with
   *     their first announcement); empty to wait for the peers' heads or a consensus client
   * @param extras anything more the node should run (JSON-RPC, the Engine API)
   */
  public SyncingNode(DevnetChain chain, Path datadir, List<Enode> servers, Strategy strategy, Duration blockTime, long keySeed,
      Optional<Hash> trustedTarget, UnaryOperator<NodeRuntime.Builder> extras) {
    ChainSpec spec = Objects.requireNonNull(chain, "chain").spec();
    this.store = RocksDbHeaderStore.open(datadir, spec.genesisHash());
    try {
      if (store.head().isEmpty()) {
        // The devnet's genesis carries mainnet's terminal total difficulty, as the servers' store does.
        store.commit(new WriteBatch(2).putCanonicalHeader(spec.genesis(), chain.totalDifficulty())
            .setCheckpoint(HeadersStage.ID, 0));
      }
      EthConfig eth = EthConfig.DEFAULT.withRates(EthConfig.DEFAULT.messageRate(), new EthConfig.RateLimit(64, 8));
      P2pConfig p2p = P2pConfig.DEFAULT.withListen("127.0.0.1", 0).withDiscovery(false).withStaticPeers(servers).withEth(eth)
          .withPeers(PeerSetConfig.DEFAULT.withRedialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4)));
      SyncSettings d = SyncSettings.DEFAULT;
      SyncSettings sync = new SyncSettings(strategy, trustedTarget.map(TrustedTarget::hash), d.peerTimeout(),
          d.progressInterval(), d.controller(), d.scheduler(), tipConfig(blockTime));
      this.runtime = extras.apply(NodeRuntime.builder(spec, store, NodeKey.generate(new Random(keySeed)), p2p).sync(sync))
          .start();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * The tip tracker's clocks scaled to the devnet's block time: announcements refill four times a
   * block, flood reports and target look-ups once a block; one server's head makes an estimate.
   */
  static TipTrackerConfig tipConfig(Duration blockTime) {
    TipTrackerConfig d = TipTrackerConfig.DEFAULT;
    return new TipTrackerConfig(blockTime, d.staleAfterBlocks(), 1,
        d.maxTrackedPeers(), d.announceBurst(), blockTime.dividedBy(4), blockTime, blockTime);
  }

  public HeaderStore store() {
    return store;
  }

  public NodeRuntime runtime() {
    return runtime;
  }

  /** Head changes as JSON-RPC subscriptions hear them. */
  public HeadEventHub heads() {
    return runtime.headEvents();
  }

  public Enode enode() {
    return runtime.enode();
  }

  /** Whether the first sync reached its target (live following goes on after). */
  public boolean synced() {
    return runtime.synced().isDone() && !runtime.synced().isCompletedExceptionally();
  }

  public BlockHeader head() {
    BlockRef ref = store.head().orElseThrow();
    return store.header(ref.hash()).orElseThrow();
  }

  /** Headers the current header-sync leg has downloaded and handed to the store so far (0 between legs). */
  public long headersDownloaded() {
    return runtime.syncStatus().flatMap(SyncStatus::downloader).map(DownloaderStats::headersHandedOut).orElse(0L);
  }

  /** The sync's and the follower's state, for diagnostics. */
  public String followDiagnostics() {
    return "follower " + runtime.followState().map(Object::toString).orElse("none") + "; sync "
        + runtime.syncStatus().map(Object::toString).orElse("none");
  }

  @Override
  public void close() {
    try {
      runtime.close();
    } finally {
      store.close();
    }
  }
}
