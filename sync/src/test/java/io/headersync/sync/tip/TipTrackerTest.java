package io.headersync.sync.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.testing.ManualScheduler;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TipTrackerTest {

  private final ManualScheduler loop = new ManualScheduler(Duration.ofSeconds(5));
  private final FakeHeaders client = new FakeHeaders();
  private final List<SyncTarget> targets = new ArrayList<>();
  private final List<Boolean> staleness = new ArrayList<>();

  private TipTracker tracker(TipTrackerConfig config) {
    TipTracker t = new TipTracker(config, loop, client);
    t.addListener(new TipListener() {
      @Override
      public void targetChanged(SyncTarget target) {
        targets.add(target);
      }

      @Override
      public void stalenessChanged(boolean stale) {
        staleness.add(stale);
      }
    });
    return t;
  }

  private TipTracker tracker() {
    return tracker(TipTrackerConfig.DEFAULT);
  }

  private static Hash hash(String name) {
    return Keccak.keccak256(name.getBytes(StandardCharsets.US_ASCII));
  }

  /** The hash honest peers give block {@code n}. */
  private static Hash block(long n) {
    return hash("block " + n);
  }

  private static void connect(TipTracker t, String peer, long head) {
    t.peerConnected(new StubPeer(PeerId.of(peer), PeerChainState.eth68(block(head), head, BigInteger.ONE)));
  }

  private static void announce(TipTracker t, String peer, long n) {
    announce(t, peer, block(n), n);
  }

  private static void announce(TipTracker t, String peer, Hash hash, long n) {
    t.blockAnnounced(PeerId.of(peer), new BlockAnnouncement(hash, n, Optional.empty()));
  }

  private static BlockHeader header(long n) {
    return BlockHeader.builder().number(n).gasLimit(30_000_000).timestamp(1_000 + n).build();
  }

  // ---------------------------------------------------------------- estimate

  @Test
  void liarsClaimingHugeHeadsDoNotSetTheEstimate() {
    TipTracker t = tracker();
    connect(t, "honest-1", 100);
    connect(t, "honest-2", 100);
    connect(t, "honest-3", 101);
    connect(t, "liar-1", 100);
    connect(t, "liar-2", 100);
    announce(t, "liar-1", hash("fake"), 10_000_000);
    announce(t, "liar-2", hash("fake 2"), 9_999_999);

    NetworkTip tip = t.networkTip().orElseThrow();
    assertThat(tip.number()).isEqualTo(101);
    assertThat(tip.hash()).isEqualTo(block(101));
    assertThat(tip.countedPeers()).isEqualTo(5);
    assertThat(t.currentTarget()).contains(SyncTarget.of(block(101), 101));
    assertThat(targets).allSatisfy(target -> assertThat(target.number().getAsLong()).isLessThanOrEqualTo(101));
  }

  @Test
  void aLiarClaimingALowHeadCannotDragTheEstimateBelowTheHonestRange() {
    TipTracker t = tracker();
    connect(t, "honest-1", 500);
    connect(t, "honest-2", 501);
    connect(t, "liar", 1);
    assertThat(t.networkTip().orElseThrow().number()).isEqualTo(500);
  }

  @Test
  void atTheMedianHeightTheHashMostPeersClaimWins() {
    TipTracker t = tracker();
    connect(t, "a", 99);
    connect(t, "b", 99);
    connect(t, "c", 99);
    connect(t, "d", 200);
    connect(t, "e", 200);
    announce(t, "a", block(100), 100);
    announce(t, "b", hash("other 100"), 100);
    announce(t, "c", block(100), 100);

    NetworkTip tip = t.networkTip().orElseThrow();
    assertThat(tip.number()).isEqualTo(100);
    assertThat(tip.hash()).isEqualTo(block(100));
    assertThat(tip.supporters()).isEqualTo(2);
  }

  @Test
  void fewerPeersThanTheMinimumGiveNoEstimate() {
    TipTracker t = tracker();
    connect(t, "a", 10);
    connect(t, "b", 12);
    assertThat(t.networkTip()).isEmpty();
    assertThat(t.currentTarget()).isEmpty();
    assertThat(t.isStale()).isTrue();
    connect(t, "c", 11);
    assertThat(t.currentTarget()).contains(SyncTarget.of(block(11), 11));
  }

  @Test
  void theTargetNeverGoesBackWhenPeersLeave() {
    TipTracker t = tracker();
    connect(t, "a", 10);
    connect(t, "b", 20);
    connect(t, "c", 30);
    connect(t, "d", 40);
    connect(t, "e", 50);
    assertThat(t.currentTarget()).contains(SyncTarget.of(block(30), 30));
    t.peerDisconnected(PeerId.of("e"), DisconnectReason.REQUESTED);
    t.peerDisconnected(PeerId.of("d"), DisconnectReason.REQUESTED);
    assertThat(t.networkTip().orElseThrow().number()).isEqualTo(20);
    assertThat(t.currentTarget()).contains(SyncTarget.of(block(30), 30));
  }

  @Test
  void aReorganisationAtTheSameHeightMovesTheTargetSideways() {
    TipTracker t = tracker();
    connect(t, "a", 10);
    connect(t, "b", 10);
    connect(t, "c", 10);
    Hash reorg = hash("reorg 10");
    announce(t, "a", reorg, 10);
    assertThat(t.currentTarget()).contains(SyncTarget.of(block(10), 10));
    announce(t, "b", reorg, 10);
    assertThat(t.currentTarget()).contains(SyncTarget.of(reorg, 10));
  }

  @Test
  void anEth68StatusWithoutANumberHasNoVoteUntilItsFirstAnnouncement() {
    TipTracker t = tracker();
    connect(t, "a", 10);
    connect(t, "b", 10);
    t.peerConnected(new StubPeer(PeerId.of("c"), PeerChainState.eth68(block(11), BigInteger.TEN)));
    assertThat(t.networkTip()).isEmpty();
    assertThat(t.peerHead(PeerId.of("c"))).isEmpty();
    announce(t, "c", 12);
    assertThat(t.peerHead(PeerId.of("c"))).hasValue(12);
    assertThat(t.networkTip().orElseThrow().number()).isEqualTo(10);
  }

  @Test
  void aChainStateUpdateReplacesTheHeadEvenWhenLower() {
    TipTracker t = tracker();
    connect(t, "a", 10);
    announce(t, "a", 15);
    t.peerChainStateChanged(PeerId.of("a"), PeerChainState.eth69(BlockRange.of(0, 12), block(12)));
    assertThat(t.peerHead(PeerId.of("a"))).hasValue(12);
    announce(t, "a", 11);
    assertThat(t.peerHead(PeerId.of("a"))).as("an announcement only raises").hasValue(12);
  }

  // ---------------------------------------------------------------- staleness

  @Test
  void aTipThatStopsAdvancingTurnsStaleAfterTheConfiguredBlockTimes() {
    TipTracker t = tracker();
    connect(t, "a", 100);
    connect(t, "b", 100);
    connect(t, "c", 100);
    assertThat(t.isStale()).isFalse();
    assertThat(staleness).containsExactly(false);

    loop.advance(TipTrackerConfig.DEFAULT.staleAfter());
    assertThat(t.isStale()).as("exactly five block times is not yet stale").isFalse();
    loop.advance(Duration.ofMillis(1));
    assertThat(t.isStale()).isTrue();
    assertThat(staleness).as("the tracker noticed by itself, on a timer").containsExactly(false, true);
    assertThat(t.networkTip().orElseThrow().stale()).isTrue();

    announce(t, "a", 101);
    announce(t, "b", 101);
    assertThat(t.isStale()).as("two fresh peers are fewer than the minimum").isTrue();
    announce(t, "c", 102);
    assertThat(t.isStale()).isFalse();
    assertThat(staleness).containsExactly(false, true, false);
  }

  @Test
  void headsThatStoppedMovingAreLeftOutWhileEnoughFreshOnesRemain() {
    TipTracker t = tracker();
    connect(t, "stuck-1", 50);
    connect(t, "stuck-2", 50);
    connect(t, "a", 190);
    connect(t, "b", 190);
    connect(t, "c", 190);
    loop.advance(Duration.ofSeconds(30));
    announce(t, "a", 200);
    announce(t, "b", 201);
    announce(t, "c", 202);
    assertThat(t.networkTip().orElseThrow().number()).as("all five count while none is stale").isEqualTo(200);
    loop.advance(Duration.ofSeconds(31));

    NetworkTip tip = t.networkTip().orElseThrow();
    assertThat(tip.number()).isEqualTo(201);
    assertThat(tip.countedPeers()).isEqualTo(3);
    assertThat(tip.stale()).isFalse();
    assertThat(t.currentTarget()).contains(SyncTarget.of(block(201), 201));
  }

  // ---------------------------------------------------------------- trusted target

  @Test
  void aTrustedHashIsTheTargetAtOnceAndLearnsItsNumberFromAPeer() {
    TipTracker t = tracker();
    connect(t, "a", 900);
    connect(t, "b", 900);
    connect(t, "c", 900);
    Hash trusted = header(500).hash();
    t.setTrustedTarget(TrustedTarget.hash(trusted));

    assertThat(t.currentTarget()).contains(SyncTarget.of(trusted));
    assertThat(t.isTargetTrusted()).isTrue();
    assertThat(client.open()).hasSize(1);
    assertThat(client.open().getFirst().request).isEqualTo(new HeadersRequest(BlockOrigin.hash(trusted), 1, 0, false));
    client.open().getFirst().answer("a", header(500));
    assertThat(t.currentTarget()).contains(SyncTarget.of(trusted, 500));

    announce(t, "a", 1000);
    announce(t, "b", 1000);
    announce(t, "c", 1000);
    assertThat(t.currentTarget()).as("peers' heads do not replace a trusted target").contains(SyncTarget.of(trusted, 500));

    t.targetReached(SyncTarget.of(trusted, 500));
    assertThat(t.currentTarget()).contains(SyncTarget.of(block(1000), 1000));
    assertThat(t.isTargetTrusted()).as("the peers' estimate now").isFalse();
    assertThat(targets).containsExactly(SyncTarget.of(block(900), 900), SyncTarget.of(trusted), SyncTarget.of(trusted, 500),
        SyncTarget.of(block(1000), 1000));
  }

  @Test
  void afterTheTrustedTargetOnlyHigherTipsBecomeTargets() {
    TipTracker t = tracker();
    Hash trusted = header(500).hash();
    t.setTrustedTarget(TrustedTarget.hash(trusted));
    client.open().getFirst().answer("a", header(500));
    t.targetReached(SyncTarget.of(trusted, 500));
    connect(t, "a", 400);
    connect(t, "b", 400);
    connect(t, "c", 400);
    assertThat(t.currentTarget()).contains(SyncTarget.of(trusted, 500));
    announce(t, "a", 501);
    announce(t, "b", 501);
    assertThat(t.currentTarget()).contains(SyncTarget.of(block(501), 501));
  }

  @Test
  void aTrustedNumberBecomesATargetOnceAPeerGivesItsHeader() {
    TipTracker t = tracker();
    connect(t, "a", 900);
    connect(t, "b", 900);
    connect(t, "c", 900);
    t.setTrustedTarget(TrustedTarget.number(500));

    assertThat(t.currentTarget()).as("no target rather than the peers' while the number is resolved").isEmpty();
    FakeHeaders.Req r = client.open().getFirst();
    assertThat(r.request).isEqualTo(HeadersRequest.ascending(500, 1));
    assertThat(r.options.requiredRange()).contains(BlockRange.single(500));
    r.answer("a", header(500));
    assertThat(t.currentTarget()).contains(SyncTarget.of(header(500).hash(), 500));
  }

  @Test
  void aTrustedTargetNoPeerHasIsAskedForAgainAfterTheDelay() {
    TipTracker t = tracker();
    t.setTrustedTarget(TrustedTarget.number(77));
    client.open().getFirst().fail();
    assertThat(client.open()).isEmpty();
    loop.advance(TipTrackerConfig.DEFAULT.resolveRetryDelay().minusMillis(1));
    assertThat(client.open()).isEmpty();
    loop.advance(Duration.ofMillis(1));
    assertThat(client.open()).hasSize(1);
    client.open().getFirst().answer("b", header(77));
    assertThat(t.currentTarget()).contains(SyncTarget.of(header(77).hash(), 77));
    assertThat(t.stats().resolveFailures()).isEqualTo(1);
  }

  @Test
  void aNewTrustedTargetWithdrawsTheOldResolution() {
    TipTracker t = tracker();
    t.setTrustedTarget(TrustedTarget.number(77));
    FakeHeaders.Req first = client.open().getFirst();
    t.setTrustedTarget(TrustedTarget.number(88));
    assertThat(first.cancelled).isTrue();
    client.open().getFirst().answer("b", header(88));
    assertThat(t.currentTarget()).contains(SyncTarget.of(header(88).hash(), 88));
  }

  @Test
  void targetsAreParsedFromTheCommandLineWithClearErrors() {
    Hash h = hash("x");
    assertThat(TrustedTarget.parse(h.toHex())).isEqualTo(TrustedTarget.hash(h));
    assertThat(TrustedTarget.parse(" 19000000 ")).isEqualTo(TrustedTarget.number(19_000_000));
    assertThatThrownBy(() -> TrustedTarget.parse("0x1234")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x and 64 hex digits").hasMessageContaining("'0x1234'");
    assertThatThrownBy(() -> TrustedTarget.parse("-5")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrustedTarget.parse("99999999999999999999")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
  }

  // ---------------------------------------------------------------- flooding and bounds

  @Test
  void aFloodingPeerIsRateLimitedAndReportedOncePerInterval() {
    TipTracker t = tracker();
    connect(t, "a", 100);
    connect(t, "b", 100);
    connect(t, "flooder", 100);
    for (int i = 1; i <= 100; i++) {
      announce(t, "flooder", hash("junk " + i), 100 + i);
      loop.advance(Duration.ofMillis(10));
    }
    TipTrackerStats s = t.stats();
    assertThat(s.announcementsDropped()).isEqualTo(100 - 8);
    assertThat(s.floodReports()).isEqualTo(1);
    assertThat(client.reports).extracting(FakeHeaders.Report::peer, FakeHeaders.Report::offence)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(PeerId.of("flooder"), Offence.USELESS_RESPONSE));
    assertThat(t.peerHead(PeerId.of("flooder"))).as("only the burst got through").hasValue(108);
    assertThat(t.networkTip().orElseThrow().number()).isEqualTo(100);

    loop.advance(Duration.ofSeconds(12));
    for (int i = 0; i < 20; i++) {
      announce(t, "flooder", hash("more junk " + i), 300 + i);
    }
    assertThat(t.stats().floodReports()).isEqualTo(2);
    assertThat(client.reports.get(1).detail()).startsWith("92 announcements over the limit");
  }

  @Test
  void anHonestPeerAnnouncingTwiceABlockIsNeverLimited() {
    TipTracker t = tracker();
    connect(t, "a", 0);
    for (int n = 1; n <= 300; n++) {
      announce(t, "a", n);
      announce(t, "a", n);
      loop.advance(Duration.ofSeconds(12));
    }
    assertThat(t.stats().announcementsDropped()).isZero();
    assertThat(t.peerHead(PeerId.of("a"))).hasValue(300);
  }

  @Test
  void peersBeyondTheBoundAreNotTracked() {
    TipTracker t = tracker(TipTrackerConfig.DEFAULT.withMaxTrackedPeers(3));
    for (int i = 0; i < 5; i++) {
      connect(t, "p" + i, 10 + i);
    }
    assertThat(t.stats().trackedPeers()).isEqualTo(3);
    assertThat(t.stats().peersRefused()).isEqualTo(2);
    announce(t, "p4", 99);
    assertThat(t.stats().announcementsIgnored()).isEqualTo(1);
    t.peerDisconnected(PeerId.of("p0"), DisconnectReason.REQUESTED);
    connect(t, "p4", 14);
    assertThat(t.stats().trackedPeers()).isEqualTo(3);
  }

  @Test
  void configRejectsNonsense() {
    assertThatThrownBy(() -> TipTrackerConfig.DEFAULT.withMinPeersForEstimate(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(TipTrackerConfig.DEFAULT.staleAfter()).isEqualTo(Duration.ofMinutes(1));
  }
}
