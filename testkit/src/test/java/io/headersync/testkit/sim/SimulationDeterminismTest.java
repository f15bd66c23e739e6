package io.headersync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.sync.peers.SchedulerCounter;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The request scheduler over a simulated network of honest and adversarial peers: every header
 * arrives and matches the chain, the misbehaving peers are found out, and a run is a function of
 * its seed.
 */
class SimulationDeterminismTest {

  private static final LazyHeaderChain CHAIN =
      ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(77).firstNumber(20_000_000).length(20_000).build();
  private static final LazyHeaderChain FORK = CHAIN.fork(20_010_000, 10_500, ForkWeight.ANY, 78);

  /** What one run produced. */
  record Outcome(String traceDigest, long traceLines, long headersReceived, boolean done, RequestScheduler scheduler,
      RangeFetchDriver driver, SimulatedNetwork network) {}

  static Outcome run(long seed) {
    SimulatedNetwork net = new SimulatedNetwork(seed);
    RequestScheduler scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, net.scheduler());
    net.addListener(scheduler);
    PeerProfile typical = PeerProfile.typical();
    net.addPeer("honest-near", CHAIN, typical.withLatency(Duration.ofMillis(30)));
    net.addPeer("honest-far", CHAIN, typical.withLatency(Duration.ofMillis(250)).withBandwidth(800_000));
    net.addPeer("honest-eth69", CHAIN, typical.eth69());
    net.addPeer("slow", CHAIN, typical, new PeerBehaviour.Slow(Duration.ofSeconds(2)));
    net.addPeer("staller", CHAIN, typical.withLatency(Duration.ofMillis(5)), new PeerBehaviour.Stalls());
    net.addPeer("empty", CHAIN, typical.withLatency(Duration.ofMillis(10)), new PeerBehaviour.AnswersEmpty());
    net.addPeer("partial", CHAIN, typical, new PeerBehaviour.AnswersPartially(0.25));
    net.addPeer("corrupter", CHAIN, typical, new PeerBehaviour.CorruptsHeaderByte());
    net.addPeer("flaky", CHAIN, typical, new PeerBehaviour.Sometimes(0.2, new PeerBehaviour.OutOfOrder()));
    net.addPeer("shuffler", CHAIN, typical, new PeerBehaviour.OutOfOrder());
    net.addPeer("gappy", CHAIN, typical, new PeerBehaviour.LeavesGaps());
    net.addPeer("generous", CHAIN, typical, new PeerBehaviour.MoreThanAsked(5));
    net.addPeer("garbler", CHAIN, typical, new PeerBehaviour.SendsMalformed());
    net.addPeer("quitter", CHAIN, typical, new PeerBehaviour.DisconnectsMidRequest(2));
    net.addPeer("latecomer", CHAIN, typical, new PeerBehaviour.JoinsLate(Duration.ofSeconds(20)));
    net.addPeer("forker", CHAIN, typical.withLatency(Duration.ofMillis(20)),
        new PeerBehaviour.ServesFork(FORK, CHAIN.totalDifficulty(CHAIN.headNumber()).add(BigInteger.TEN.pow(21))));
    net.addPeer("flooder", CHAIN, typical, new PeerBehaviour.FloodsAnnouncements(Duration.ofMillis(500), 20));

    RangeFetchDriver driver = new RangeFetchDriver(scheduler, CHAIN, CHAIN.firstNumber() + 1, CHAIN.headNumber(), 1024, 12);
    net.scheduler().schedule(Duration.ofMillis(1), "start", driver::start);
    boolean done = net.scheduler().runUntil(driver::done, Duration.ofMinutes(30));
    return new Outcome(net.trace().digestHex(), net.trace().lineCount(), driver.receivedCount(), done, scheduler, driver, net);
  }

  @Test
  void everyHeaderArrivesAndTheLiarsAreFoundOut() {
    Outcome o = run(1);
    assertThat(o.done()).as("all %d headers fetched; trace tail %s", CHAIN.headNumber() - CHAIN.firstNumber(),
        o.network().trace().recent()).isTrue();
    assertThat(o.headersReceived()).isEqualTo(20_000);
    RequestScheduler s = o.scheduler();
    System.out.println("seed 1: " + o.traceLines() + " events, " + o.network().scheduler().elapsed() + " virtual, counters " + s.counters());
    assertThat(s.counters().get(SchedulerCounter.TIMEOUTS)).isPositive();
    assertThat(s.counters().get(SchedulerCounter.RESPONSES_INVALID)).isPositive();
    assertThat(s.counters().get(SchedulerCounter.RESPONSES_EMPTY)).isPositive();
    assertThat(s.counters().get(SchedulerCounter.MALFORMED_MESSAGES)).isPositive();
    assertThat(s.counters().get(SchedulerCounter.PEER_REPORTS)).isPositive();
    assertThat(s.counters().get(SchedulerCounter.RETRIES)).isPositive();
    // Every liar that was asked anything has lost standing; every honest peer has gained some.
    int liarsAsked = 0;
    for (SimulatedPeer p : o.network().peers()) {
      int score = s.reputation().score(p.id());
      boolean honest = p.id().value().startsWith("honest") || p.id().value().equals("latecomer");
      boolean harmless = honest || p.id().value().equals("slow") || p.id().value().equals("partial")
          || p.id().value().equals("flooder") || p.id().value().equals("quitter") || p.id().value().equals("flaky");
      if (honest && p.requestsReceived() > 0) {
        assertThat(score).as("score of %s", p.id()).isPositive();
      } else if (!harmless && p.requestsReceived() > 0) {
        liarsAsked++;
        assertThat(score).as("score of %s", p.id()).isNegative();
      }
    }
    assertThat(liarsAsked).isGreaterThanOrEqualTo(5);
    assertThat(o.driver().highestOutstanding).isLessThanOrEqualTo(12);
    assertThat(s.queuedRequests()).isLessThanOrEqualTo(SchedulerConfig.DEFAULT.maxQueuedRequests());
  }

  @Test
  void theSameSeedReplaysEventForEvent() {
    Outcome a = run(5);
    Outcome b = run(5);
    assertThat(a.traceLines()).isGreaterThan(200);
    assertThat(b.traceLines()).isEqualTo(a.traceLines());
    assertThat(b.traceDigest()).isEqualTo(a.traceDigest());
    assertThat(b.network().trace().recent()).isEqualTo(a.network().trace().recent());
  }

  @Test
  void anotherSeedGivesAnotherRun() {
    assertThat(run(6).traceDigest()).isNotEqualTo(run(5).traceDigest());
  }

  @Test
  void manySeedsAllComplete() {
    Seeds.forEach(100, 4, seed -> {
      Outcome o = run(seed);
      if (!o.done()) {
        throw new AssertionError("fetched only " + o.headersReceived() + " headers; last events " + o.network().trace().recent());
      }
    });
  }

  @Test
  void aFailingSeedIsNamed() {
    assertThatThrownBy(() -> Seeds.forEach(10, 5, seed -> {
      if (seed == 13) {
        throw new IllegalStateException("boom");
      }
    })).isInstanceOf(AssertionError.class)
        .hasMessageContaining("seed 13")
        .hasMessageContaining("-D" + Seeds.PROPERTY + "=13")
        .hasMessageContaining("boom");
  }
}
