package io.headersync.testkit.follow;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreConsistency;
import io.headersync.store.WriteBatch;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.follow.FollowConfig;
import io.headersync.sync.follow.FollowListener;
import io.headersync.sync.follow.TipFollower;
import io.headersync.sync.live.BlockDownloadConfig;
import io.headersync.sync.live.LiveBlockDownloader;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.sync.tip.TipTracker;
import io.headersync.sync.tip.TipTrackerConfig;
import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.live.LiveChainProducer;
import io.headersync.testkit.live.ProducedBlock;
import io.headersync.testkit.run.AuditedStore;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.SimulatedNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One live-following simulation: a live chain with its peers, the request scheduler, the tip
 * tracker and a tip follower (with its own live block downloader) over an audited store that
 * already holds the chain up to the start head, as a synced controller leaves it. Records when
 * each block became canonical, every report made against a peer, and every hand-back.
 */
final class FollowRun {

  static final Duration BLOCK_TIME = Duration.ofSeconds(12);

  final SimulatedNetwork net;
  final LiveChainProducer producer;
  final RequestScheduler scheduler;
  final TipTracker tracker;
  final HeaderValidator rules;
  final FollowConfig config;
  final long startHead;
  final Map<Hash, Long> canonicalAt = new HashMap<>();
  final List<PeerId> reported = new ArrayList<>();
  final List<SyncTarget> handbacks = new ArrayList<>();
  final List<String> reorgs = new ArrayList<>();
  AuditedStore store;
  TipFollower follower;
  private LiveBlockDownloader downloader;

  FollowRun(long seed, LazyHeaderChain future, long startHead, HeaderValidator rules, FollowConfig config) {
    this(seed, future, startHead, rules, config, SchedulerConfig.DEFAULT);
  }

  FollowRun(long seed, LazyHeaderChain future, long startHead, HeaderValidator rules, FollowConfig config,
      SchedulerConfig schedulerConfig) {
    this.net = new SimulatedNetwork(seed);
    this.producer = new LiveChainProducer(net, future, startHead, BLOCK_TIME);
    this.rules = rules;
    this.config = config;
    this.startHead = startHead;
    this.scheduler = new RequestScheduler(schedulerConfig, net.scheduler());
    net.addListener(scheduler);
    this.tracker = new TipTracker(TipTrackerConfig.DEFAULT, net.scheduler(), scheduler);
    net.addListener(tracker);
  }

  /** Four peers that hear of each block within 0.6 s (one speaks eth/69), two that lag by 3 to 8 s. */
  void addHonestPeers() {
    for (int i = 0; i < 4; i++) {
      PeerProfile profile = PeerProfile.typical().withLatency(Duration.ofMillis(40 + 30L * i));
      producer.addPeer("honest-" + i, i == 3 ? profile.eth69() : profile, Duration.ofMillis(50), Duration.ofMillis(600));
    }
    for (int i = 0; i < 2; i++) {
      producer.addPeer("lagging-" + i, PeerProfile.typical().withLatency(Duration.ofMillis(150)), Duration.ofSeconds(3),
          Duration.ofSeconds(8));
    }
  }

  /**
   * Opens the store (through {@code open}, given the chain's first hash), fills it up to the start
   * head when it is empty, and starts a follower over it. Every branch the producer has planned is
   * a valid chain for the audit, so reorganisations must be planned before.
   */
  void startFollower(Function<Hash, HeaderStore> open) {
    HeaderChain chain = producer.branches().getFirst();
    HeaderStore inner = open.apply(chain.hash(chain.firstNumber()));
    if (inner.head().isEmpty()) {
      WriteBatch batch = new WriteBatch();
      for (long n = chain.firstNumber(); n <= startHead; n++) {
        batch.putCanonicalHeader(chain.header(n), chain.totalDifficulty(n));
      }
      batch.setCheckpoint("headers", startHead).setCheckpoint("total-difficulty", startHead);
      inner.commit(batch);
    }
    store = new AuditedStore(inner, producer.branches(), rules);
    downloader = new LiveBlockDownloader(BlockDownloadConfig.DEFAULT, net.scheduler(), scheduler, scheduler);
    follower = new TipFollower(config, store, net.scheduler(), rules, downloader, (peer, offence, detail) -> {
      reported.add(peer);
      scheduler.reportPeer(peer, offence, detail);
    }, (target, reason) -> handbacks.add(target));
    follower.addListener(new FollowListener() {
      @Override
      public void newHead(BlockHeader head) {
        canonicalAt.putIfAbsent(head.hash(), net.scheduler().nanoTime());
      }

      @Override
      public void reorg(BlockRef forkPoint, List<BlockHeader> removed, List<BlockHeader> added) {
        reorgs.add("#" + forkPoint.number() + " -" + removed.size() + " +" + added.size());
        for (BlockHeader h : added) {
          canonicalAt.putIfAbsent(h.hash(), net.scheduler().nanoTime());
        }
      }
    });
    net.addListener(follower);
    tracker.addListener(follower);
    follower.start();
    tracker.currentTarget().ifPresent(follower::setTarget);
  }

  /** Stops the follower and closes the store, as a process being stopped would. */
  void stopFollower() {
    follower.close();
    downloader.close();
    store.close();
  }

  /** Produces {@code ticks} blocks and runs until two block times after the last. */
  void run(int ticks) {
    producer.produce(ticks);
    net.scheduler().runFor(BLOCK_TIME.multipliedBy(ticks + 2));
  }

  /**
   * The longest time from a block's appearance to its becoming canonical, over the blocks of the
   * final chain that appeared between {@code fromNanos} and {@code toNanos}; a block of the final
   * chain that never became canonical counts as {@link Long#MAX_VALUE}.
   */
  long maxLagNanos(long fromNanos, long toNanos) {
    HeaderChain finalChain = producer.view();
    long max = 0;
    for (ProducedBlock p : producer.produced()) {
      if (p.producedAtNanos() < fromNanos || p.producedAtNanos() > toNanos || !finalChain.hash(p.number()).equals(p.hash())) {
        continue;
      }
      Long at = canonicalAt.get(p.hash());
      max = Math.max(max, at == null ? Long.MAX_VALUE : at - p.producedAtNanos());
    }
    return max;
  }

  long maxLagNanos() {
    return maxLagNanos(0, Long.MAX_VALUE);
  }

  /** "ok" when the store's head is the chain's, every canonical block from the start head up is the chain's, and the audits pass. */
  String audit() {
    HeaderChain finalChain = producer.view();
    BlockRef head = store.head().orElseThrow();
    if (head.number() != finalChain.headNumber() || !head.hash().equals(finalChain.hash(finalChain.headNumber()))) {
      return "head " + head + ", the chain's #" + finalChain.headNumber() + " " + finalChain.hash(finalChain.headNumber());
    }
    for (long n = startHead - config.maxReorgDepth(); n <= head.number(); n++) {
      if (n >= finalChain.firstNumber() && !store.canonicalHash(n).orElseThrow().equals(finalChain.hash(n))) {
        return "canonical #" + n + " is not the chain's";
      }
    }
    if (store.invalidHeaders() > 0) {
      return "invalid headers written: " + store.invalidDescribed();
    }
    ConsistencyReport report = StoreConsistency.check(store);
    return report.isConsistent() ? "ok" : report.toString();
  }

  String describe() {
    return "follower " + follower.stats() + ", scheduler " + scheduler.counters() + ", reorgs " + reorgs + ", last events "
        + net.trace().recent().subList(Math.max(0, net.trace().recent().size() - 40), net.trace().recent().size());
  }
}
