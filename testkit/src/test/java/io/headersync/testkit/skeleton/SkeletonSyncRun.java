package io.headersync.testkit.skeleton;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.store.Checkpoint;
import io.headersync.store.CloseableIterator;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.StoreConsistency;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.download.skeleton.SkeletonConfig;
import io.headersync.sync.download.skeleton.SkeletonHeaderDownloader;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.stages.Pipeline;
import io.headersync.sync.stages.TotalDifficultyStage;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PreMergeRecipe;
import io.headersync.testkit.sim.PeerBehaviour;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.SimulatedNetwork;
import io.headersync.testkit.sim.SimulatedPeer;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One skeleton sync over a simulated network: a proof-of-work chain from its genesis (so total
 * difficulty decides between branches), a request scheduler over simulated peers, the skeleton
 * downloader, and the headers and total-difficulty stages in a pipeline, driven on virtual time
 * until the pipeline stops. It checks nothing itself; it reports what happened for the test.
 */
final class SkeletonSyncRun {

  enum Scenario { HONEST, ADVERSARIAL, REORG, RESTART }

  static final int LENGTH = 3000;
  static final LazyHeaderChain CHAIN = ChainBuilder.preMerge().seed(71).length(LENGTH).build();
  /** Where the tip moves in the reorg scenario: a heavier branch leaving 40 blocks below the head. */
  static final LazyHeaderChain REORG = CHAIN.fork(LENGTH - 40, 60, ForkWeight.HEAVIER, 72);
  /** What the fork-serving liar serves: a lighter chain from block 1 on, claimed to be heavier. */
  static final LazyHeaderChain LIARS_FORK = CHAIN.fork(1, LENGTH - 1, ForkWeight.LIGHTER, 73);
  /**
   * Default stride and extension size; limits small enough that the link budget, eviction of both
   * queues and the anchor threshold are all at work on a 3,000-block chain.
   */
  static final SkeletonConfig CONFIG = SkeletonConfig.DEFAULT.withLinkLimit(1024).withPersistedLinkLimit(256)
      .withMaxAnchorsForSkeleton(6);
  static final int COMMIT_THRESHOLD = 500;
  static final HeaderValidator VALIDATOR = new HeaderValidator(PreMergeRecipe.homestead().spec());

  /** Peers whose answers are wrong (each must be penalised if it was asked anything). */
  static final List<String> FAULTY = List.of("staller", "empty", "forker", "corrupter", "shuffler", "gappy", "generous", "garbler");

  final long seed;
  final Scenario scenario;
  final SimulatedNetwork net;
  final RequestScheduler scheduler;
  final InMemoryHeaderStore.Database database = new InMemoryHeaderStore.Database();
  final List<SkeletonHeaderDownloader> lives = new ArrayList<>();
  /** The store's head when each life began. */
  final List<Long> startedAt = new ArrayList<>();
  CheckedStore store;
  Pipeline pipeline;
  HeadersStage headers;
  HeaderChain expected = CHAIN;
  boolean finished;
  Duration restartAt;

  SkeletonSyncRun(long seed, Scenario scenario) {
    this.seed = seed;
    this.scenario = scenario;
    this.net = new SimulatedNetwork(seed);
    this.scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, net.scheduler());
    net.addListener(scheduler);
  }

  static SkeletonSyncRun run(long seed, Scenario scenario) {
    SkeletonSyncRun r = new SkeletonSyncRun(seed, scenario);
    r.execute();
    return r;
  }

  private void execute() {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5CE1E7);
    PeerProfile typical = PeerProfile.typical();
    Duration reorgAt = Duration.ofMillis(100 + random.nextInt(1500));
    PeerBehaviour[] honest = scenario == Scenario.REORG
        ? new PeerBehaviour[] {new PeerBehaviour.ChangesHead(reorgAt, REORG)} : new PeerBehaviour[0];
    net.addPeer("honest-near", CHAIN, typical.withLatency(Duration.ofMillis(30)), honest);
    net.addPeer("honest-typical", CHAIN, typical, honest);
    net.addPeer("honest-far", CHAIN, typical.withLatency(Duration.ofMillis(250)).withBandwidth(800_000), honest);
    net.addPeer("honest-eth69", CHAIN, typical.eth69(), honest);
    net.addPeer("honest-small", CHAIN, typical.withLatency(Duration.ofMillis(60)), honest);
    net.addPeer("honest-slowlink", CHAIN, typical.withBandwidth(500_000), honest);
    if (scenario == Scenario.ADVERSARIAL) {
      // Awkward but honest: legal behaviour the downloader must cope with.
      net.addPeer("slow", CHAIN, typical, new PeerBehaviour.Slow(Duration.ofSeconds(2)));
      net.addPeer("partial", CHAIN, typical, new PeerBehaviour.AnswersPartially(0.3));
      net.addPeer("quitter", CHAIN, typical, new PeerBehaviour.DisconnectsMidRequest(1));
      net.addPeer("latecomer", CHAIN, typical, new PeerBehaviour.JoinsLate(Duration.ofMillis(300)));
      net.addPeer("flooder", CHAIN, typical, new PeerBehaviour.FloodsAnnouncements(Duration.ofMillis(200), 10));
      net.addPeer("flaky", CHAIN, typical, new PeerBehaviour.Sometimes(0.3, new PeerBehaviour.OutOfOrder()));
      // Faulty: every answer is wrong in its own way. Low latency, so the scheduler tries them early.
      PeerProfile quick = typical.withLatency(Duration.ofMillis(15));
      net.addPeer("staller", CHAIN, quick, new PeerBehaviour.Stalls());
      net.addPeer("empty", CHAIN, quick, new PeerBehaviour.AnswersEmpty());
      net.addPeer("forker", CHAIN, quick, new PeerBehaviour.ServesFork(LIARS_FORK,
          CHAIN.totalDifficulty(CHAIN.headNumber()).multiply(BigInteger.TWO)));
      net.addPeer("corrupter", CHAIN, quick, new PeerBehaviour.CorruptsHeaderByte());
      net.addPeer("shuffler", CHAIN, quick, new PeerBehaviour.OutOfOrder());
      net.addPeer("gappy", CHAIN, quick, new PeerBehaviour.LeavesGaps());
      net.addPeer("generous", CHAIN, quick, new PeerBehaviour.MoreThanAsked(3));
      net.addPeer("garbler", CHAIN, quick, new PeerBehaviour.SendsMalformed());
    }

    InMemoryHeaderStore fresh = InMemoryHeaderStore.open(database, CHAIN.hash(0));
    fresh.commit(new WriteBatch().putCanonicalHeader(CHAIN.header(0), CHAIN.totalDifficulty(0)));
    fresh.close();

    SyncTarget target = SyncTarget.of(CHAIN.head().hash(), CHAIN.headNumber());
    net.scheduler().schedule(Duration.ofMillis(1), "start sync", () -> startLife(target));
    if (scenario == Scenario.REORG) {
      expected = REORG;
      net.scheduler().schedule(reorgAt, "trusted target moves to the new branch",
          () -> headers.setTarget(SyncTarget.of(REORG.head().hash(), REORG.headNumber())));
    }
    if (scenario == Scenario.RESTART) {
      restartAt = Duration.ofMillis(20 + random.nextInt(2500));
      net.scheduler().schedule(restartAt, "restart", () -> {
        if (!finished) {
          stopLife();
          startLife(target);
        }
      });
    }
    net.scheduler().runUntil(() -> finished, Duration.ofMinutes(30));
  }

  private void startLife(SyncTarget target) {
    store = new CheckedStore(InMemoryHeaderStore.open(database, CHAIN.hash(0)), VALIDATOR, List.of(CHAIN, REORG, LIARS_FORK));
    startedAt.add(store.head().orElseThrow().number());
    SkeletonHeaderDownloader downloader = new SkeletonHeaderDownloader(CONFIG, scheduler, net.scheduler(), store, VALIDATOR);
    lives.add(downloader);
    headers = new HeadersStage(store, downloader, COMMIT_THRESHOLD);
    pipeline = new Pipeline(store, net.scheduler(), List.of(headers, new TotalDifficultyStage(store, COMMIT_THRESHOLD)));
    pipeline.setOnFinished(this::checkFinished);
    headers.setTarget(target);
    pipeline.start();
  }

  private void stopLife() {
    pipeline.close();
    lives.getLast().close();
    store.close();
  }

  private void checkFinished() {
    if (pipeline.state() == Pipeline.State.FAILED) {
      finished = true;
    } else if (pipeline.state() == Pipeline.State.DONE) {
      finished = store.head().map(h -> h.hash().equals(expected.head().hash())).orElse(false);
    }
  }

  // ---------------------------------------------------------------- what the test reads

  /** The first block where the store's canonical chain differs from the expected one, or an empty string. */
  String canonicalMismatch() {
    long head = store.head().orElseThrow().number();
    if (head != expected.headNumber()) {
      return "head is " + head + ", expected " + expected.headNumber();
    }
    long n = 0;
    try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(0)) {
      while (it.hasNext()) {
        BlockHeader h = it.next();
        if (h.number() != n || !h.hash().equals(expected.hash(n))) {
          return "canonical block " + h.number() + " is " + h.hash() + ", expected " + expected.hash(n);
        }
        n++;
      }
    }
    return n == head + 1 ? "" : "canonical walk stopped at " + n;
  }

  Optional<BigInteger> headTotalDifficulty() {
    return store.totalDifficulty(expected.head().hash());
  }

  ConsistencyReport consistency() {
    return StoreConsistency.check(store);
  }

  Optional<Checkpoint> checkpoint(String stage) {
    return store.checkpoint(stage);
  }

  List<SimulatedPeer> faultyPeersAsked() {
    return net.peers().stream().filter(p -> FAULTY.contains(p.id().value()) && p.requestsReceived() > 0).toList();
  }

  boolean penalised(SimulatedPeer p) {
    return scheduler.reputation().score(p.id()) < 0 || scheduler.reputation().isBanned(p.id());
  }
}
