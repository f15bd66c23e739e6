package io.headersync.consensus.difficulty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.crypto.Keccak;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked cases for each formula. With a parent difficulty of 1,000,000 one step is
 * 1,000,000 / 2048 = 488, so "+1 step" is 1,000,488 and "−1 step" is 999,512.
 */
class DifficultyCalculatorTest {

  private static final BigInteger PARENT = BigInteger.valueOf(1_000_000);
  private static final ChainSpec FRONTIER = Schedules.from(Fork.FRONTIER);
  private static final ChainSpec HOMESTEAD = Schedules.from(Fork.HOMESTEAD);
  private static final ChainSpec BYZANTIUM = Schedules.from(Fork.BYZANTIUM);
  private static final ChainSpec GRAY_GLACIER = Schedules.from(Fork.GRAY_GLACIER);

  private static BigInteger at(ChainSpec spec, long number, long elapsed, BigInteger parent, boolean ommers) {
    long parentTimestamp = 1_000_000;
    return DifficultyCalculator.expected(spec, number, parentTimestamp + elapsed, parent, parentTimestamp, ommers);
  }

  private static BigInteger at(ChainSpec spec, long number, long elapsed) {
    return at(spec, number, elapsed, PARENT, false);
  }

  @Nested
  class Frontier {
    @Test
    void blockFasterThanThirteenSecondsRaisesByOneStep() {
      assertThat(at(FRONTIER, 1, 12)).isEqualTo(1_000_488);
      assertThat(at(FRONTIER, 1, 0)).isEqualTo(1_000_488);
    }

    @Test
    void blockOfThirteenSecondsOrMoreLowersByOneStepHoweverLate() {
      assertThat(at(FRONTIER, 1, 13)).isEqualTo(999_512);
      assertThat(at(FRONTIER, 1, 10_000)).isEqualTo(999_512);
    }
  }

  @Nested
  class Homestead {
    @Test
    void stepIsOneMinusElapsedOverTen() {
      assertThat(at(HOMESTEAD, 1, 9)).isEqualTo(1_000_488);
      assertThat(at(HOMESTEAD, 1, 10)).isEqualTo(1_000_000);
      assertThat(at(HOMESTEAD, 1, 19)).isEqualTo(1_000_000);
      assertThat(at(HOMESTEAD, 1, 25)).isEqualTo(999_512);
    }

    @Test
    void decreaseIsCappedAtNinetyNineSteps() {
      // 1,000,000 − 99 × 488 = 951,688; elapsed 1000 would be −99, 5000 would be −499
      assertThat(at(HOMESTEAD, 1, 1_000)).isEqualTo(951_688);
      assertThat(at(HOMESTEAD, 1, 5_000)).isEqualTo(951_688);
      assertThat(at(HOMESTEAD, 1, 990)).isEqualTo(1_000_000 - 98 * 488);
    }

    @Test
    void blockOlderThanItsParentRoundsTowardNegativeInfinity() {
      // floor(−1 / 10) = −1, so the factor is 1 − (−1) = 2; truncation would give 1
      assertThat(at(HOMESTEAD, 1, -1)).isEqualTo(1_000_976);
      // floor(−10 / 10) = −1 as well; floor(−11 / 10) = −2
      assertThat(at(HOMESTEAD, 1, -10)).isEqualTo(1_000_976);
      assertThat(at(HOMESTEAD, 1, -11)).isEqualTo(1_001_464);
    }

    @Test
    void timestampsAreUnsigned64Bit() {
      long justBelowTwoTo63 = Long.MAX_VALUE;
      long twoTo63Plus19 = Long.MIN_VALUE + 19;
      BigInteger later = DifficultyCalculator.expected(HOMESTEAD, 1, twoTo63Plus19, PARENT, justBelowTwoTo63, false);
      assertThat(later).as("20 seconds across 2^63").isEqualTo(999_512);
      BigInteger earlier = DifficultyCalculator.expected(HOMESTEAD, 1, justBelowTwoTo63, PARENT, twoTo63Plus19, false);
      assertThat(earlier).as("−20 seconds across 2^63: factor 1 + 2").isEqualTo(1_001_464);
      BigInteger farLater = DifficultyCalculator.expected(HOMESTEAD, 1, -1L, PARENT, 0, false);
      assertThat(farLater).as("2^64 − 1 seconds").isEqualTo(951_688);
    }
  }

  @Nested
  class UncleAware {
    @Test
    void parentWithOmmersAimsForEighteenSecondsWithoutForNine() {
      assertThat(at(BYZANTIUM, 1, 9, PARENT, true)).isEqualTo(1_000_488);
      assertThat(at(BYZANTIUM, 1, 9, PARENT, false)).isEqualTo(1_000_000);
      assertThat(at(BYZANTIUM, 1, 18, PARENT, true)).isEqualTo(1_000_000);
      assertThat(at(BYZANTIUM, 1, 8, PARENT, true)).isEqualTo(1_000_976);
      assertThat(at(BYZANTIUM, 1, 27, PARENT, false)).isEqualTo(1_000_000 - 2 * 488);
    }

    @Test
    void decreaseIsCappedAtNinetyNineSteps() {
      assertThat(at(GRAY_GLACIER, 1, 100_000, PARENT, true)).isEqualTo(951_688);
    }
  }

  @Nested
  class Bomb {
    @Test
    void startsAtBlock200000AndDoublesEvery100000() {
      assertThat(at(FRONTIER, 199_999, 13)).isEqualTo(999_512);
      assertThat(at(FRONTIER, 200_000, 13)).isEqualTo(999_513);
      assertThat(at(FRONTIER, 300_000, 13)).isEqualTo(999_514);
      assertThat(at(HOMESTEAD, 1_000_000, 10)).isEqualTo(1_000_000 + 256);
    }

    @Test
    void eachForkMovesItBackByItsDelay() {
      assertThat(at(BYZANTIUM, 3_199_999, 9)).isEqualTo(1_000_000);
      assertThat(at(BYZANTIUM, 3_200_000, 9)).isEqualTo(1_000_001);
      assertThat(at(Schedules.from(Fork.CONSTANTINOPLE), 5_200_000, 9)).isEqualTo(1_000_001);
      assertThat(at(Schedules.from(Fork.MUIR_GLACIER), 9_199_999, 9)).isEqualTo(1_000_000);
      assertThat(at(Schedules.from(Fork.MUIR_GLACIER), 9_200_000, 9)).isEqualTo(1_000_001);
      assertThat(at(Schedules.from(Fork.LONDON), 9_900_000, 9)).isEqualTo(1_000_001);
      assertThat(at(Schedules.from(Fork.ARROW_GLACIER), 10_900_000, 9)).isEqualTo(1_000_001);
      assertThat(at(GRAY_GLACIER, 11_599_999, 9)).isEqualTo(1_000_000);
      assertThat(at(GRAY_GLACIER, 11_600_000, 9)).isEqualTo(1_000_001);
      assertThat(at(GRAY_GLACIER, 12_400_000, 9)).as("period 10: 2^8").isEqualTo(1_000_000 + 256);
    }

    @Test
    void minimumIsAppliedAfterTheBombIsAdded() {
      BigInteger below = BigInteger.valueOf(1_000);
      // 1000 / 2048 = 0, so only the bomb moves it: 2^40 at block 4,270,000 clears the minimum
      assertThat(at(HOMESTEAD, 4_270_000, 0, below, false)).isEqualTo(BigInteger.TWO.pow(40).add(below));
      // 1000 + 2^7 is still below the minimum, so the answer is the minimum, not minimum + 2^7
      assertThat(at(HOMESTEAD, 900_000, 0, below, false)).isEqualTo(131_072);
    }

    @Test
    void exponentIsComputedUpToItsBoundAndRefusedBeyond() {
      long lastComputable = (DifficultyBomb.MAX_EXPONENT + 2) * DifficultyBomb.PERIOD;
      assertThat(at(FRONTIER, lastComputable, 13).bitLength()).isEqualTo((int) DifficultyBomb.MAX_EXPONENT + 1);
      assertThatThrownBy(() -> at(FRONTIER, lastComputable + DifficultyBomb.PERIOD, 13))
          .isInstanceOf(DifficultyOutOfRangeException.class)
          .hasMessageContaining("block " + (lastComputable + DifficultyBomb.PERIOD))
          .hasMessageContaining("exponent " + (DifficultyBomb.MAX_EXPONENT + 1));
      assertThatThrownBy(() -> at(FRONTIER, Long.MAX_VALUE, 13)).isInstanceOf(DifficultyOutOfRangeException.class);
    }
  }

  @Test
  void neverBelowTheMinimum() {
    BigInteger min = BigInteger.valueOf(131_072);
    assertThat(at(HOMESTEAD, 1, 100, min, false)).isEqualTo(131_072);
    assertThat(at(BYZANTIUM, 1, 1_000, BigInteger.ZERO, false)).isEqualTo(131_072);
  }

  @Test
  void largeDecreasesAreNotMonotonicInParentDifficulty() {
    // 206,847 = 100 × 2048 + 2047 and 206,848 = 101 × 2048: the larger parent loses one more step of 99
    assertThat(at(HOMESTEAD, 1, 5_000, BigInteger.valueOf(206_847), false)).isEqualTo(206_847 - 100 * 99);
    assertThat(at(HOMESTEAD, 1, 5_000, BigInteger.valueOf(206_848), false)).isEqualTo(206_848 - 101 * 99);
  }

  @Nested
  class FormulaChoice {
    @Test
    void followsTheScheduleByBlockNumber() {
      ChainSpec mainnetLike = Schedules.withForks("mainnet-like", Map.of(
          Fork.FRONTIER, 0L, Fork.HOMESTEAD, 1_150_000L, Fork.BYZANTIUM, 4_370_000L, Fork.CONSTANTINOPLE, 7_280_000L));
      assertThat(DifficultyCalculator.formula(mainnetLike, 1_149_999, 0)).isInstanceOf(FrontierDifficulty.class);
      assertThat(DifficultyCalculator.formula(mainnetLike, 1_150_000, 0)).isInstanceOf(HomesteadDifficulty.class);
      assertThat(DifficultyCalculator.formula(mainnetLike, 4_369_999, 0)).isInstanceOf(HomesteadDifficulty.class);
      assertThat(DifficultyCalculator.formula(mainnetLike, 4_370_000, 0)).isEqualTo(new UncleAwareDifficulty(BombDelay.BYZANTIUM));
      assertThat(DifficultyCalculator.formula(mainnetLike, 7_280_000, 0)).isEqualTo(new UncleAwareDifficulty(BombDelay.CONSTANTINOPLE));
    }

    @Test
    void berlinWithoutMuirGlacierKeepsTheConstantinopleDelay() {
      ChainSpec spec = Schedules.withForks("no-muir-glacier", Map.of(
          Fork.FRONTIER, 0L, Fork.HOMESTEAD, 0L, Fork.BYZANTIUM, 0L, Fork.CONSTANTINOPLE, 0L, Fork.BERLIN, 0L));
      assertThat(DifficultyCalculator.formula(spec, 1, 0)).isEqualTo(new UncleAwareDifficulty(BombDelay.CONSTANTINOPLE));
      assertThat(at(spec, 5_200_000, 9)).isEqualTo(1_000_001);
    }

    @Test
    void laterForksKeepTheLastProofOfWorkFormula() {
      assertThat(DifficultyCalculator.formula(Schedules.from(Fork.PARIS), 1, 0)).isEqualTo(new UncleAwareDifficulty(BombDelay.GRAY_GLACIER));
    }
  }

  @Nested
  class FromParentHeader {
    private BlockHeader parent(long number, Hash ommersHash) {
      return BlockHeader.builder().number(number).timestamp(1_000).difficulty(PARENT).ommersHash(ommersHash).build();
    }

    @Test
    void ommersAreReadFromTheOmmersHash() {
      BlockHeader noOmmers = parent(10, Keccak.EMPTY_LIST);
      BlockHeader withOmmers = parent(10, Keccak.keccak256(new byte[] {1}));
      assertThat(DifficultyCalculator.expected(BYZANTIUM, noOmmers, 1_009)).isEqualTo(1_000_000);
      assertThat(DifficultyCalculator.expected(BYZANTIUM, withOmmers, 1_009)).isEqualTo(1_000_488);
    }

    @Test
    void childNumberIsParentPlusOne() {
      BlockHeader parent = parent(199_999, Keccak.EMPTY_LIST);
      assertThat(DifficultyCalculator.expected(FRONTIER, parent, 1_013)).isEqualTo(999_513);
    }
  }

  @Test
  void badInputIsRefusedWithTheBlockNamed() {
    assertThatThrownBy(() -> at(FRONTIER, 0, 13)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block 0");
    assertThatThrownBy(() -> at(FRONTIER, 7, 13, BigInteger.valueOf(-1), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("block 7")
        .hasMessageContaining("negative parent difficulty -1");
  }
}
