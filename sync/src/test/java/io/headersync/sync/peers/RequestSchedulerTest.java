package io.headersync.sync.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerError;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.Priority;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import io.headersync.sync.testing.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestSchedulerTest {

  private final ManualScheduler clock = new ManualScheduler();
  private final RecordingListener<List<BlockHeader>> listener = new RecordingListener<>();

  private RequestScheduler scheduler(SchedulerConfig config) {
    return new RequestScheduler(config, clock);
  }

  private static final HeadersRequest TEN_FROM_100 = HeadersRequest.ascending(100, 10);
  private static final List<BlockHeader> GOOD_ANSWER = TestHeaders.range(100, 10);

  private static long counter(RequestScheduler s, SchedulerCounter c) {
    return s.counters().get(c);
  }

  @Nested
  class NextBestPeer {

    @Test
    void prefersTheLowestRoundTrip() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer slow = new FakePeer("a-slow", 1000).rtt(200);
      FakePeer fast = new FakePeer("b-fast", 1000).rtt(50);
      FakePeer medium = new FakePeer("c-medium", 1000).rtt(100);
      s.peerConnected(slow);
      s.peerConnected(fast);
      s.peerConnected(medium);

      assertThat(s.nextBestPeer(BlockRange.of(100, 109))).contains(fast.id);
      s.requestHeaders(TEN_FROM_100, listener);
      assertThat(fast.sent).hasSize(1);
      assertThat(slow.sent).isEmpty();
      assertThat(medium.sent).isEmpty();
    }

    @Test
    void measuredRoundTripReplacesTheTransportsGuess() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer a = new FakePeer("a", 1000).rtt(50);
      FakePeer b = new FakePeer("b", 1000).rtt(100);
      s.peerConnected(a);
      s.peerConnected(b);
      s.requestHeaders(TEN_FROM_100, listener);
      clock.advanceMillis(400); // a turns out much slower than its ping said
      a.answerLast(GOOD_ANSWER);

      assertThat(s.nextBestPeer(BlockRange.of(100, 109))).contains(b.id);
    }

    @Test
    void skipsPeersAtTheInFlightLimit() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT.withMaxInFlightPerPeer(1));
      FakePeer fast = new FakePeer("fast", 1000).rtt(50);
      FakePeer slow = new FakePeer("slow", 1000).rtt(200);
      s.peerConnected(fast);
      s.peerConnected(slow);

      s.requestHeaders(TEN_FROM_100, listener);
      s.requestHeaders(HeadersRequest.ascending(110, 10), listener);
      s.requestHeaders(HeadersRequest.ascending(120, 10), listener);

      assertThat(fast.sent).hasSize(1);
      assertThat(slow.sent).hasSize(1);
      assertThat(s.queuedRequests()).isEqualTo(1);
      assertThat(s.nextBestPeer(BlockRange.of(0, 1))).isEmpty();

      fast.answerLast(GOOD_ANSWER);
      assertThat(fast.sent).hasSize(2);
      assertThat(fast.last().request()).isEqualTo(HeadersRequest.ascending(120, 10));
      assertThat(s.queuedRequests()).isZero();
    }

    @Test
    void avoidsAPeerWhoseLastAnswerWasBadUntilThatIsForgotten() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer fast = new FakePeer("fast", 1000).rtt(50);
      FakePeer slow = new FakePeer("slow", 1000).rtt(200);
      s.peerConnected(fast);
      s.peerConnected(slow);

      s.requestHeaders(TEN_FROM_100, listener);
      clock.advanceMillis(50);
      fast.answerLast(List.of());
      assertThat(slow.sent).hasSize(1);
      clock.advanceMillis(200);
      slow.answerLast(GOOD_ANSWER);
      assertThat(listener.responses).singleElement().satisfies(r -> assertThat(r.peer()).isEqualTo(slow.id));

      BlockRange range = BlockRange.of(100, 109);
      assertThat(s.nextBestPeer(range)).contains(slow.id);
      assertThat(s.peer(fast.id).orElseThrow().flaggedBad()).isTrue();

      clock.advance(SchedulerConfig.DEFAULT.badResponseMemory());
      assertThat(s.nextBestPeer(range)).contains(fast.id);
    }

    @Test
    void usesAFlaggedPeerWhenNoOtherCanServe() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer only = new FakePeer("only", 1000);
      s.peerConnected(only);
      s.requestHeaders(TEN_FROM_100, listener);
      only.answerLast(List.of());

      assertThat(s.peer(only.id).orElseThrow().flaggedBad()).isTrue();
      assertThat(s.nextBestPeer(BlockRange.of(100, 109))).contains(only.id);
      assertThat(only.sent).hasSize(2); // the retry went back to it
    }

    @Test
    void onlyPeersClaimingTheRangeAreAsked() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer shortHead = new FakePeer("short", 100).rtt(10);
      FakePeer pruned = new FakePeer("pruned", 0).range(900, 1000).rtt(20);
      FakePeer full = new FakePeer("full", 1000).rtt(300);
      s.peerConnected(shortHead);
      s.peerConnected(pruned);
      s.peerConnected(full);

      assertThat(s.nextBestPeer(BlockRange.of(10, 20))).contains(shortHead.id);
      assertThat(s.nextBestPeer(BlockRange.of(500, 600))).contains(full.id);
      assertThat(s.nextBestPeer(BlockRange.of(950, 960))).contains(pruned.id);
      assertThat(s.nextBestPeer(BlockRange.of(1001, 1001))).isEmpty();

      s.requestHeaders(HeadersRequest.ascending(500, 101), listener);
      assertThat(full.sent).hasSize(1);
      assertThat(shortHead.sent).isEmpty();
      assertThat(pruned.sent).isEmpty();
    }

    @Test
    void peersOfUnknownHeadComeAfterPeersKnownToCover() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer unknown = new FakePeer("unknown", 0).headUnknown().rtt(5);
      FakePeer known = new FakePeer("known", 1000).rtt(300);
      s.peerConnected(unknown);
      s.peerConnected(known);
      assertThat(s.nextBestPeer(BlockRange.of(500, 600))).contains(known.id);

      s.peerDisconnected(known.id, DisconnectReason.REQUESTED);
      assertThat(s.nextBestPeer(BlockRange.of(500, 600))).contains(unknown.id);
    }

    @Test
    void aRequestByHashUsesTheRangeItsOwnerGives() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer shortHead = new FakePeer("short", 100).rtt(10);
      FakePeer full = new FakePeer("full", 1000).rtt(300);
      s.peerConnected(shortHead);
      s.peerConnected(full);
      BlockHeader target = TestHeaders.CHAIN.get(250);
      HeadersRequest byHash = new HeadersRequest(BlockOrigin.hash(target.hash()), 1, 0, false);

      s.requestHeaders(byHash, RequestOptions.normal().requiring(BlockRange.single(250)), listener);
      assertThat(full.sent).hasSize(1);
      clock.advanceMillis(300);
      full.answerLast(List.of(target));
      assertThat(listener.responses).hasSize(1);

      s.requestHeaders(byHash, listener); // no range given: any peer may be asked
      assertThat(shortHead.sent).hasSize(1);
    }

    @Test
    void higherPriorityGoesFirstAndEqualsInOrder() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT.withMaxInFlightPerPeer(1));
      FakePeer only = new FakePeer("only", 1000);
      s.peerConnected(only);
      s.requestHeaders(HeadersRequest.ascending(100, 10), listener);
      s.requestHeaders(HeadersRequest.ascending(110, 10), listener);
      s.requestHeaders(HeadersRequest.ascending(120, 10), RequestOptions.of(Priority.LOW), listener);
      s.requestHeaders(HeadersRequest.ascending(130, 10), RequestOptions.of(Priority.HIGH), listener);
      s.requestHeaders(HeadersRequest.ascending(140, 10), listener);

      for (int i = 0; i < 4; i++) {
        FakePeer.Sent last = only.last();
        long first = last.request().originNumber().orElseThrow();
        only.answer(last, TestHeaders.range(first, 10));
      }
      assertThat(only.sent).extracting(x -> x.request().originNumber().orElseThrow())
          .containsExactly(100L, 130L, 110L, 140L, 120L);
    }
  }

  @Nested
  class TimeOuts {

    private final SchedulerConfig config = new SchedulerConfig(2, 100, 3, Duration.ofSeconds(60), Duration.ofSeconds(2),
        Duration.ofMillis(100), Duration.ofSeconds(4), 4, Duration.ofSeconds(1), Duration.ofSeconds(30), ReputationConfig.DEFAULT);

    @Test
    void aPeerNeverTimedGetsTheInitialTimeOut() {
      RequestScheduler s = scheduler(config);
      FakePeer a = new FakePeer("a", 1000);
      s.peerConnected(a);
      s.requestHeaders(TEN_FROM_100, listener);
      clock.advance(Duration.ofSeconds(2).minusNanos(1));
      assertThat(counter(s, SchedulerCounter.TIMEOUTS)).isZero();
      clock.advance(Duration.ofNanos(1));
      assertThat(counter(s, SchedulerCounter.TIMEOUTS)).isEqualTo(1);
    }

    @Test
    void timeOutFollowsMeasuredRoundTrips() {
      RequestScheduler s = scheduler(config);
      FakePeer a = new FakePeer("a", 1000);
      s.peerConnected(a);
      s.requestHeaders(TEN_FROM_100, listener);
      clock.advanceMillis(200);
      a.answerLast(GOOD_ANSWER);
      // smoothed 200 ms, variation 100 ms: 200 + 4 × 100
      assertThat(s.peer(a.id).orElseThrow().timeout()).isEqualTo(Duration.ofMillis(600));
      assertThat(s.peer(a.id).orElseThrow().smoothedRoundTrip()).contains(Duration.ofMillis(200));

      s.requestHeaders(TEN_FROM_100, listener);
      clock.advanceMillis(599);
      assertThat(counter(s, SchedulerCounter.TIMEOUTS)).isZero();
      clock.advanceMillis(1);
      assertThat(counter(s, SchedulerCounter.TIMEOUTS)).isEqualTo(1);
      // backed off: twice as long for the next one
      assertThat(s.peer(a.id).orElseThrow().timeout()).isEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void timeOutStaysWithinBounds() {
      RequestScheduler s = scheduler(config.withMaxRetries(0));
      FakePeer a = new FakePeer("a", 1000);
      s.peerConnected(a);
      s.requestHeaders(TEN_FROM_100, listener);
      clock.advanceMillis(1);
      a.answerLast(GOOD_ANSWER);
      assertThat(s.peer(a.id).orElseThrow().timeout()).isEqualTo(config.minTimeout());

      for (int i = 0; i < 6; i++) {
        s.requestHeaders(TEN_FROM_100, listener);
        clock.advance(config.maxTimeout());
      }
      assertThat(s.peer(a.id).orElseThrow().timeout()).isEqualTo(config.maxTimeout());
    }
  }

  @Nested
  class Retries {

    @Test
    void aTimedOutRequestIsRetriedOnAnotherPeer() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer a = new FakePeer("a", 1000).rtt(50);
      FakePeer b = new FakePeer("b", 1000).rtt(100);
      s.peerConnected(a);
      s.peerConnected(b);
      s.requestHeaders(TEN_FROM_100, listener);
      assertThat(a.sent).hasSize(1);

      clock.advance(SchedulerConfig.DEFAULT.initialTimeout());
      assertThat(b.sent).hasSize(1);
      assertThat(b.last().request()).isEqualTo(TEN_FROM_100);
      b.answerLast(GOOD_ANSWER);

      assertThat(listener.responses).singleElement().satisfies(r -> {
        assertThat(r.peer()).isEqualTo(b.id);
        assertThat(r.value()).isEqualTo(GOOD_ANSWER);
      });
      assertThat(counter(s, SchedulerCounter.TIMEOUTS)).isEqualTo(1);
      assertThat(counter(s, SchedulerCounter.RETRIES)).isEqualTo(1);
      assertThat(counter(s, SchedulerCounter.REQUESTS_SENT)).isEqualTo(2);
      assertThat(s.reputation().score(a.id)).isEqualTo(-ReputationConfig.DEFAULT.timeoutCost());
      assertThat(s.reputation().score(b.id)).isEqualTo(ReputationConfig.DEFAULT.goodResponseReward());
    }

    @Test
    void aWrongAnswerIsChargedAndRetriedElsewhere() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer a = new FakePeer("a", 1000).rtt(50);
      FakePeer b = new FakePeer("b", 1000).rtt(100);
      s.peerConnected(a);
      s.peerConnected(b);
      s.requestHeaders(TEN_FROM_100, listener);
      a.answerLast(TestHeaders.range(101, 10)); // wrong origin

      assertThat(b.sent).hasSize(1);
      assertThat(listener.calls()).isZero();
      assertThat(s.reputation().score(a.id)).isEqualTo(-ReputationConfig.DEFAULT.wrongDataCost());
      assertThat(counter(s, SchedulerCounter.RESPONSES_INVALID)).isEqualTo(1);
    }

    @Test
    void afterTheLastRetryTheOwnerHearsWhy() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT.withMaxRetries(2));
      FakePeer a = new FakePeer("a", 1000).rtt(10);
      FakePeer b = new FakePeer("b", 1000).rtt(20);
      FakePeer c = new FakePeer("c", 1000).rtt(30);
      FakePeer d = new FakePeer("d", 1000).rtt(40);
      for (FakePeer p : List.of(a, b, c, d)) {
        s.peerConnected(p);
      }
      s.requestHeaders(TEN_FROM_100, listener);
      a.answerLast(List.of());
      b.answerLast(TestHeaders.range(100, 11));
      c.failLast(PeerError.Kind.MALFORMED_MESSAGE);

      assertThat(d.sent).isEmpty();
      assertThat(listener.responses).isEmpty();
      assertThat(listener.failures).singleElement().satisfies(f -> {
        assertThat(f.reason()).isEqualTo(RequestFailure.Reason.RETRIES_EXHAUSTED);
        assertThat(f.attempts()).isEqualTo(3);
        assertThat(f.detail()).contains("MALFORMED_MESSAGE").contains("c");
      });
      assertThat(counter(s, SchedulerCounter.REQUESTS_FAILED)).isEqualTo(1);
      assertThat(counter(s, SchedulerCounter.RESPONSES_EMPTY)).isEqualTo(1);
      assertThat(counter(s, SchedulerCounter.RESPONSES_INVALID)).isEqualTo(1);
      assertThat(counter(s, SchedulerCounter.MALFORMED_MESSAGES)).isEqualTo(1);
    }

    @Test
    void aPeerThatLeavesMidRequestIsNotChargedAndTheRequestMoves() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer a = new FakePeer("a", 1000).rtt(10);
      FakePeer b = new FakePeer("b", 1000).rtt(20);
      s.peerConnected(a);
      s.peerConnected(b);
      s.requestHeaders(TEN_FROM_100, listener);
      s.peerDisconnected(a.id, DisconnectReason.NETWORK_ERROR);
      a.failLast(PeerError.Kind.DISCONNECTED); // the transport's own notice comes later and changes nothing

      assertThat(b.sent).hasSize(1);
      assertThat(s.reputation().score(a.id)).isZero();
      assertThat(counter(s, SchedulerCounter.DISCONNECTS_MID_REQUEST)).isEqualTo(1);
      assertThat(counter(s, SchedulerCounter.RETRIES)).isEqualTo(1);
      assertThat(s.connectedPeers()).containsExactly(b.id);
    }

    @Test
    void aLateAnswerIsCountedButNotDelivered() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer a = new FakePeer("a", 1000).rtt(10);
      FakePeer b = new FakePeer("b", 1000).rtt(20);
      s.peerConnected(a);
      s.peerConnected(b);
      s.requestHeaders(TEN_FROM_100, listener);
      FakePeer.Sent first = a.last();
      clock.advance(SchedulerConfig.DEFAULT.initialTimeout());
      a.answer(first, GOOD_ANSWER);

      assertThat(listener.calls()).isZero();
      assertThat(counter(s, SchedulerCounter.RESPONSES_LATE)).isEqualTo(1);
      assertThat(s.peer(a.id).orElseThrow().inFlight()).isZero();
      b.answerLast(GOOD_ANSWER);
      assertThat(listener.responses).singleElement().satisfies(r -> assertThat(r.peer()).isEqualTo(b.id));
    }

    @Test
    void aCancelledRequestIsNeverAnswered() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer a = new FakePeer("a", 1000);
      s.peerConnected(a);
      RequestTicket ticket = s.requestHeaders(TEN_FROM_100, listener);
      assertThat(ticket.cancel()).isTrue();
      assertThat(ticket.cancel()).isFalse();
      assertThat(s.peer(a.id).orElseThrow().inFlight()).isEqualTo(1); // the peer is still busy with it
      a.answerLast(GOOD_ANSWER);

      assertThat(listener.calls()).isZero();
      assertThat(s.peer(a.id).orElseThrow().inFlight()).isZero();
      assertThat(counter(s, SchedulerCounter.REQUESTS_CANCELLED)).isEqualTo(1);
    }

    @Test
    void aRequestNoPeerCanTakeFailsAfterTheWaitingLimit() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      s.peerConnected(new FakePeer("short", 50));
      s.requestHeaders(TEN_FROM_100, listener);
      clock.advance(SchedulerConfig.DEFAULT.maxQueueWait().minusMillis(1));
      assertThat(listener.calls()).isZero();
      clock.advanceMillis(1);

      assertThat(listener.failures).singleElement().satisfies(f -> {
        assertThat(f.reason()).isEqualTo(RequestFailure.Reason.NO_SUITABLE_PEER);
        assertThat(f.attempts()).isZero();
        assertThat(f.detail()).contains("100..109");
      });
      assertThat(s.queuedRequests()).isZero();
    }

    @Test
    void theQueueIsBounded() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT.withMaxQueuedRequests(2));
      s.requestHeaders(TEN_FROM_100, listener);
      s.requestHeaders(TEN_FROM_100, listener);
      s.requestHeaders(TEN_FROM_100, listener);
      assertThat(listener.calls()).as("never called back from inside submit").isZero();
      clock.runDue();

      assertThat(listener.failures).singleElement()
          .satisfies(f -> assertThat(f.reason()).isEqualTo(RequestFailure.Reason.QUEUE_FULL));
      assertThat(s.queuedRequests()).isEqualTo(2);
    }

    @Test
    void aPartialAnswerIsGood() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer a = new FakePeer("a", 1000);
      s.peerConnected(a);
      s.requestHeaders(TEN_FROM_100, listener);
      a.answerLast(TestHeaders.range(100, 4));

      assertThat(listener.responses).singleElement().satisfies(r -> assertThat(r.value()).hasSize(4));
      assertThat(counter(s, SchedulerCounter.RESPONSES_PARTIAL)).isEqualTo(1);
      assertThat(counter(s, SchedulerCounter.RESPONSES_GOOD)).isEqualTo(1);
    }

    @Test
    void closingFailsEverythingPending() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT.withMaxInFlightPerPeer(1));
      FakePeer a = new FakePeer("a", 1000);
      s.peerConnected(a);
      s.requestHeaders(TEN_FROM_100, listener);
      s.requestHeaders(TEN_FROM_100, listener);
      s.close();
      a.answerLast(GOOD_ANSWER);

      assertThat(listener.responses).isEmpty();
      assertThat(listener.failures).hasSize(2)
          .allSatisfy(f -> assertThat(f.reason()).isEqualTo(RequestFailure.Reason.SHUT_DOWN));
    }
  }

  @Nested
  class Reputation {

    @Test
    void repeatedOffencesBanThePeerUntilTheBanExpires() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer a = new FakePeer("a", 1000);
      s.peerConnected(a);
      s.requestHeaders(TEN_FROM_100, listener);
      a.failLast(PeerError.Kind.MALFORMED_MESSAGE); // -50
      a.failLast(PeerError.Kind.MALFORMED_MESSAGE); // -100: at the threshold, not below it
      assertThat(a.disconnects).isEmpty();
      a.failLast(PeerError.Kind.MALFORMED_MESSAGE); // -150

      assertThat(a.disconnects).containsExactly(DisconnectReason.BREACH_OF_PROTOCOL);
      assertThat(s.connectedPeers()).isEmpty();
      assertThat(s.reputation().isBanned(a.id)).isTrue();
      assertThat(counter(s, SchedulerCounter.BANS)).isEqualTo(1);
      assertThat(s.queuedRequests()).as("the request waits for another peer").isEqualTo(1);

      FakePeer again = new FakePeer("a", 1000);
      s.peerConnected(again);
      assertThat(again.disconnects).containsExactly(DisconnectReason.USELESS_PEER);
      assertThat(s.connectedPeers()).isEmpty();
      assertThat(counter(s, SchedulerCounter.CONNECTIONS_REJECTED)).isEqualTo(1);

      clock.advance(ReputationConfig.DEFAULT.banDuration());
      FakePeer later = new FakePeer("a", 1000);
      s.peerConnected(later);
      assertThat(later.disconnects).isEmpty();
      assertThat(s.connectedPeers()).containsExactly(a.id);
      assertThat(s.reputation().score(a.id)).isZero();
    }

    @Test
    void rewardsAreCapped() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer a = new FakePeer("a", 1000);
      s.peerConnected(a);
      for (int i = 0; i < 80; i++) {
        s.requestHeaders(TEN_FROM_100, listener);
        a.answerLast(GOOD_ANSWER);
      }
      assertThat(listener.responses).hasSize(80);
      assertThat(s.reputation().score(a.id)).isEqualTo(ReputationConfig.DEFAULT.maxScore());
    }

    @Test
    void reportsFromTheOwnerCostLikeTheSchedulersOwnFindings() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer a = new FakePeer("a", 1000);
      s.peerConnected(a);
      for (int i = 0; i < 5; i++) {
        s.reportPeer(a.id, Offence.WRONG_DATA, "does not link to the anchor");
      }
      assertThat(counter(s, SchedulerCounter.PEER_REPORTS)).isEqualTo(5);
      assertThat(a.disconnects).containsExactly(DisconnectReason.BREACH_OF_PROTOCOL);
      assertThat(s.reputation().isBanned(a.id)).isTrue();
    }

    @Test
    void timeOutsAndUselessAnswersBanAsUselessPeer() {
      RequestScheduler s = scheduler(SchedulerConfig.DEFAULT);
      FakePeer a = new FakePeer("a", 1000);
      s.peerConnected(a);
      for (int i = 0; i < 11; i++) {
        s.reportPeer(a.id, Offence.TIMEOUT, "test");
      }
      assertThat(a.disconnects).containsExactly(DisconnectReason.USELESS_PEER);
    }
  }

  @Nested
  class AccessLists {

    @Test
    void blockedPeersAreRefusedAndNeverAsked() {
      PeerAccessList access = PeerAccessList.of(Set.of(), Set.of(PeerId.of("bad")));
      RequestScheduler s = new RequestScheduler(SchedulerConfig.DEFAULT, clock, access);
      FakePeer bad = new FakePeer("bad", 1000).rtt(1);
      FakePeer good = new FakePeer("good", 1000).rtt(100);
      s.peerConnected(bad);
      s.peerConnected(good);

      assertThat(bad.disconnects).containsExactly(DisconnectReason.REQUESTED);
      assertThat(s.connectedPeers()).containsExactly(good.id);
      s.requestHeaders(TEN_FROM_100, listener);
      assertThat(bad.sent).isEmpty();
      assertThat(good.sent).hasSize(1);

      access.block(good.id); // takes effect for the next choice
      assertThat(s.nextBestPeer(BlockRange.of(100, 109))).isEmpty();
    }

    @Test
    void withAnAllowedListOnlyThosePeersAreUsedAndTheyAreNeverBanned() {
      PeerAccessList access = PeerAccessList.of(Set.of(PeerId.of("mine")), Set.of());
      RequestScheduler s = new RequestScheduler(SchedulerConfig.DEFAULT, clock, access);
      FakePeer stranger = new FakePeer("stranger", 1000).rtt(1);
      FakePeer mine = new FakePeer("mine", 1000).rtt(100);
      s.peerConnected(stranger);
      s.peerConnected(mine);

      assertThat(stranger.disconnects).containsExactly(DisconnectReason.REQUESTED);
      assertThat(counter(s, SchedulerCounter.CONNECTIONS_REJECTED)).isEqualTo(1);
      for (int i = 0; i < 10; i++) {
        s.reportPeer(mine.id, Offence.BAD_MESSAGE, "test");
      }
      assertThat(s.reputation().score(mine.id)).isEqualTo(-500);
      assertThat(mine.disconnects).isEmpty();
      assertThat(s.nextBestPeer(BlockRange.of(100, 109))).contains(mine.id);
    }
  }
}
