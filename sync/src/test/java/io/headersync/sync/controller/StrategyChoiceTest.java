package io.headersync.sync.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hash;
import io.headersync.core.checkpoint.CheckpointHashes;
import io.headersync.sync.download.SyncTarget;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StrategyChoiceTest {

  private static final SyncTarget TARGET = SyncTarget.of(hash(0xAA), 10_000);
  private static final SyncTarget TARGET_WITHOUT_NUMBER = SyncTarget.of(hash(0xAB));
  /** Checkpoints at 192, 384, … 1920. */
  private static final CheckpointHashes SHIPPED = shipped(192, 1920);

  @Test
  void autoTakesSlicesTowardTheHighestCheckpointWhileCheckpointsReachBeyondTheHead() {
    StrategyChoice.Leg leg = StrategyChoice.choose(Strategy.AUTO, 0, SHIPPED, TARGET, TargetTrust.TRUSTED);

    assertThat(leg.strategy()).isEqualTo(Strategy.SLICES);
    assertThat(leg.target()).isEqualTo(SyncTarget.of(hash(1920), 1920));
    assertThat(leg.last()).isFalse();
  }

  @Test
  void autoTakesSlicesOneBlockBelowTheHighestCheckpointEvenForATargetFromPeers() {
    StrategyChoice.Leg leg = StrategyChoice.choose(Strategy.AUTO, 1919, SHIPPED, TARGET_WITHOUT_NUMBER, TargetTrust.PEERS);

    assertThat(leg.strategy()).isEqualTo(Strategy.SLICES);
    assertThat(leg.target().number()).hasValue(1920);
  }

  @Test
  void autoTakesSlicesStraightToATargetTheCheckpointsCover() {
    SyncTarget low = SyncTarget.of(hash(0xCC), 1000);

    StrategyChoice.Leg leg = StrategyChoice.choose(Strategy.AUTO, 0, SHIPPED, low, TargetTrust.TRUSTED);

    assertThat(leg.strategy()).isEqualTo(Strategy.SLICES);
    assertThat(leg.target()).isEqualTo(low);
    assertThat(leg.last()).isTrue();
  }

  @Test
  void autoTakesReverseTowardATrustedTargetOnceTheHeadIsAtTheHighestCheckpoint() {
    StrategyChoice.Leg leg = StrategyChoice.choose(Strategy.AUTO, 1920, SHIPPED, TARGET, TargetTrust.TRUSTED);

    assertThat(leg.strategy()).isEqualTo(Strategy.REVERSE);
    assertThat(leg.target()).isEqualTo(TARGET);
    assertThat(leg.last()).isTrue();
  }

  @Test
  void autoTakesSkeletonTowardATargetPeersClaimOnceTheHeadIsPastTheCheckpoints() {
    StrategyChoice.Leg leg = StrategyChoice.choose(Strategy.AUTO, 5000, SHIPPED, TARGET, TargetTrust.PEERS);

    assertThat(leg.strategy()).isEqualTo(Strategy.SKELETON);
    assertThat(leg.target()).isEqualTo(TARGET);
    assertThat(leg.last()).isTrue();
  }

  @Test
  void autoWithoutShippedCheckpointsDecidesByTrustAlone() {
    assertThat(StrategyChoice.choose(Strategy.AUTO, 0, CheckpointHashes.empty(), TARGET, TargetTrust.TRUSTED).strategy())
        .isEqualTo(Strategy.REVERSE);
    assertThat(StrategyChoice.choose(Strategy.AUTO, 0, CheckpointHashes.empty(), TARGET, TargetTrust.PEERS).strategy())
        .isEqualTo(Strategy.SKELETON);
  }

  @Test
  void aForcedStrategyTakesTheWholeWayWhateverTheSituation() {
    for (Strategy forced : new Strategy[] {Strategy.REVERSE, Strategy.SKELETON, Strategy.SLICES}) {
      for (TargetTrust trust : TargetTrust.values()) {
        for (long head : new long[] {0, 1920, 5000}) {
          StrategyChoice.Leg leg = StrategyChoice.choose(forced, head, SHIPPED, TARGET, trust);
          assertThat(leg.strategy()).as("%s, %s, head %d", forced, trust, head).isEqualTo(forced);
          assertThat(leg.target()).isEqualTo(TARGET);
          assertThat(leg.last()).isTrue();
          assertThat(leg.reason()).contains("forced");
        }
      }
    }
  }

  @Test
  void aLegCannotBeAuto() {
    assertThatThrownBy(() -> new StrategyChoice.Leg(Strategy.AUTO, TARGET, true, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theConfigUsesTheReverseCommitThresholdForReverseLegsAndItsOwnForTheOthers() {
    SyncControllerConfig config = SyncControllerConfig.DEFAULT.withReverse(
        SyncControllerConfig.DEFAULT.reverse().withCommitThreshold(700));

    assertThat(config.commitThresholdFor(Strategy.REVERSE)).isEqualTo(700);
    assertThat(config.commitThresholdFor(Strategy.SLICES)).isEqualTo(10_000);
    assertThat(SyncControllerConfig.DEFAULT.withCommitThreshold(300).commitThresholdFor(Strategy.REVERSE)).isEqualTo(300);
    assertThat(SyncControllerConfig.DEFAULT.strategy()).isEqualTo(Strategy.AUTO);
  }

  private static CheckpointHashes shipped(long step, long last) {
    TreeMap<Long, Hash> map = new TreeMap<>();
    for (long n = step; n <= last; n += step) {
      map.put(n, hash(n));
    }
    return CheckpointHashes.of(map);
  }

  private static Hash hash(long n) {
    byte[] b = new byte[Hash.SIZE];
    for (int i = 0; i < 8; i++) {
      b[Hash.SIZE - 1 - i] = (byte) (n >>> (8 * i));
    }
    b[0] = 1;
    return Hash.of(b);
  }
}
