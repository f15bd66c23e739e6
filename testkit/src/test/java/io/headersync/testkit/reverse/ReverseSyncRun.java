package io.headersync.testkit.reverse;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.store.Checkpoint;
import io.headersync.store.CloseableIterator;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.StoreConsistency;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.download.reverse.ReverseConfig;
import io.headersync.sync.download.reverse.ReverseHeaderDownloader;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.stages.Pipeline;
import io.headersync.sync.stages.ReverseProgress;
import io.headersync.sync.stages.TotalDifficultyStage;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
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
 * One reverse sync over a simulated network: a store that begins at a trusted header, a request
 * scheduler over simulated peers, the reverse downloader, and the headers and total-difficulty
 * stages in a pipeline, driven on virtual time until the pipeline stops. It checks nothing itself;
 * it reports what happened for the test to judge.
 */
final class ReverseSyncRun {

  enum Scenario { HONEST, ADVERSARIAL, REORG, RESTART }

  static final long FIRST = 20_000_000;
  static final int LENGTH = 3000;
  static final LazyHeaderChain CHAIN =
      ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(91).firstNumber(FIRST).length(LENGTH).build();
  /** The branch the tip moves to in the reorg scenario: leaves 40 blocks below the head, 20 longer. */
  static final LazyHeaderChain REORG = CHAIN.fork(FIRST + LENGTH - 40, 60, ForkWeight.ANY, 92);
  /** What the fork-serving liar serves: another chain from just above the trusted start. */
  static final LazyHeaderChain LIARS_FORK = CHAIN.fork(FIRST + 1, LENGTH - 1, ForkWeight.ANY, 93);
  /** Small requests so that a 3000-header sync makes about 50 of them and every peer gets work. */
  static final ReverseConfig CONFIG = ReverseConfig.DEFAULT.withRequestLimit(64).withConcurrency(2, 12)
      .withMaxBufferedHeaders(64 * 12).withMaxBatchHeaders(64).withCommitThreshold(500);
  static final HeaderValidator VALIDATOR = new HeaderValidator(ChainSpecs.preset("mainnet"));

  /** Peers whose answers are wrong (they must all be penalised if they were asked anything). */
  static final List<String> FAULTY = List.of("staller", "empty", "forker", "corrupter", "shuffler", "gappy", "generous", "garbler");

  /** One downloader's life: its limits, and what it asked for. */
  record Life(ReverseHeaderDownloader downloader, RecordingClient client, Optional<ReverseProgress> resumedFrom) {}

  final long seed;
  final Scenario scenario;
  final SimulatedNetwork net;
  final RequestScheduler scheduler;
  final InMemoryHeaderStore.Database database = new InMemoryHeaderStore.Database();
  final List<Life> lives = new ArrayList<>();
  GuardedStore store;
  Pipeline pipeline;
  HeadersStage headers;
  HeaderChain expected = CHAIN;
  boolean finished;
  Duration restartAt;

  ReverseSyncRun(long seed, Scenario scenario) {
    this.seed = seed;
    this.scenario = scenario;
    this.net = new SimulatedNetwork(seed);
    this.scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, net.scheduler());
    net.addListener(scheduler);
  }

  static ReverseSyncRun run(long seed, Scenario scenario) {
    ReverseSyncRun r = new ReverseSyncRun(seed, scenario);
    r.execute();
    return r;
  }

  private void execute() {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5EED);
    PeerProfile typical = PeerProfile.typical();
    Duration reorgAt = Duration.ofMillis(100 + random.nextInt(900));
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
      // Joins once the target is resolved: asked for the target by hash it could only answer empty,
      // which would rank it last for the rest of the run; asked for ranges, it serves its fork.
      net.addPeer("forker", CHAIN, quick, new PeerBehaviour.JoinsLate(Duration.ofMillis(60)),
          new PeerBehaviour.ServesFork(LIARS_FORK, CHAIN.totalDifficulty(CHAIN.headNumber()).add(BigInteger.TEN.pow(21))));
      net.addPeer("corrupter", CHAIN, quick, new PeerBehaviour.CorruptsHeaderByte());
      net.addPeer("shuffler", CHAIN, quick, new PeerBehaviour.OutOfOrder());
      net.addPeer("gappy", CHAIN, quick, new PeerBehaviour.LeavesGaps());
      net.addPeer("generous", CHAIN, quick, new PeerBehaviour.MoreThanAsked(3));
      net.addPeer("garbler", CHAIN, quick, new PeerBehaviour.SendsMalformed());
    }

    InMemoryHeaderStore fresh = InMemoryHeaderStore.open(database, CHAIN.hash(FIRST));
    BlockHeader anchor = CHAIN.header(FIRST);
    fresh.commit(new WriteBatch().putCanonicalHeader(anchor, CHAIN.totalDifficulty(FIRST)));
    fresh.close();

    SyncTarget target = SyncTarget.of(CHAIN.head().hash(), CHAIN.headNumber());
    net.scheduler().schedule(Duration.ofMillis(1), "start sync", () -> startLife(target));
    if (scenario == Scenario.REORG) {
      expected = REORG;
      net.scheduler().schedule(reorgAt, "trusted target moves to the new branch",
          () -> headers.setTarget(SyncTarget.of(REORG.head().hash(), REORG.headNumber())));
    }
    if (scenario == Scenario.RESTART) {
      restartAt = Duration.ofMillis(20 + random.nextInt(1500));
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
    store = new GuardedStore(InMemoryHeaderStore.open(database, CHAIN.hash(FIRST)), List.of(CHAIN, REORG));
    Optional<ReverseProgress> progress = store.checkpoint(HeadersStage.ID)
        .flatMap(cp -> ReverseProgress.decode(HeadersStage.ID, cp.number(), cp.extra()));
    RecordingClient client = new RecordingClient(scheduler);
    ReverseHeaderDownloader downloader = new ReverseHeaderDownloader(CONFIG, client, VALIDATOR, net.scheduler(),
        () -> scheduler.connectedPeers().size(), store::header);
    lives.add(new Life(downloader, client, progress));
    headers = new HeadersStage(store, downloader, CONFIG.commitThreshold());
    pipeline = new Pipeline(store, net.scheduler(), List.of(headers, new TotalDifficultyStage(store, CONFIG.commitThreshold())));
    pipeline.setOnFinished(this::checkFinished);
    headers.setTarget(target);
    pipeline.start();
  }

  private void stopLife() {
    pipeline.close();
    lives.getLast().downloader().close();
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
    long n = FIRST;
    try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(FIRST)) {
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

  /** Requests of later lives that asked again for headers an earlier life had committed. */
  List<String> committedRangesAskedAgain() {
    List<String> out = new ArrayList<>();
    for (Life life : lives) {
      if (life.resumedFrom().isEmpty() || !life.resumedFrom().get().target().hash().equals(CHAIN.head().hash())) {
        continue;
      }
      long lowest = life.resumedFrom().get().lowest().number();
      for (HeadersRequest r : life.client().requests) {
        if (r.originNumber().isEmpty() || r.originNumber().getAsLong() >= lowest) {
          out.add(r + " at or above the stored " + lowest);
        }
      }
    }
    return out;
  }

  List<SimulatedPeer> faultyPeersAsked() {
    return net.peers().stream().filter(p -> FAULTY.contains(p.id().value()) && p.requestsReceived() > 0).toList();
  }

  boolean penalised(SimulatedPeer p) {
    return scheduler.reputation().score(p.id()) < 0 || scheduler.reputation().isBanned(p.id());
  }
}
