package io.headersync.sync.download.slices;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TipEstimatorTest {

  private final ManualScheduler loop = new ManualScheduler();
  private final List<String> reports = new ArrayList<>();
  private final TipEstimator tip = new TipEstimator(TipEstimator.Config.DEFAULT, loop,
      (peer, offence, detail) -> reports.add(peer + " " + offence));

  private void claim(String peer, long height) {
    tip.observe(PeerId.of(peer), height);
  }

  @Test
  void noClaimNoEstimate() {
    assertThat(tip.estimate()).isEmpty();
  }

  @Test
  void honestPeersAreAveraged() {
    claim("a", 1000);
    claim("b", 1001);
    claim("c", 1005);
    assertThat(tip.estimate()).hasValue(1002);
  }

  @Test
  void aPeerClaimingAFarHigherTipIsIgnoredNotFollowed() {
    claim("a", 1000);
    claim("b", 1001);
    claim("c", 1002);
    claim("liar", 50_000_000);
    assertThat(tip.estimate()).hasValue(1001);
  }

  @Test
  void outliersOnBothSidesAreDropped() {
    claim("behind", 5);
    claim("a", 1000);
    claim("b", 1001);
    claim("c", 1002);
    claim("ahead", 99_999);
    assertThat(tip.estimate()).hasValue(1001);
  }

  @Test
  void withAsManyLiarsAsHonestPeersTheLowerSideWins() {
    claim("a", 1000);
    claim("b", 1002);
    claim("liar-1", 9_000_000);
    claim("liar-2", 9_000_001);
    assertThat(tip.estimate()).hasValue(1001);
  }

  @Test
  void onlyEachPeersLatestClaimCounts() {
    for (int i = 0; i < 100; i++) {
      claim("chatty", 2000 + i);
    }
    claim("quiet", 2100);
    assertThat(tip.trackedPeers()).isEqualTo(2);
    assertThat(tip.estimate()).hasValue(2099);
  }

  @Test
  void chainStateAndAnnouncementsFeedTheEstimateAndDisconnectsRemoveIt() {
    tip.peerChainStateChanged(PeerId.of("a"), PeerChainState.eth68(Hash.ZERO, 500, java.math.BigInteger.ONE));
    tip.blockAnnounced(PeerId.of("b"), new BlockAnnouncement(Hash.ZERO, 502, Optional.empty()));
    assertThat(tip.estimate()).hasValue(501);
    tip.peerDisconnected(PeerId.of("b"), DisconnectReason.REQUESTED);
    assertThat(tip.estimate()).hasValue(500);
  }

  @Test
  void aPeerFloodingAnnouncementsIsReportedOncePerWindowAndIgnoredMeanwhile() {
    PeerId flooder = PeerId.of("flooder");
    for (int i = 0; i < 200; i++) {
      tip.blockAnnounced(flooder, new BlockAnnouncement(Hash.ZERO, 100 + i, Optional.empty()));
    }
    assertThat(reports).containsExactly("flooder " + Offence.USELESS_RESPONSE);
    assertThat(tip.estimate()).hasValue(159); // its 60th announcement, the last within the limit

    loop.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 61; i++) {
      tip.blockAnnounced(flooder, new BlockAnnouncement(Hash.ZERO, 1000 + i, Optional.empty()));
    }
    assertThat(reports).hasSize(2);
  }
}
