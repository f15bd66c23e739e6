package io.headersync.testkit.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.body.BodyValidator;
import io.headersync.core.block.BlockBody;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.PeerResponseListener;
import io.headersync.sync.live.BlockDownloadConfig;
import io.headersync.sync.peers.SchedulerCounter;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import io.headersync.testkit.chain.SyntheticBodies;
import io.headersync.testkit.chain.WithBodiesRecipe;
import io.headersync.testkit.sim.PeerBehaviour;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.Seeds;
import io.headersync.testkit.sim.SimulatedNetwork;
import io.headersync.testkit.sim.SimulatedPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Live block download over a simulated network: sets, ranges, overlapping requests, peers that send
 * wrong bodies, and a small memory limit under every kind of misbehaviour, over several seeds each.
 * {@link LiveRun} checks every emitted block as it arrives (the chain's block, a matching body,
 * never twice, ascending) and the limits at every look.
 */
class LiveBlockDownloadSimulationTest {

  private static final long FIRST = 19_000_000;
  private static final LazyHeaderChain CHAIN = ChainBuilder
      .withRecipe(new WithBodiesRecipe(PostMergeRecipe.mainnetLike(PostMergeRecipe.Shape.CANCUN)))
      .seed(31).firstNumber(FIRST).length(3_000).build();
  private static final Duration LIMIT = Duration.ofMinutes(20);

  static {
    // Reading every header once puts it in the chain's hash index, so peers can serve it by hash.
    for (long n = CHAIN.firstNumber(); n <= CHAIN.headNumber(); n++) {
      CHAIN.header(n);
    }
  }

  private static void honestPeers(SimulatedNetwork net, int count) {
    for (int i = 0; i < count; i++) {
      net.addPeer("honest-" + i, CHAIN, PeerProfile.typical().withLatency(Duration.ofMillis(40 + 30L * i)));
    }
  }

  private static Set<Hash> randomHashes(long seed, int count, long low, long high) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<Hash> out = new LinkedHashSet<>();
    while (out.size() < count) {
      out.add(CHAIN.hash(low + random.nextLong(high - low + 1)));
    }
    return out;
  }

  private static List<Long> range(long first, long last) {
    return LongStream.rangeClosed(first, last).boxed().toList();
  }

  @Test
  void peersServeBodiesThatMatchTheirHeaders() throws InvalidHeaderException {
    SimulatedNetwork net = new SimulatedNetwork(1);
    SimulatedPeer peer = net.addPeer("p", CHAIN, PeerProfile.typical());
    List<List<BlockBody>> answers = new ArrayList<>();
    net.scheduler().runUntilIdle(100);
    peer.requestBodies(new BodiesRequest(List.of(CHAIN.hash(FIRST + 10), CHAIN.hash(FIRST + 11))), collect(answers));
    net.scheduler().runUntilIdle(100);
    assertThat(answers.getFirst()).hasSize(2);
    BodyValidator.validate(CHAIN.header(FIRST + 10), answers.getFirst().get(0));
    BodyValidator.validate(CHAIN.header(FIRST + 11), answers.getFirst().get(1));
    assertThat(SyntheticBodies.servedBody(CHAIN.header(FIRST + 10))).isEqualTo(answers.getFirst().get(0));
    int nonEmpty = 0;
    for (long n = FIRST + 1; n <= FIRST + 100; n++) {
      nonEmpty += SyntheticBodies.bodyFor(CHAIN.header(n)).transactions().isEmpty() ? 0 : 1;
    }
    assertThat(nonEmpty).as("most synthetic bodies hold transactions").isGreaterThan(60);
  }

  private static <T> PeerResponseListener<T> collect(List<T> into) {
    return new PeerResponseListener<>() {
      @Override
      public void onResponse(io.headersync.sync.api.PeerResponse<T> response) {
        into.add(response.value());
      }

      @Override
      public void onError(io.headersync.sync.api.PeerError error) {
        throw new AssertionError(error.toString());
      }
    };
  }

  @Test
  void setsOfScatteredBlocksComeOutInAscendingOrder() {
    Seeds.forEach(1, 10, seed -> {
      LiveRun run = new LiveRun(seed, CHAIN, BlockDownloadConfig.DEFAULT);
      honestPeers(run.net, 5);
      Set<Hash> set = randomHashes(seed, 30, FIRST + 1, CHAIN.headNumber());
      run.submitAt(Duration.ofMillis(1), () -> run.downloader.download(set));
      assertThat(run.runUntilDone(30, LIMIT)).as(run.describe()).isTrue();
      List<Long> expected = set.stream().map(h -> CHAIN.numberOf(h).getAsLong()).sorted().toList();
      assertThat(run.numbers()).isEqualTo(expected);
      assertThat(run.failures).isEmpty();
      // Header and body of a single block travel at once: one bodies request per block, no more.
      assertThat(run.clients.bodyAsks.values()).allMatch(n -> n == 1);
    });
  }

  @Test
  void aRangeComesAsHeadersFirstThenBatchedBodies() {
    Seeds.forEach(11, 5, seed -> {
      LiveRun run = new LiveRun(seed, CHAIN, BlockDownloadConfig.DEFAULT);
      honestPeers(run.net, 5);
      long tip = CHAIN.headNumber() - 100;
      run.submitAt(Duration.ofMillis(1), () -> run.downloader.downloadRange(CHAIN.hash(tip), 1000));
      assertThat(run.runUntilDone(1000, LIMIT)).as(run.describe()).isTrue();
      assertThat(run.numbers()).isEqualTo(range(tip - 999, tip));
      assertThat(run.clients.headerRequests).as("one walk request (peers serve 1024 headers)").isEqualTo(1);
      // Batches of 64 while room allows (the held limit, 256, is four batches): 16 at best.
      assertThat(run.clients.bodyRequests).isBetween(16, 24);
      assertThat(run.clients.bodyAsks.values()).allMatch(n -> n == 1);
    });
  }

  @Test
  void overlappingRequestsEmitEveryBlockOnceInAscendingOrder() {
    Seeds.forEach(21, 10, seed -> {
      // Room for everything at once, so no block is ever evicted and asked for again.
      LiveRun run = new LiveRun(seed, CHAIN, BlockDownloadConfig.DEFAULT.withMaxBodiesPerRequest(16).withMaxHeldBlocks(1024));
      honestPeers(run.net, 6);
      long a = FIRST + 1_500;
      Set<Hash> set = randomHashes(seed, 20, a - 700, a + 300);
      run.submitAt(Duration.ofMillis(1), () -> {
        run.downloader.downloadRange(CHAIN.hash(a), 400);
        run.downloader.download(set);
        run.downloader.downloadRange(CHAIN.hash(a + 200), 400);
        run.downloader.downloadRange(CHAIN.hash(a - 300), 250);
        run.downloader.download(set);
      });
      TreeSet<Long> expected = new TreeSet<>(range(a - 549, a + 200));
      set.forEach(h -> expected.add(CHAIN.numberOf(h).getAsLong()));
      assertThat(run.runUntilDone(expected.size(), LIMIT)).as(run.describe()).isTrue();
      assertThat(run.numbers()).isEqualTo(List.copyOf(expected));
      assertThat(run.clients.bodyAsks.values()).as("no body asked twice").allMatch(n -> n == 1);
      assertThat(run.downloader.stats().evictions()).isZero();
      assertThat(run.downloader.stats().attached()).isGreaterThanOrEqualTo(20 + 200);
    });
  }

  @Test
  void requestsArrivingWhileOthersAreUnderWayJoinThem() {
    Seeds.forEach(31, 10, seed -> {
      LiveRun run = new LiveRun(seed, CHAIN, BlockDownloadConfig.DEFAULT.withMaxBodiesPerRequest(16).withMaxHeldBlocks(1024));
      honestPeers(run.net, 4);
      long a = FIRST + 2_000;
      Set<Hash> set = randomHashes(seed, 15, a - 300, a + 100);
      run.submitAt(Duration.ofMillis(1), () -> run.downloader.downloadRange(CHAIN.hash(a), 500));
      run.submitAt(Duration.ofMillis(150), () -> run.downloader.download(set));
      run.submitAt(Duration.ofMillis(400), () -> run.downloader.downloadRange(CHAIN.hash(a + 100), 300));
      run.submitAt(Duration.ofMillis(700), () -> run.downloader.download(set));
      TreeSet<Long> expected = new TreeSet<>(range(a - 499, a + 100));
      set.forEach(h -> expected.add(CHAIN.numberOf(h).getAsLong()));
      assertThat(run.runUntilDone(expected.size(), LIMIT)).as(run.describe()).isTrue();
      assertThat(new TreeSet<>(run.numbers())).isEqualTo(expected);
      assertThat(run.numbers()).hasSize(expected.size());
      assertThat(run.clients.bodyAsks.values()).as("no body asked twice").allMatch(n -> n == 1);
    });
  }

  @Test
  void withLittleRoomHighBlocksMakeWayForLowerOnes() {
    long[] evictions = {0};
    Seeds.forEach(61, 5, seed -> {
      LiveRun run = new LiveRun(seed, CHAIN, BlockDownloadConfig.DEFAULT.withMaxHeldBlocks(32).withMaxBodiesPerRequest(8));
      honestPeers(run.net, 4);
      long a = FIRST + 2_000;
      // High single blocks take room at once (header and body together); the range below needs it.
      Set<Hash> high = randomHashes(seed, 24, a + 1, a + 200);
      run.submitAt(Duration.ofMillis(1), () -> {
        run.downloader.download(high);
        run.downloader.downloadRange(CHAIN.hash(a), 200);
      });
      TreeSet<Long> expected = new TreeSet<>(range(a - 199, a));
      high.forEach(h -> expected.add(CHAIN.numberOf(h).getAsLong()));
      assertThat(run.runUntilDone(expected.size(), LIMIT)).as(run.describe()).isTrue();
      assertThat(run.numbers()).isEqualTo(List.copyOf(expected));
      assertThat(run.downloader.stats().peakHeldBlocks()).isLessThanOrEqualTo(32);
      int extraAsks = run.clients.bodyAsks.values().stream().mapToInt(n -> n - 1).sum();
      assertThat(extraAsks).as("one more ask per eviction, nothing else").isEqualTo((int) run.downloader.stats().evictions());
      evictions[0] += run.downloader.stats().evictions();
    });
    System.out.println("evictions over 5 seeds: " + evictions[0]);
    assertThat(evictions[0]).as("the scenario makes the downloader evict").isPositive();
  }

  @Test
  void wrongBodiesAreReportedAndFetchedFromOthers() {
    Seeds.forEach(41, 10, seed -> {
      LiveRun run = new LiveRun(seed, CHAIN, BlockDownloadConfig.DEFAULT.withMaxBodiesPerRequest(8));
      honestPeers(run.net, 3);
      // The liars are the fastest peers, so the scheduler asks them first.
      PeerProfile fast = PeerProfile.typical().withLatency(Duration.ofMillis(10));
      run.net.addPeer("liar-1", CHAIN, fast, new PeerBehaviour.CorruptsBody());
      run.net.addPeer("liar-2", CHAIN, fast, new PeerBehaviour.Sometimes(0.5, new PeerBehaviour.CorruptsBody()));
      long tip = FIRST + 2_500;
      Set<Hash> set = randomHashes(seed, 10, tip + 1, CHAIN.headNumber());
      run.submitAt(Duration.ofMillis(1), () -> {
        run.downloader.downloadRange(CHAIN.hash(tip), 300);
        run.downloader.download(set);
      });
      assertThat(run.runUntilDone(310, LIMIT)).as(run.describe()).isTrue();
      assertThat(run.failures).isEmpty();
      assertThat(run.blocks).hasSize(310);
      assertThat(run.downloader.stats().wrongBodies()).isPositive();
      assertThat(run.scheduler.counters().get(SchedulerCounter.PEER_REPORTS)).isPositive();
      SimulatedPeer liar = run.net.peers().stream().filter(p -> p.id().value().equals("liar-1")).findFirst().orElseThrow();
      assertThat(liar.requestsReceived()).isPositive();
      assertThat(run.scheduler.reputation().score(liar.id())).as("the constant liar lost standing").isNegative();
    });
  }

  @Test
  void theHeldLimitHoldsWhateverThePeersDo() {
    Seeds.forEach(51, 10, seed -> {
      BlockDownloadConfig config = BlockDownloadConfig.DEFAULT.withMaxHeldBlocks(16).withMaxBodiesPerRequest(8);
      LiveRun run = new LiveRun(seed, CHAIN, config);
      honestPeers(run.net, 3);
      PeerProfile typical = PeerProfile.typical();
      run.net.addPeer("slow", CHAIN, typical, new PeerBehaviour.Slow(Duration.ofSeconds(2)));
      run.net.addPeer("staller", CHAIN, typical.withLatency(Duration.ofMillis(5)), new PeerBehaviour.Stalls());
      run.net.addPeer("empty", CHAIN, typical.withLatency(Duration.ofMillis(10)), new PeerBehaviour.AnswersEmpty());
      run.net.addPeer("partial", CHAIN, typical, new PeerBehaviour.AnswersPartially(0.3));
      run.net.addPeer("body-liar", CHAIN, typical.withLatency(Duration.ofMillis(15)), new PeerBehaviour.CorruptsBody());
      run.net.addPeer("header-liar", CHAIN, typical, new PeerBehaviour.CorruptsHeaderByte());
      run.net.addPeer("garbler", CHAIN, typical, new PeerBehaviour.SendsMalformed());
      run.net.addPeer("quitter", CHAIN, typical, new PeerBehaviour.DisconnectsMidRequest(1));
      long tip = FIRST + 1_200;
      Set<Hash> set = randomHashes(seed, 12, FIRST + 1_000, FIRST + 1_400);
      run.submitAt(Duration.ofMillis(1), () -> {
        run.downloader.downloadRange(CHAIN.hash(tip), 600);
        run.downloader.download(set);
      });
      TreeSet<Long> expected = new TreeSet<>(range(tip - 599, tip));
      set.forEach(h -> expected.add(CHAIN.numberOf(h).getAsLong()));
      assertThat(run.runUntilDone(expected.size(), LIMIT)).as(run.describe()).isTrue();
      assertThat(run.failures).as(run.describe()).isEmpty();
      assertThat(run.numbers()).isEqualTo(List.copyOf(expected));
      assertThat(run.downloader.stats().peakHeldBlocks()).isLessThanOrEqualTo(16).isGreaterThan(8);
      int extraAsks = run.clients.bodyAsks.values().stream().mapToInt(n -> n - 1).sum();
      assertThat(extraAsks).as("bodies asked again: evicted, wrong, missing or failed").isGreaterThanOrEqualTo(
          (int) (run.downloader.stats().evictions() + run.downloader.stats().wrongBodies()));
      assertThat(run.downloader.stats().peakTrackedBlocks()).isLessThanOrEqualTo(config.maxTrackedBlocks());
    });
  }
}
