package io.headersync.testkit.slices;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.checkpoint.CheckpointHashes;
import io.headersync.store.CloseableIterator;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.StoreConsistency;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.download.slices.LocalChain;
import io.headersync.sync.download.slices.SliceConfig;
import io.headersync.sync.download.slices.SliceHeaderDownloader;
import io.headersync.sync.download.slices.TipEstimator;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.stages.Pipeline;
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
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One slice sync over a simulated network: a store that begins at a trusted header, a request
 * scheduler over simulated peers, a tip estimator listening to them, the slice downloader with
 * the chain's own shipped checkpoints, and the headers and total-difficulty stages in a
 * pipeline, driven on virtual time until the pipeline stops. It checks nothing itself; it reports
 * what happened for the test to judge.
 *
 * <p>The chain: 3,000 mainnet-shaped Cancun headers from block 20,000,064 (a multiple of 192), with
 * checkpoints every 64 blocks over its first 1,280 (the preverified phase), then a linear phase
 * up to the estimated tip minus {@link #TIP_DISTANCE}, then a forky phase. Slices of 64 (not the
 * production 192) so a run makes about fifty requests and every peer, faulty or not, gets work.
 */
final class SliceSyncRun {

  enum Scenario { HONEST, ADVERSARIAL, REORG, RESTART }

  static final long FIRST = 192L * 104_167;
  static final int LENGTH = 3000;
  static final LazyHeaderChain CHAIN =
      ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(71).firstNumber(FIRST).length(LENGTH).build();
  static final int SLICE = 64;
  /** The checkpoints shipped with the chain: every 64th block of its first 1,280. */
  static final CheckpointHashes CHECKPOINTS = checkpoints(CHAIN, FIRST, FIRST + 1280);
  /** The branch the tip moves to in the reorg scenario: leaves 40 blocks below the head, 20 longer. */
  static final LazyHeaderChain REORG = CHAIN.fork(FIRST + LENGTH - 40, 60, ForkWeight.ANY, 72);
  /** What the fork-serving liar serves: another chain from just above the trusted start. */
  static final LazyHeaderChain LIARS_FORK = CHAIN.fork(FIRST + 1, LENGTH - 1, ForkWeight.ANY, 73);
  /** Where the deep liar's branch leaves the chain: above the checkpoints, in the linear phase. */
  static final long DEEP_FORK_POINT = FIRST + 1500;
  /** What the deep liar serves: the chain up to the linear phase, then a branch of its own that breaks no rule. */
  static final LazyHeaderChain DEEP_FORK = CHAIN.fork(DEEP_FORK_POINT, LENGTH - 1500, ForkWeight.ANY, 74);
  /** T: the last 500 blocks are the forky phase. */
  static final long TIP_DISTANCE = 500;
  /** Six slices in the window, all of them may be in flight. */
  static final SliceConfig CONFIG = SliceConfig.DEFAULT.withSliceSize(SLICE).withMemoryLimitBytes(6L * SLICE * 600)
      .withMaxInFlightSlices(6).withLinearTipDistance(TIP_DISTANCE);
  static final int COMMIT_THRESHOLD = 500;
  static final HeaderValidator VALIDATOR = new HeaderValidator(ChainSpecs.preset("mainnet"));

  /** Peers whose answers or announcements are wrong: each must be penalised if it was asked anything. */
  static final List<String> FAULTY = List.of("staller", "empty", "forker", "deep-forker", "corrupter", "shuffler", "gappy",
      "generous", "garbler", "partial", "flooder");

  /** One downloader's life: what it started from and what it asked for. */
  record Life(SliceHeaderDownloader downloader, RecordingClient client, long startHead) {}

  final long seed;
  final Scenario scenario;
  final SimulatedNetwork net;
  final RequestScheduler scheduler;
  final TipEstimator tip;
  final InMemoryHeaderStore.Database database = new InMemoryHeaderStore.Database();
  final List<Life> lives = new ArrayList<>();
  CheckedStore store;
  Pipeline pipeline;
  HeadersStage headers;
  HeaderChain expected = CHAIN;
  boolean finished;
  Duration restartAt;

  SliceSyncRun(long seed, Scenario scenario) {
    this.seed = seed;
    this.scenario = scenario;
    this.net = new SimulatedNetwork(seed);
    this.scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, net.scheduler());
    this.tip = new TipEstimator(TipEstimator.Config.DEFAULT, net.scheduler(), scheduler);
    net.addListener(scheduler);
    net.addListener(tip);
  }

  static SliceSyncRun run(long seed, Scenario scenario) {
    SliceSyncRun r = new SliceSyncRun(seed, scenario);
    r.execute();
    return r;
  }

  private static CheckpointHashes checkpoints(HeaderChain chain, long from, long to) {
    TreeMap<Long, Hash> map = new TreeMap<>();
    for (long n = from; n <= to; n += SLICE) {
      map.put(n, chain.hash(n));
    }
    return CheckpointHashes.of(map);
  }

  private void execute() {
    SplittableRandom random = new SplittableRandom(seed ^ 0x511CE);
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
      net.addPeer("quitter", CHAIN, typical, new PeerBehaviour.DisconnectsMidRequest(1));
      net.addPeer("latecomer", CHAIN, typical, new PeerBehaviour.JoinsLate(Duration.ofMillis(300)));
      net.addPeer("flaky", CHAIN, typical, new PeerBehaviour.Sometimes(0.3, new PeerBehaviour.OutOfOrder()));
      // Faulty: every answer (or announcement) is wrong in its own way. Quick, so they are tried early.
      PeerProfile quick = typical.withLatency(Duration.ofMillis(15));
      net.addPeer("partial", CHAIN, quick, new PeerBehaviour.AnswersPartially(0.3));
      net.addPeer("flooder", CHAIN, typical, new PeerBehaviour.FloodsAnnouncements(Duration.ofMillis(200), 10));
      net.addPeer("staller", CHAIN, quick, new PeerBehaviour.Stalls());
      net.addPeer("empty", CHAIN, quick, new PeerBehaviour.AnswersEmpty());
      net.addPeer("forker", CHAIN, quick,
          new PeerBehaviour.ServesFork(LIARS_FORK, CHAIN.totalDifficulty(CHAIN.headNumber()).add(BigInteger.TEN.pow(21))));
      // Honest below the linear phase, lying above: only the chain above its slices can tell.
      net.addPeer("deep-forker", CHAIN, quick, new PeerBehaviour.ServesFork(DEEP_FORK, CHAIN.totalDifficulty(CHAIN.headNumber())));
      net.addPeer("corrupter", CHAIN, quick, new PeerBehaviour.CorruptsHeaderByte());
      net.addPeer("shuffler", CHAIN, quick, new PeerBehaviour.OutOfOrder());
      net.addPeer("gappy", CHAIN, quick, new PeerBehaviour.LeavesGaps());
      net.addPeer("generous", CHAIN, quick, new PeerBehaviour.MoreThanAsked(3));
      net.addPeer("garbler", CHAIN, quick, new PeerBehaviour.SendsMalformed());
    }

    InMemoryHeaderStore fresh = InMemoryHeaderStore.open(database, CHAIN.hash(FIRST));
    fresh.commit(new WriteBatch().putCanonicalHeader(CHAIN.header(FIRST), CHAIN.totalDifficulty(FIRST)));
    fresh.close();

    SyncTarget target = SyncTarget.of(CHAIN.head().hash(), CHAIN.headNumber());
    net.scheduler().schedule(Duration.ofMillis(1), "start sync", () -> startLife(target));
    if (scenario == Scenario.REORG) {
      expected = REORG;
      net.scheduler().schedule(reorgAt.plusMillis(random.nextInt(200)), "trusted target moves to the new branch",
          () -> headers.setTarget(SyncTarget.of(REORG.head().hash(), REORG.headNumber())));
    }
    if (scenario == Scenario.RESTART) {
      restartAt = Duration.ofMillis(20 + random.nextInt(1000));
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
    store = new CheckedStore(InMemoryHeaderStore.open(database, CHAIN.hash(FIRST)), List.of(CHAIN, REORG));
    RecordingClient client = new RecordingClient(scheduler);
    SliceHeaderDownloader downloader = SliceHeaderDownloader.builder(CONFIG, client, net.scheduler())
        .checkpoints(CHECKPOINTS).validator(VALIDATOR).localChain(LocalChain.of(store)).tipEstimator(tip).build();
    lives.add(new Life(downloader, client, store.head().orElseThrow().number()));
    headers = new HeadersStage(store, downloader, COMMIT_THRESHOLD);
    pipeline = new Pipeline(store, net.scheduler(), List.of(headers, new TotalDifficultyStage(store, COMMIT_THRESHOLD)));
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

  ConsistencyReport consistency() {
    return StoreConsistency.check(store);
  }

  /** Requests of later lives for headers at or below the head their life started from (already stored). */
  List<String> storedRangesAskedAgain() {
    List<String> out = new ArrayList<>();
    for (Life life : lives.subList(1, lives.size())) {
      for (HeadersRequest r : life.client().requests) {
        if (r.originNumber().isPresent() && !r.reverse() && r.originNumber().getAsLong() <= life.startHead()) {
          out.add(r + " at or below the stored head " + life.startHead());
        }
      }
    }
    return out;
  }

  List<SimulatedPeer> faultyPeersAsked() {
    return net.peers().stream()
        .filter(p -> FAULTY.contains(p.id().value()) && (p.requestsReceived() > 0 || p.id().value().equals("flooder")))
        .toList();
  }

  List<SimulatedPeer> honestPeersBanned() {
    return net.peers().stream().filter(p -> p.id().value().startsWith("honest") && scheduler.reputation().isBanned(p.id())).toList();
  }

  boolean penalised(SimulatedPeer p) {
    return scheduler.reputation().score(p.id()) < 0 || scheduler.reputation().isBanned(p.id());
  }

  /** Passes requests through to the real client and remembers what one downloader asked for. */
  static final class RecordingClient implements HeadersClient {

    private final HeadersClient inner;
    final List<HeadersRequest> requests = new ArrayList<>();

    RecordingClient(HeadersClient inner) {
      this.inner = inner;
    }

    @Override
    public RequestTicket requestHeaders(HeadersRequest request, RequestOptions options,
        RequestListener<List<BlockHeader>> listener) {
      requests.add(request);
      return inner.requestHeaders(request, options, listener);
    }

    @Override
    public void reportPeer(PeerId peer, Offence offence, String detail) {
      inner.reportPeer(peer, offence, detail);
    }
  }
}
