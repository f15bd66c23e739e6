package io.headersync.testkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.store.BlockRef;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.controller.Strategy;
import io.headersync.sync.controller.StrategyChoice;
import io.headersync.sync.controller.SyncController;
import io.headersync.sync.controller.SyncControllerConfig;
import io.headersync.sync.controller.SyncStatus;
import io.headersync.sync.controller.TargetTrust;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.stages.TotalDifficultyStage;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.SimulatedNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller's life over a simulated network: targets that move, legs, status, synced and idle states. */
class SyncControllerSimulationTest {

  private static final SimulationSettings SETTINGS = SimulationSettings.DEFAULT.withHeaders(4000).withSeed(21);
  private static final LazyHeaderChain CHAIN = SimulatedSync.chain(SETTINGS);
  private static final long FIRST = SimulatedSync.FIRST;

  private final SimulatedNetwork net = new SimulatedNetwork(21);
  private final RequestScheduler scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, net.scheduler());
  private final InMemoryHeaderStore store = InMemoryHeaderStore.create(CHAIN.hash(FIRST));
  private final List<String> events = new ArrayList<>();

  private SyncController controller(Strategy strategy) {
    net.addListener(scheduler);
    for (int i = 0; i < 5; i++) {
      net.addPeer("honest-" + i, CHAIN, PeerProfile.typical());
    }
    store.commit(new WriteBatch().putCanonicalHeader(CHAIN.header(FIRST), CHAIN.totalDifficulty(FIRST)));
    SyncController c = SyncController.builder(SyncControllerConfig.DEFAULT.withStrategy(strategy).withCommitThreshold(700),
        store, net.scheduler(), new HeaderValidator(ChainSpecs.preset("mainnet"))).scheduler(scheduler).build();
    c.setListener(new SyncController.Listener() {
      @Override
      public void legStarted(StrategyChoice.Leg leg, long fromHead) {
        events.add("leg " + leg.strategy() + " from " + (fromHead - FIRST));
      }

      @Override
      public void synced(BlockRef head) {
        events.add("synced at " + (head.number() - FIRST));
      }

      @Override
      public void failed(RuntimeException cause) {
        events.add("failed: " + cause.getMessage());
      }
    });
    return c;
  }

  private void runUntil(SyncController c, SyncController.State state) {
    assertThat(net.scheduler().runUntil(() -> c.state() == state, Duration.ofMinutes(10)))
        .as("reached %s; events %s", state, events).isTrue();
  }

  @Test
  void aTargetGivenAfterTheSyncStartsANewLegFromTheHeadReached() {
    SyncController c = controller(Strategy.REVERSE);
    assertThat(c.state()).isEqualTo(SyncController.State.IDLE);
    assertThat(c.status().strategy()).isEmpty();

    c.syncTo(SyncTarget.of(CHAIN.hash(FIRST + 1500), FIRST + 1500), TargetTrust.TRUSTED);
    runUntil(c, SyncController.State.SYNCED);
    c.syncTo(SyncTarget.of(CHAIN.head().hash(), CHAIN.headNumber()), TargetTrust.TRUSTED);
    assertThat(c.state()).isEqualTo(SyncController.State.SYNCING);
    runUntil(c, SyncController.State.SYNCED);

    assertThat(events).containsExactly("leg REVERSE from 0", "synced at 1500", "leg REVERSE from 1500", "synced at 4000");
    SyncStatus status = c.status();
    assertThat(status.head()).contains(new BlockRef(CHAIN.headNumber(), CHAIN.head().hash()));
    assertThat(status.legs()).isEqualTo(2);
    assertThat(status.checkpoints()).containsEntry(HeadersStage.ID, CHAIN.headNumber())
        .containsEntry(TotalDifficultyStage.ID, CHAIN.headNumber());
    assertThat(status.limits()).hasSize(2).allMatch(l -> l.held() && l.peak() > 0);
    assertThat(status.limitsHeld()).isTrue();
    assertThat(status.failure()).isEmpty();
    assertThat(store.totalDifficulty(CHAIN.headNumber(), CHAIN.head().hash())).contains(CHAIN.totalDifficulty(CHAIN.headNumber()));
  }

  @Test
  void aTargetMovedDuringTheLegIsFollowedByTheSameLeg() {
    SyncController c = controller(Strategy.SKELETON);
    c.syncTo(SyncTarget.of(CHAIN.hash(FIRST + 2000), FIRST + 2000), TargetTrust.PEERS);
    net.scheduler().runFor(Duration.ofMillis(150));
    assertThat(c.state()).isEqualTo(SyncController.State.SYNCING);

    c.syncTo(SyncTarget.of(CHAIN.head().hash(), CHAIN.headNumber()), TargetTrust.PEERS);
    runUntil(c, SyncController.State.SYNCED);

    assertThat(events).containsExactly("leg SKELETON from 0", "synced at 4000");
    assertThat(c.status().target()).contains(SyncTarget.of(CHAIN.head().hash(), CHAIN.headNumber()));
  }

  @Test
  void aTargetAlreadyCanonicalIsSyncedWithoutALeg() {
    SyncController c = controller(Strategy.AUTO);
    c.syncTo(SyncTarget.of(CHAIN.hash(FIRST), FIRST), TargetTrust.TRUSTED);

    assertThat(c.state()).isEqualTo(SyncController.State.SYNCED);
    assertThat(events).containsExactly("synced at 0");
    assertThat(c.status().legs()).isZero();
  }

  @Test
  void aClosedControllerIgnoresNewTargets() {
    SyncController c = controller(Strategy.REVERSE);
    c.syncTo(SyncTarget.of(CHAIN.head().hash(), CHAIN.headNumber()), TargetTrust.TRUSTED);
    net.scheduler().runFor(Duration.ofMillis(100));
    c.close();
    c.syncTo(SyncTarget.of(CHAIN.head().hash(), CHAIN.headNumber()), TargetTrust.TRUSTED);
    net.scheduler().runFor(Duration.ofSeconds(30));

    assertThat(c.state()).isEqualTo(SyncController.State.CLOSED);
    assertThat(store.head().orElseThrow().number()).isLessThan(CHAIN.headNumber());
  }
}
