package io.headersync.testkit.tip;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.sync.api.PeerId;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.sync.tip.NetworkTip;
import io.headersync.sync.tip.TipListener;
import io.headersync.sync.tip.TipTracker;
import io.headersync.sync.tip.TipTrackerConfig;
import io.headersync.sync.tip.TrustedTarget;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import io.headersync.testkit.sim.PeerBehaviour;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.Seeds;
import io.headersync.testkit.sim.SimulatedNetwork;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tip tracker over a simulated network: peers state their heads when they connect, some
 * change head later, liars claim longer forks with more work, a flooder sends announcements of
 * blocks that do not exist. The tracker must follow the honest majority, notice when heads stop
 * moving, start from a trusted target, and make the flooder pay.
 */
class TipTrackerSimulationTest {

  private static final LazyHeaderChain CHAIN =
      ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(41).firstNumber(20_000_000).length(2_000).build();
  private static final long HEAD = CHAIN.headNumber();
  /** A much longer chain branching off 100 blocks below the head: what a liar claims to have. */
  private static final LazyHeaderChain LONG_FORK = CHAIN.fork(HEAD - 100, 5_000, ForkWeight.ANY, 42);
  /** The network's new tip after a reorganisation of the last two blocks. */
  private static final LazyHeaderChain REORG = CHAIN.fork(HEAD - 2, 4, ForkWeight.ANY, 43);

  /** A network, the request scheduler and the tracker, with what the tracker told its listener. */
  private static final class Run implements TipListener {
    final SimulatedNetwork net;
    final RequestScheduler scheduler;
    final TipTracker tracker;
    final List<SyncTarget> targets = new ArrayList<>();
    final List<Boolean> staleness = new ArrayList<>();

    Run(long seed) {
      net = new SimulatedNetwork(seed);
      scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, net.scheduler());
      tracker = new TipTracker(TipTrackerConfig.DEFAULT, net.scheduler(), scheduler);
      net.addListener(scheduler);
      net.addListener(tracker);
      tracker.addListener(this);
    }

    @Override
    public void targetChanged(SyncTarget target) {
      targets.add(target);
    }

    @Override
    public void stalenessChanged(boolean stale) {
      staleness.add(stale);
    }

    void honest(int count) {
      for (int i = 0; i < count; i++) {
        net.addPeer("honest-" + i, CHAIN, PeerProfile.typical().withLatency(Duration.ofMillis(30 + 20L * i)));
      }
    }
  }

  @Test
  void theTargetFollowsTheHonestMajorityWhateverLiarsAndFloodersClaim() {
    Seeds.forEach(1, 10, seed -> {
      Run run = new Run(seed);
      run.honest(5);
      BigInteger moreWork = CHAIN.totalDifficulty(HEAD).add(BigInteger.TEN.pow(24));
      run.net.addPeer("fork-liar-1", CHAIN, PeerProfile.typical(), new PeerBehaviour.ServesFork(LONG_FORK, moreWork));
      run.net.addPeer("fork-liar-2", CHAIN, PeerProfile.typical().eth69(), new PeerBehaviour.ServesFork(LONG_FORK, moreWork));
      run.net.addPeer("flooder", CHAIN, PeerProfile.typical(), new PeerBehaviour.FloodsAnnouncements(Duration.ofMillis(200), 10));
      run.net.scheduler().runFor(Duration.ofSeconds(40));

      NetworkTip tip = run.tracker.networkTip().orElseThrow();
      assertThat(tip.number()).isEqualTo(HEAD);
      assertThat(tip.hash()).isEqualTo(CHAIN.hash(HEAD));
      assertThat(run.tracker.currentTarget()).contains(SyncTarget.of(CHAIN.hash(HEAD), HEAD));
      assertThat(run.targets).allSatisfy(t -> assertThat(t.number().getAsLong()).isLessThanOrEqualTo(HEAD));
      assertThat(run.tracker.peerHead(PeerId.of("fork-liar-1"))).hasValue(LONG_FORK.headNumber());

      // The flooder: 50 announcements a second for 40 s, nearly all dropped; reported every block time.
      assertThat(run.tracker.stats().announcementsDropped()).isGreaterThan(1_500);
      assertThat(run.tracker.stats().floodReports()).isBetween(3L, 5L);
      assertThat(run.scheduler.reputation().score(PeerId.of("flooder"))).isNegative();
      assertThat(run.tracker.peerHead(PeerId.of("flooder")).getAsLong()).isLessThanOrEqualTo(HEAD + 64);
    });
  }

  @Test
  void aReorganisationTakenByMostPeersMovesTheTarget() {
    Seeds.forEach(11, 5, seed -> {
      Run run = new Run(seed);
      for (int i = 0; i < 5; i++) {
        // Three of five peers take the new tip at different moments; two stay behind.
        PeerBehaviour b = i < 3 ? new PeerBehaviour.ChangesHead(Duration.ofSeconds(5 + 2L * i), REORG) : new PeerBehaviour.Honest();
        run.net.addPeer("peer-" + i, CHAIN, PeerProfile.typical(), b);
      }
      run.net.scheduler().runFor(Duration.ofSeconds(6));
      assertThat(run.tracker.currentTarget()).contains(SyncTarget.of(CHAIN.hash(HEAD), HEAD));
      run.net.scheduler().runFor(Duration.ofSeconds(10));
      assertThat(run.tracker.currentTarget()).contains(SyncTarget.of(REORG.hash(REORG.headNumber()), REORG.headNumber()));
      assertThat(run.targets.getLast().number()).hasValue(HEAD + 2);
    });
  }

  @Test
  void headsThatStopMovingTurnStaleAndFreshAgainWhenTheyMove() {
    Run run = new Run(21);
    for (int i = 0; i < 4; i++) {
      PeerBehaviour b = i < 3 ? new PeerBehaviour.ChangesHead(Duration.ofSeconds(90), REORG) : new PeerBehaviour.Honest();
      run.net.addPeer("peer-" + i, CHAIN, PeerProfile.typical(), b);
    }
    run.net.scheduler().runFor(Duration.ofSeconds(30));
    assertThat(run.tracker.isStale()).isFalse();
    run.net.scheduler().runFor(Duration.ofSeconds(31));
    assertThat(run.tracker.isStale()).as("nothing moved for five block times").isTrue();
    assertThat(run.tracker.networkTip().orElseThrow().number()).as("still estimated, flagged stale").isEqualTo(HEAD);
    run.net.scheduler().runFor(Duration.ofSeconds(30));
    assertThat(run.tracker.isStale()).isFalse();
    assertThat(run.staleness).containsExactly(false, true, false);
    assertThat(run.tracker.currentTarget().orElseThrow().number()).hasValue(HEAD + 2);
  }

  @Test
  void aTrustedHashStartsTheSyncWhateverPeersSay() {
    Seeds.forEach(31, 5, seed -> {
      Run run = new Run(seed);
      run.honest(4);
      run.net.addPeer("fork-liar", CHAIN, PeerProfile.typical(),
          new PeerBehaviour.ServesFork(LONG_FORK, CHAIN.totalDifficulty(HEAD).add(BigInteger.ONE)));
      long trusted = HEAD - 500;
      run.net.scheduler().schedule(Duration.ofMillis(1), "trust", () -> run.tracker.setTrustedTarget(TrustedTarget.hash(CHAIN.hash(trusted))));
      run.net.scheduler().runFor(Duration.ofMillis(2));
      assertThat(run.tracker.currentTarget()).contains(SyncTarget.of(CHAIN.hash(trusted)));
      run.net.scheduler().runFor(Duration.ofSeconds(5));
      assertThat(run.tracker.currentTarget()).contains(SyncTarget.of(CHAIN.hash(trusted), trusted));

      run.tracker.targetReached(SyncTarget.of(CHAIN.hash(trusted), trusted));
      assertThat(run.tracker.currentTarget()).contains(SyncTarget.of(CHAIN.hash(HEAD), HEAD));
    });
  }

  @Test
  void aTrustedNumberIsResolvedThroughThePeers() {
    Run run = new Run(41);
    run.honest(3);
    long trusted = HEAD - 1_234;
    run.net.scheduler().schedule(Duration.ofMillis(1), "trust", () -> run.tracker.setTrustedTarget(TrustedTarget.number(trusted)));
    run.net.scheduler().runFor(Duration.ofSeconds(5));
    assertThat(run.tracker.currentTarget()).contains(SyncTarget.of(CHAIN.hash(trusted), trusted));
    assertThat(run.targets).first().isEqualTo(SyncTarget.of(CHAIN.hash(HEAD), HEAD));
    assertThat(run.targets).last().isEqualTo(SyncTarget.of(CHAIN.hash(trusted), trusted));
  }
}
