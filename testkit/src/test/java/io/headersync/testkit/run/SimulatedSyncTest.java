package io.headersync.testkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.chain.Fork;
import io.headersync.sync.controller.Strategy;
import io.headersync.testkit.chain.LazyChainConfig;
import io.headersync.testkit.sim.Seeds;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The harness over every strategy: honest and adversarial networks, in memory and on disk. */
class SimulatedSyncTest {

  private static final SimulationSettings SMALL = SimulationSettings.DEFAULT.withHeaders(3000).withPeers(8, 0);

  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void honestPeersSyncEveryStrategyToTheExpectedChain(Strategy strategy) {
    Seeds.forEach(1, 3, seed -> {
      SimulationResult r = SimulatedSync.run(SMALL.withStrategy(strategy).withSeed(seed));
      assertThat(r.problems()).isEmpty();
      assertThat(r.succeeded()).isTrue();
      assertThat(r.headers()).isEqualTo(3000);
      assertThat(r.endHead()).isEqualTo(SimulatedSync.FIRST + 3000);
      assertThat(r.audit()).startsWith("ok");
      assertThat(r.limits()).isNotEmpty().allMatch(l -> l.peak() > 0 || l.name().contains("fork") || l.name().contains("anchors"));
      assertThat(r.virtualSeconds()).isPositive();
      assertThat(r.ratio()).isPositive().isLessThanOrEqualTo(1.0);
      assertThat(r.badPeersBanned()).isZero();
    });
  }

  @Test
  void shortChainsAreFoundByHashInFullAndLongOnesOnlyByTheirRecentHashes() {
    int recent = LazyChainConfig.DEFAULT.hashIndexCapacity();
    assertThat(SimulatedSync.hashIndexCapacity(1_000)).isEqualTo(recent);
    assertThat(SimulatedSync.hashIndexCapacity(1_000_000)).isEqualTo(1_000_001);
    // a ten-million-header run must not hold two million hashes (about 250 MB) for its peers
    assertThat(SimulatedSync.hashIndexCapacity(10_000_000)).isEqualTo(recent);
    assertThat(SimulatedSync.hashIndexCapacity(SimulatedSync.COMPLETE_HASH_INDEX_LIMIT)).isEqualTo(recent);
  }

  @Test
  void autoRunsSlicesOverTheShippedCheckpointsThenReverseToTheTrustedTarget() {
    SimulationResult r = SimulatedSync.run(SMALL.withStrategy(Strategy.AUTO));

    assertThat(r.strategies()).containsExactly(Strategy.SLICES, Strategy.REVERSE);
    assertThat(r.succeeded()).as(r.problems()).isTrue();
  }

  @Test
  void withoutCheckpointsAutoRunsReverseAlone() {
    SimulationResult r = SimulatedSync.run(SMALL.withStrategy(Strategy.AUTO).withCheckpointCoverage(0));

    assertThat(r.strategies()).containsExactly(Strategy.REVERSE);
    assertThat(r.succeeded()).as(r.problems()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = Strategy.class, names = {"REVERSE", "SKELETON", "SLICES"})
  void adversariesOfEveryBehaviourAreSurvivedAndTheWrongOnesPenalised(Strategy strategy) {
    Seeds.forEach(11, 2, seed -> {
      SimulationResult r = SimulatedSync.run(SMALL.withStrategy(strategy).withSeed(seed)
          .withPeers(6 + Adversaries.NAMES.size(), Adversaries.NAMES.size()));
      assertThat(r.problems()).isEmpty();
      assertThat(r.invalidHeadersStored()).isZero();
      assertThat(r.wrongAnswerersAsked()).as("liars asked something").isPositive();
      assertThat(r.wrongAnswerersPenalised()).isEqualTo(r.wrongAnswerersAsked());
      assertThat(r.adversariesPenalised()).isGreaterThanOrEqualTo(r.wrongAnswerersPenalised());
    });
  }

  @Test
  void aRunOnDiskLeavesAStoreASecondRunFindsSynced() {
    SimulationSettings onDisk = SMALL.withStrategy(Strategy.REVERSE).withDataDirectory(tmp.resolve("db"));

    SimulationResult first = SimulatedSync.run(onDisk);
    SimulationResult again = SimulatedSync.run(onDisk);

    assertThat(first.succeeded()).as(first.problems()).isTrue();
    assertThat(first.headers()).isEqualTo(3000);
    assertThat(again.succeeded()).as(again.problems()).isTrue();
    assertThat(again.startHead()).isEqualTo(SimulatedSync.FIRST + 3000);
    assertThat(again.headers()).isZero();
    assertThat(again.requestsSent()).isZero();
  }

  @Test
  void aRunThatCannotFinishInItsTimeLimitSaysSo() {
    SimulationResult r = SimulatedSync.run(SMALL.withStrategy(Strategy.REVERSE).withHeaders(50_000)
        .withVirtualTimeLimit(java.time.Duration.ofMillis(300)));

    assertThat(r.synced()).isFalse();
    assertThat(r.succeeded()).isFalse();
    assertThat(r.problems()).contains("not synced");
  }

  @Test
  void theRulesStopAtCancunSoThatLongCancunShapedChainsStayValid() {
    assertThat(SimulatedSync.spec().activation(Fork.CANCUN)).isPresent();
    assertThat(SimulatedSync.spec().activation(Fork.PRAGUE)).isEmpty();
    assertThat(SimulatedSync.spec().activation(Fork.OSAKA)).isEmpty();
    assertThat(SimulatedSync.spec().genesisHash()).isEqualTo(ChainSpecs.preset("mainnet").genesisHash());
  }

  @Test
  void theSameSettingsGiveTheSameRun() {
    SimulationSettings s = SMALL.withStrategy(Strategy.SKELETON).withSeed(5).withPeers(10, 4);
    SimulationResult a = SimulatedSync.run(s);
    SimulationResult b = SimulatedSync.run(s);

    assertThat(List.of(a.virtualSeconds(), (double) a.requestsSent(), (double) a.badPeersBanned()))
        .isEqualTo(List.of(b.virtualSeconds(), (double) b.requestsSent(), (double) b.badPeersBanned()));
  }
}
