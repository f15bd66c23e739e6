package io.headersync.consensus.difficulty;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Laws every difficulty formula keeps, over every fork that changed the formula. */
class DifficultyPropertiesTest {

  private static final BigInteger MINIMUM = BigInteger.valueOf(131_072);

  @Provide
  Arbitrary<ChainSpec> specs() {
    return Arbitraries.of(Fork.FRONTIER, Fork.HOMESTEAD, Fork.BYZANTIUM, Fork.CONSTANTINOPLE, Fork.MUIR_GLACIER,
        Fork.LONDON, Fork.ARROW_GLACIER, Fork.GRAY_GLACIER).map(Schedules::from);
  }

  @Provide
  Arbitrary<BigInteger> difficulties() {
    return Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(256));
  }

  @Property
  void neverBelowTheMinimum(
      @ForAll("specs") ChainSpec spec,
      @ForAll @LongRange(min = 1, max = 30_000_000) long number,
      @ForAll long timestamp,
      @ForAll long parentTimestamp,
      @ForAll("difficulties") BigInteger parentDifficulty,
      @ForAll boolean parentHasOmmers) {
    BigInteger d = DifficultyCalculator.expected(spec, number, timestamp, parentDifficulty, parentTimestamp, parentHasOmmers);
    assertThat(d).isGreaterThanOrEqualTo(MINIMUM);
  }

  /** Timestamps stay well inside the signed range here: past 2^63 they would read as unsigned. */
  @Property
  void aLaterBlockNeverNeedsMoreDifficulty(
      @ForAll("specs") ChainSpec spec,
      @ForAll @LongRange(min = 1, max = 30_000_000) long number,
      @ForAll @LongRange(min = 1_000, max = 2_000_000_000L) long parentTimestamp,
      @ForAll @LongRange(min = -100, max = 2_000) long elapsed,
      @ForAll @LongRange(min = 0, max = 2_000) long extraDelay,
      @ForAll("difficulties") BigInteger parentDifficulty,
      @ForAll boolean parentHasOmmers) {
    long sooner = parentTimestamp + elapsed;
    long later = sooner + extraDelay;
    BigInteger early = DifficultyCalculator.expected(spec, number, sooner, parentDifficulty, parentTimestamp, parentHasOmmers);
    BigInteger late = DifficultyCalculator.expected(spec, number, later, parentDifficulty, parentTimestamp, parentHasOmmers);
    assertThat(late).isLessThanOrEqualTo(early);
  }

  /**
   * A harder parent never yields an easier child while the block is on time (elapsed under 9
   * seconds, where every fork's factor is at least zero). For late blocks this does not hold:
   * see {@code DifficultyCalculatorTest.largeDecreasesAreNotMonotonicInParentDifficulty}.
   */
  @Property
  void onTimeBlocksAreMonotonicInParentDifficulty(
      @ForAll("specs") ChainSpec spec,
      @ForAll @LongRange(min = 1, max = 30_000_000) long number,
      @ForAll @LongRange(min = 0, max = 2_000_000_000L) long parentTimestamp,
      @ForAll @LongRange(min = 0, max = 8) long elapsed,
      @ForAll("difficulties") BigInteger a,
      @ForAll("difficulties") BigInteger b,
      @ForAll boolean parentHasOmmers) {
    BigInteger lower = a.min(b);
    BigInteger higher = a.max(b);
    long timestamp = parentTimestamp + elapsed;
    BigInteger fromLower = DifficultyCalculator.expected(spec, number, timestamp, lower, parentTimestamp, parentHasOmmers);
    BigInteger fromHigher = DifficultyCalculator.expected(spec, number, timestamp, higher, parentTimestamp, parentHasOmmers);
    assertThat(fromHigher).isGreaterThanOrEqualTo(fromLower);
  }

  @Property
  void ommersNeverLowerTheDifficulty(
      @ForAll("specs") ChainSpec spec,
      @ForAll @LongRange(min = 1, max = 30_000_000) long number,
      @ForAll long timestamp,
      @ForAll long parentTimestamp,
      @ForAll("difficulties") BigInteger parentDifficulty) {
    BigInteger without = DifficultyCalculator.expected(spec, number, timestamp, parentDifficulty, parentTimestamp, false);
    BigInteger with = DifficultyCalculator.expected(spec, number, timestamp, parentDifficulty, parentTimestamp, true);
    assertThat(with).isGreaterThanOrEqualTo(without);
  }
}
