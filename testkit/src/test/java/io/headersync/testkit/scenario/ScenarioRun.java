package io.headersync.testkit.scenario;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.Checkpoint;
import io.headersync.store.CloseableIterator;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.StoreConsistency;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.download.HeaderDownloader;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.download.slices.TipEstimator;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.stages.Pipeline;
import io.headersync.sync.stages.ReverseProgress;
import io.headersync.sync.stages.TotalDifficultyStage;
import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.run.AuditedStore;
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
 * One sync of one strategy over a simulated network: a store that begins at the chain's first
 * block, a request scheduler over six honest peers of assorted links (and, adversarially, the
 * fixture's others), the fixture's downloader, and the headers and total-difficulty stages in a
 * pipeline, driven on virtual time until the pipeline stops on the expected head or fails. It checks
 * nothing itself; it reports what happened for the suite to judge.
 *
 * @param <D> the strategy's downloader
 */
public final class ScenarioRun<D extends HeaderDownloader> {

  /** One life of the sync (a restart begins another): its downloader, its requests, where it began. */
  public record Life<D>(D downloader, RecordingClient client, long startHead, Optional<ReverseProgress> resumedFrom) {}

  private static final Duration VIRTUAL_TIME_LIMIT = Duration.ofMinutes(30);

  public final long seed;
  public final Scenario scenario;
  public final StrategyFixture<D> fixture;
  public final SimulatedNetwork net;
  public final RequestScheduler scheduler;
  /** Listens to the peers when the fixture needs it; null otherwise. */
  public final TipEstimator tip;
  public final List<Life<D>> lives = new ArrayList<>();
  /** The store of each life, each judging what that life wrote. */
  private final List<AuditedStore> stores = new ArrayList<>();
  private final InMemoryHeaderStore.Database database = new InMemoryHeaderStore.Database();
  private final long first;
  /** The store of the current (last) life. */
  public AuditedStore store;
  public Pipeline pipeline;
  public HeadersStage headers;
  public HeaderChain expected;
  public Duration restartAt;
  private boolean finished;

  private ScenarioRun(StrategyFixture<D> fixture, long seed, Scenario scenario) {
    this.fixture = fixture;
    this.seed = seed;
    this.scenario = scenario;
    this.first = fixture.chain().firstNumber();
    this.expected = fixture.chain();
    this.net = new SimulatedNetwork(seed);
    this.scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, net.scheduler());
    net.addListener(scheduler);
    if (fixture.needsTipEstimator()) {
      tip = new TipEstimator(TipEstimator.Config.DEFAULT, net.scheduler(), scheduler);
      net.addListener(tip);
    } else {
      tip = null;
    }
  }

  public static <D extends HeaderDownloader> ScenarioRun<D> run(StrategyFixture<D> fixture, long seed, Scenario scenario) {
    ScenarioRun<D> r = new ScenarioRun<>(fixture, seed, scenario);
    r.execute();
    return r;
  }

  private void execute() {
    HeaderChain chain = fixture.chain();
    SplittableRandom random = new SplittableRandom(seed ^ fixture.timing().salt());
    PeerProfile typical = PeerProfile.typical();
    Duration reorgAt = Duration.ofMillis(100 + random.nextInt(fixture.timing().reorgMillis()));
    PeerBehaviour[] honest = scenario == Scenario.REORG
        ? new PeerBehaviour[] {new PeerBehaviour.ChangesHead(reorgAt, fixture.reorg())} : new PeerBehaviour[0];
    net.addPeer("honest-near", chain, typical.withLatency(Duration.ofMillis(30)), honest);
    net.addPeer("honest-typical", chain, typical, honest);
    net.addPeer("honest-far", chain, typical.withLatency(Duration.ofMillis(250)).withBandwidth(800_000), honest);
    net.addPeer("honest-eth69", chain, typical.eth69(), honest);
    net.addPeer("honest-small", chain, typical.withLatency(Duration.ofMillis(60)), honest);
    net.addPeer("honest-slowlink", chain, typical.withBandwidth(500_000), honest);
    if (scenario == Scenario.ADVERSARIAL) {
      fixture.addAdversaries(net, typical);
    }

    InMemoryHeaderStore fresh = InMemoryHeaderStore.open(database, chain.hash(first));
    fresh.commit(new WriteBatch().putCanonicalHeader(chain.header(first), chain.totalDifficulty(first)));
    fresh.close();

    SyncTarget target = SyncTarget.of(chain.head().hash(), chain.headNumber());
    net.scheduler().schedule(Duration.ofMillis(1), "start sync", () -> startLife(target));
    if (scenario == Scenario.REORG) {
      HeaderChain branch = fixture.reorg();
      expected = branch;
      int lag = fixture.timing().targetLagMillis();
      Duration moveAt = lag > 0 ? reorgAt.plusMillis(random.nextInt(lag)) : reorgAt;
      net.scheduler().schedule(moveAt, "trusted target moves to the new branch",
          () -> headers.setTarget(SyncTarget.of(branch.head().hash(), branch.headNumber())));
    }
    if (scenario == Scenario.RESTART) {
      restartAt = Duration.ofMillis(20 + random.nextInt(fixture.timing().restartMillis()));
      net.scheduler().schedule(restartAt, "restart", () -> {
        if (!finished) {
          stopLife();
          startLife(target);
        }
      });
    }
    net.scheduler().runUntil(() -> finished, VIRTUAL_TIME_LIMIT);
  }

  private void startLife(SyncTarget target) {
    store = new AuditedStore(InMemoryHeaderStore.open(database, fixture.chain().hash(first)), fixture.validChains(),
        fixture.storeRules().orElse(null));
    stores.add(store);
    Optional<ReverseProgress> progress = store.checkpoint(HeadersStage.ID)
        .flatMap(cp -> ReverseProgress.decode(HeadersStage.ID, cp.number(), cp.extra()));
    RecordingClient client = new RecordingClient(scheduler);
    D downloader = fixture.downloader(this, store, client);
    lives.add(new Life<>(downloader, client, store.head().orElseThrow().number(), progress));
    headers = new HeadersStage(store, downloader, fixture.commitThreshold());
    pipeline = new Pipeline(store, net.scheduler(),
        List.of(headers, new TotalDifficultyStage(store, fixture.commitThreshold())));
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

  // ---------------------------------------------------------------- what the suites read

  /** A label for assertion messages: the seed and the scenario. */
  public String label() {
    return "seed " + seed + " (" + scenario + ")";
  }

  /** The first block where the store's canonical chain differs from the expected one, or an empty string. */
  public String canonicalMismatch() {
    long head = store.head().orElseThrow().number();
    if (head != expected.headNumber()) {
      return "head is " + head + ", expected " + expected.headNumber();
    }
    long n = first;
    try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(first)) {
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

  public Optional<BigInteger> headTotalDifficulty() {
    return store.totalDifficulty(expected.head().hash());
  }

  public ConsistencyReport consistency() {
    return StoreConsistency.check(store);
  }

  public Optional<Checkpoint> checkpoint(String stage) {
    return store.checkpoint(stage);
  }

  /** Headers any life wrote that are on no valid chain or (with the fixture's rules) break one, described. */
  public List<String> invalidHeadersWritten() {
    return stores.stream().flatMap(s -> s.invalidDescribed().stream()).toList();
  }

  /** Requests of later lives resuming a stored reverse walk toward the same target that asked again for what it had stored. */
  public List<String> committedRangesAskedAgain() {
    List<String> out = new ArrayList<>();
    for (Life<D> life : lives) {
      if (life.resumedFrom().isEmpty() || !life.resumedFrom().get().target().hash().equals(fixture.chain().head().hash())) {
        continue;
      }
      long lowest = life.resumedFrom().get().lowest().number();
      for (HeadersRequest r : life.client().requests()) {
        if (r.originNumber().isEmpty() || r.originNumber().getAsLong() >= lowest) {
          out.add(r + " at or above the stored " + lowest);
        }
      }
    }
    return out;
  }

  /** Ascending requests of later lives for headers at or below the head their life started from (already stored). */
  public List<String> storedRangesAskedAgain() {
    List<String> out = new ArrayList<>();
    for (Life<D> life : lives.subList(1, lives.size())) {
      for (HeadersRequest r : life.client().requests()) {
        if (r.originNumber().isPresent() && !r.reverse() && r.originNumber().getAsLong() <= life.startHead()) {
          out.add(r + " at or below the stored head " + life.startHead());
        }
      }
    }
    return out;
  }

  /** Faulty peers put to the test: asked something (or, for a flooder, simply present). */
  public List<SimulatedPeer> faultyPeersAsked() {
    return net.peers().stream().filter(p -> fixture.faultyPeers().contains(p.id().value())
        && (p.requestsReceived() > 0 || fixture.testedUnasked(p.id().value()))).toList();
  }

  public List<SimulatedPeer> honestPeersBanned() {
    return net.peers().stream().filter(p -> p.id().value().startsWith("honest") && scheduler.reputation().isBanned(p.id()))
        .toList();
  }

  public boolean penalised(SimulatedPeer p) {
    return scheduler.reputation().score(p.id()) < 0 || scheduler.reputation().isBanned(p.id());
  }
}
