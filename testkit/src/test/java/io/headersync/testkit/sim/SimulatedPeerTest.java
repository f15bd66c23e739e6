package io.headersync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerError;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedPeerTest {

  private static final LazyHeaderChain CHAIN = ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(8).length(3000).build();
  private static final PeerProfile STEADY = PeerProfile.typical().withJitter(Duration.ZERO);

  private final SimulatedNetwork net = new SimulatedNetwork(42);
  private final Recorder recorder = new Recorder(net.scheduler());

  SimulatedPeerTest() {
    net.addListener(recorder);
  }

  private SimulatedPeer peer(PeerProfile profile, PeerBehaviour... behaviours) {
    SimulatedPeer p = net.addPeer("p" + net.peers().size(), CHAIN, profile, behaviours);
    net.scheduler().runFor(Duration.ZERO);
    return p;
  }

  private Recorder.Answer<List<BlockHeader>> ask(SimulatedPeer p, HeadersRequest request) {
    Recorder.Answer<List<BlockHeader>> a = recorder.answer();
    p.requestHeaders(request, a);
    assertThat(a.values).as("never answered from inside the request").isEmpty();
    net.scheduler().runFor(Duration.ofMinutes(1));
    return a;
  }

  private static List<BlockHeader> honest(long first, int count) {
    List<BlockHeader> out = new ArrayList<>();
    for (long n = first; n < first + count; n++) {
      out.add(CHAIN.header(n));
    }
    return out;
  }

  @Test
  void anHonestPeerAnswersWhatWasAskedAfterLatencyAndTransmission() {
    SimulatedPeer p = peer(STEADY);
    long sentAt = net.scheduler().nanoTime();
    Recorder.Answer<List<BlockHeader>> a = ask(p, HeadersRequest.ascending(100, 200));

    assertThat(a.value()).isEqualTo(honest(100, 200));
    long bytes = a.value().stream().mapToLong(h -> h.encoded().length).sum();
    long expected = STEADY.latency().toNanos() + bytes * 1_000_000_000L / STEADY.bytesPerSecond();
    assertThat(a.values.getFirst().nanos() - sentAt).isEqualTo(expected);
  }

  @Test
  void reverseSkipAndByHashRequestsAreServed() {
    SimulatedPeer p = peer(STEADY);
    assertThat(ask(p, HeadersRequest.descending(50, 3)).value()).extracting(BlockHeader::number).containsExactly(50L, 49L, 48L);
    assertThat(ask(p, new HeadersRequest(BlockOrigin.number(0), 4, 9, false)).value())
        .extracting(BlockHeader::number).containsExactly(0L, 10L, 20L, 30L);
    CHAIN.header(700);
    assertThat(ask(p, new HeadersRequest(BlockOrigin.hash(CHAIN.hash(700)), 2, 0, false)).value())
        .extracting(BlockHeader::number).containsExactly(700L, 701L);
    assertThat(ask(p, HeadersRequest.ascending(2999, 10)).value()).hasSize(2);
  }

  @Test
  void serveLimitsHold() {
    SimulatedPeer p = peer(STEADY);
    assertThat(ask(p, HeadersRequest.ascending(0, 2000)).value()).hasSize(1024);

    SimulatedPeer small = peer(STEADY.withLimits(new ServeLimits(1024, 1024, 10_000)));
    List<BlockHeader> answer = ask(small, HeadersRequest.ascending(0, 1024)).value();
    long bytes = answer.stream().mapToLong(h -> h.encoded().length).sum();
    assertThat(bytes).isLessThanOrEqualTo(10_000);
    assertThat(bytes + CHAIN.header(answer.size()).encoded().length).isGreaterThan(10_000);
    assertThat(answer).isEqualTo(honest(0, answer.size()));
    assertThat(ServeLimits.DEFAULT.maxBytes()).isEqualTo(2L * 1024 * 1024);
  }

  @Test
  void bandwidthIsShared() {
    SimulatedPeer p = peer(STEADY.withBandwidth(500_000));
    Recorder.Answer<List<BlockHeader>> first = recorder.answer();
    Recorder.Answer<List<BlockHeader>> second = recorder.answer();
    p.requestHeaders(HeadersRequest.ascending(0, 1000), first);
    p.requestHeaders(HeadersRequest.ascending(1000, 1000), second);
    net.scheduler().runFor(Duration.ofMinutes(1));
    long transmitSecond = second.value().stream().mapToLong(h -> h.encoded().length).sum() * 1_000_000_000L / 500_000;
    assertThat(second.values.getFirst().nanos() - first.values.getFirst().nanos()).isEqualTo(transmitSecond);
  }

  @Test
  void slowAddsItsDelay() {
    SimulatedPeer fast = peer(STEADY);
    SimulatedPeer slow = peer(STEADY, new PeerBehaviour.Slow(Duration.ofSeconds(3)));
    long t0 = net.scheduler().nanoTime();
    long fastTime = ask(fast, HeadersRequest.ascending(0, 10)).values.getFirst().nanos() - t0;
    long t1 = net.scheduler().nanoTime();
    long slowTime = ask(slow, HeadersRequest.ascending(0, 10)).values.getFirst().nanos() - t1;
    assertThat(slowTime - fastTime).isEqualTo(Duration.ofSeconds(3).toNanos());
  }

  @Test
  void aStallingPeerNeverAnswersUntilItIsGone() {
    SimulatedPeer p = peer(STEADY, new PeerBehaviour.Stalls());
    Recorder.Answer<List<BlockHeader>> a = ask(p, HeadersRequest.ascending(0, 10));
    net.scheduler().runFor(Duration.ofHours(1));
    assertThat(a.values).isEmpty();
    assertThat(a.errors).isEmpty();

    p.disconnect(io.headersync.sync.api.DisconnectReason.USELESS_PEER);
    net.scheduler().runFor(Duration.ZERO);
    assertThat(a.errors).singleElement().satisfies(e -> assertThat(e.value().kind()).isEqualTo(PeerError.Kind.DISCONNECTED));
    assertThat(recorder.disconnected).extracting(Recorder.Timed::value).containsExactly(p.id());
  }

  @Test
  void emptyAnswers() {
    assertThat(ask(peer(STEADY, new PeerBehaviour.AnswersEmpty()), HeadersRequest.ascending(0, 10)).value()).isEmpty();
  }

  @Test
  void partialAnswersAreAPrefix() {
    SimulatedPeer p = peer(STEADY, new PeerBehaviour.AnswersPartially(0.3));
    assertThat(ask(p, HeadersRequest.ascending(100, 100)).value()).isEqualTo(honest(100, 30));
    assertThat(ask(p, HeadersRequest.ascending(100, 2)).value()).isEqualTo(honest(100, 1));
  }

  @Test
  void corruptionChangesExactlyOneByteOfOneHeader() {
    SimulatedPeer p = peer(STEADY, new PeerBehaviour.CorruptsHeaderByte());
    for (int round = 0; round < 20; round++) {
      List<BlockHeader> answer = ask(p, HeadersRequest.ascending(round * 50L, 50)).value();
      List<BlockHeader> truth = honest(round * 50L, 50);
      assertThat(answer).hasSameSizeAs(truth);
      int changedHeaders = 0;
      int changedBytes = 0;
      for (int i = 0; i < truth.size(); i++) {
        byte[] a = answer.get(i).encoded();
        byte[] t = truth.get(i).encoded();
        assertThat(a).hasSameSizeAs(t);
        int diff = 0;
        for (int k = 0; k < a.length; k++) {
          diff += a[k] != t[k] ? 1 : 0;
        }
        changedHeaders += diff > 0 ? 1 : 0;
        changedBytes += diff;
        if (diff > 0) {
          assertThat(answer.get(i).hash()).isNotEqualTo(truth.get(i).hash());
        }
      }
      assertThat(changedHeaders).isEqualTo(1);
      assertThat(changedBytes).isEqualTo(1);
    }
  }

  @Test
  void outOfOrderKeepsTheHeadersButNotTheirOrder() {
    List<BlockHeader> answer = ask(peer(STEADY, new PeerBehaviour.OutOfOrder()), HeadersRequest.ascending(10, 20)).value();
    assertThat(answer).containsExactlyInAnyOrderElementsOf(honest(10, 20)).isNotEqualTo(honest(10, 20));
    assertThat(ask(peer(STEADY, new PeerBehaviour.OutOfOrder()), HeadersRequest.ascending(10, 2)).value())
        .containsExactly(CHAIN.header(11), CHAIN.header(10));
  }

  @Test
  void gapsDropAnInteriorHeader() {
    List<BlockHeader> answer = ask(peer(STEADY, new PeerBehaviour.LeavesGaps()), HeadersRequest.ascending(10, 20)).value();
    assertThat(answer).hasSize(19).isSubsetOf(honest(10, 20));
    assertThat(answer.getFirst()).isEqualTo(CHAIN.header(10));
    assertThat(answer.getLast()).isEqualTo(CHAIN.header(29));
    assertThat(answer).isSortedAccordingTo((a, b) -> Long.compare(a.number(), b.number()));
  }

  @Test
  void moreThanAskedContinuesThePattern() {
    List<BlockHeader> answer = ask(peer(STEADY, new PeerBehaviour.MoreThanAsked(3)), HeadersRequest.ascending(10, 20)).value();
    assertThat(answer).isEqualTo(honest(10, 23));
  }

  @Test
  void malformedAnswersArriveAsErrors() {
    Recorder.Answer<List<BlockHeader>> a = ask(peer(STEADY, new PeerBehaviour.SendsMalformed()), HeadersRequest.ascending(0, 5));
    assertThat(a.values).isEmpty();
    assertThat(a.errors).singleElement().satisfies(e -> assertThat(e.value().kind()).isEqualTo(PeerError.Kind.MALFORMED_MESSAGE));
  }

  @Test
  void disconnectsHalfWayThroughTheRequestAfterTheOnesItAnswers() {
    SimulatedPeer p = peer(STEADY, new PeerBehaviour.DisconnectsMidRequest(2));
    assertThat(ask(p, HeadersRequest.ascending(0, 5)).value()).hasSize(5);
    assertThat(ask(p, HeadersRequest.ascending(5, 5)).value()).hasSize(5);
    long sentAt = net.scheduler().nanoTime();
    Recorder.Answer<List<BlockHeader>> third = ask(p, HeadersRequest.ascending(10, 5));
    assertThat(third.values).isEmpty();
    assertThat(third.errors).singleElement().satisfies(e -> {
      assertThat(e.value().kind()).isEqualTo(PeerError.Kind.DISCONNECTED);
      assertThat(e.nanos() - sentAt).isEqualTo(STEADY.latency().toNanos() / 2);
    });
    assertThat(p.isConnected()).isFalse();
    assertThat(recorder.disconnected).extracting(Recorder.Timed::value).containsExactly(p.id());
    assertThat(ask(p, HeadersRequest.ascending(0, 5)).errors).hasSize(1);
  }

  @Test
  void joinsLate() {
    SimulatedPeer p = net.addPeer("late", CHAIN, STEADY, new PeerBehaviour.JoinsLate(Duration.ofSeconds(90)));
    net.scheduler().runFor(Duration.ofSeconds(89));
    assertThat(p.isConnected()).isFalse();
    net.scheduler().runFor(Duration.ofSeconds(1));
    assertThat(p.isConnected()).isTrue();
    assertThat(recorder.connected).singleElement().satisfies(c -> assertThat(c.nanos()).isEqualTo(Duration.ofSeconds(90).toNanos()));
  }

  @Test
  void floodsAnnouncementsOfUnknownBlocks() {
    peer(STEADY, new PeerBehaviour.FloodsAnnouncements(Duration.ofMillis(100), 5));
    net.scheduler().runFor(Duration.ofSeconds(1));
    assertThat(recorder.announcements).hasSize(50).allSatisfy(a -> {
      assertThat(a.value().number()).isGreaterThan(CHAIN.headNumber());
      assertThat(CHAIN.numberOf(a.value().hash())).isEmpty();
    });
  }

  @Test
  void changesHeadAtTheTip() {
    LazyHeaderChain reorged = CHAIN.fork(2990, 20, ForkWeight.ANY, 5);
    SimulatedPeer p = peer(STEADY, new PeerBehaviour.ChangesHead(Duration.ofSeconds(30), reorged));
    assertThat(p.chainState().headHash()).isEqualTo(CHAIN.head().hash());
    assertThat(ask(p, HeadersRequest.ascending(2995, 1)).value()).containsExactly(CHAIN.header(2995));
    net.scheduler().runFor(Duration.ofSeconds(30));

    assertThat(p.chainState().headHash()).isEqualTo(reorged.head().hash());
    assertThat(p.chainState().headNumber()).hasValue(3010);
    assertThat(recorder.chainStates).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(p.chainState()));
    assertThat(recorder.announcements).singleElement().satisfies(a -> assertThat(a.value().hash()).isEqualTo(reorged.head().hash()));
    assertThat(ask(p, HeadersRequest.ascending(2995, 1)).value()).containsExactly(reorged.header(2995));
  }

  @Test
  void servesAForkWhileClaimingMoreWork() {
    LazyHeaderChain fork = CHAIN.fork(2000, 1500, ForkWeight.ANY, 6);
    BigInteger claim = CHAIN.totalDifficulty(CHAIN.headNumber()).add(BigInteger.TEN.pow(20));
    SimulatedPeer p = peer(STEADY, new PeerBehaviour.ServesFork(fork, claim));
    assertThat(p.chainState().totalDifficulty()).contains(claim);
    assertThat(p.chainState().headNumber()).hasValue(3500);
    assertThat(ask(p, HeadersRequest.ascending(1999, 3)).value()).containsExactly(CHAIN.header(1999), CHAIN.header(2000), fork.header(2001));
  }

  @Test
  void eth69PeersClaimARange() {
    SimulatedPeer p = peer(STEADY.eth69());
    assertThat(p.chainState().servedRange()).contains(BlockRange.of(0, 3000));
    assertThat(p.chainState().totalDifficulty()).isEmpty();
    assertThat(p.chainState().covers(BlockRange.of(2000, 3001))).isEqualTo(PeerChainState.Coverage.DOES_NOT_COVER);
  }

  @Test
  void sometimesAppliesNowAndThen() {
    SimulatedPeer p = peer(STEADY, new PeerBehaviour.Sometimes(0.5, new PeerBehaviour.AnswersEmpty()));
    int empty = 0;
    for (int i = 0; i < 40; i++) {
      empty += ask(p, HeadersRequest.ascending(i, 3)).value().isEmpty() ? 1 : 0;
    }
    assertThat(empty).isBetween(5, 35);
  }

  @Test
  void bodiesAreServedWithinLimits() {
    SimulatedPeer p = peer(STEADY.withLimits(new ServeLimits(1024, 2, 1 << 20)));
    Recorder.Answer<List<BlockBody>> a = recorder.answer();
    p.requestBodies(new BodiesRequest(List.of(CHAIN.hash(10), CHAIN.hash(11), CHAIN.hash(12))), a);
    net.scheduler().runFor(Duration.ofSeconds(5));
    assertThat(a.value()).hasSize(2).allSatisfy(b -> assertThat(b.withdrawals()).isEmpty());
  }

  @Test
  void addingAPeerDoesNotChangeWhatTheOthersDo() {
    long[] arrival = new long[2];
    for (int run = 0; run < 2; run++) {
      SimulatedNetwork n = new SimulatedNetwork(9);
      SimulatedPeer x = n.addPeer("x", CHAIN, PeerProfile.typical());
      if (run == 1) {
        n.addPeer("z", CHAIN, PeerProfile.typical(), new PeerBehaviour.Slow(Duration.ofSeconds(1)));
      }
      n.scheduler().runFor(Duration.ZERO);
      Recorder.Answer<List<BlockHeader>> answer = new Recorder(n.scheduler()).answer();
      for (int i = 0; i < 5; i++) {
        x.requestHeaders(HeadersRequest.ascending(0, 1), answer);
      }
      n.scheduler().runFor(Duration.ofSeconds(5));
      arrival[run] = answer.values.getLast().nanos();
    }
    assertThat(arrival[1]).isEqualTo(arrival[0]);
  }
}
