package io.headersync.consensus.rules;

import static io.headersync.consensus.rules.HeaderFixtures.childOf;
import static io.headersync.consensus.rules.HeaderFixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BaseFeeRuleTest {

  @Test
  void formulaByHand() {
    // Target 1,572,876 of 3,145,752, nothing used: down by 1/8.
    assertThat(BaseFeeCalculator.nextOrNegative(16, 3_145_752, 0)).isEqualTo(14);
    assertThat(BaseFeeCalculator.nextOrNegative(1000, 1L << 30, 0)).isEqualTo(875);
    // Exactly on target: unchanged.
    assertThat(BaseFeeCalculator.nextOrNegative(1000, 20_000_000, 10_000_000)).isEqualTo(1000);
    // Full block: up by 1/8.
    assertThat(BaseFeeCalculator.nextOrNegative(1000, 20_000_000, 20_000_000)).isEqualTo(1125);
    // One gas over target still raises the fee by at least 1 wei.
    assertThat(BaseFeeCalculator.nextOrNegative(8, 20_000_000, 10_000_001)).isEqualTo(9);
    // Falls to 7 from 7 only by rounding: 7 * 10,000,000 / 10,000,000 / 8 = 0.
    assertThat(BaseFeeCalculator.nextOrNegative(7, 20_000_000, 0)).isEqualTo(7);
    assertThat(BaseFeeCalculator.nextOrNegative(0, 20_000_000, 0)).isZero();
  }

  @Test
  void overflowGoesToTheExactPath() {
    BigInteger huge = BigInteger.ONE.shiftLeft(200);
    assertThat(BaseFeeCalculator.nextOrNegative(Long.MAX_VALUE / 2, 20_000_000, 20_000_000)).isEqualTo(-1);
    assertThat(BaseFeeCalculator.next(huge, 20_000_000, 20_000_000)).isEqualTo(huge.add(huge.shiftRight(3)));
    assertThat(BaseFeeCalculator.next(huge, 20_000_000, 0)).isEqualTo(huge.subtract(huge.shiftRight(3)));
  }

  @Property(tries = 300)
  void longAndExactPathsAgree(@ForAll @LongRange(min = 0, max = 1_000_000_000_000_000L) long fee,
      @ForAll @LongRange(min = 5000, max = 100_000_000) long limit, @ForAll @LongRange(min = 0, max = 100) long percentUsed) {
    long used = limit * percentUsed / 100;
    long fast = BaseFeeCalculator.nextOrNegative(fee, limit, used);
    BigInteger exact = BaseFeeCalculator.next(BigInteger.valueOf(fee), limit, used);
    if (fast >= 0) {
      assertThat(BigInteger.valueOf(fast)).isEqualTo(exact);
    } else {
      // Only an intermediate product beyond 63 bits may send the answer to the exact path.
      long delta = Math.abs(used - limit / 2);
      assertThat(BigInteger.valueOf(delta).multiply(BigInteger.valueOf(fee)).bitLength()).isGreaterThan(63);
    }
  }

  @Test
  void londonBlockStartsAtOneGwei() throws InvalidHeaderException {
    ChainSpec pow = HeaderFixtures.proofOfWorkLondonAt(1);
    ValidationContext ctx = ValidationContext.of(pow);
    BlockHeader berlin = pow.genesis();
    BlockHeader fork = childOf(pow, berlin).build();
    new BaseFeeRule().check(fork, berlin, ctx);

    BlockHeader wrong = childOf(pow, berlin).baseFeePerGas(BigInteger.valueOf(999_999_999)).build();
    InvalidHeaderException e = rejects(new BaseFeeRule(), wrong, berlin, ctx, "baseFeePerGas");
    assertThat(e.expected()).startsWith("1000000000");
    assertThat(e.found()).isEqualTo("999999999");
  }

  @Test
  void afterTheForkTheUpdateFormulaHolds() throws InvalidHeaderException {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.CANCUN);
    ValidationContext ctx = ValidationContext.of(spec);
    BlockHeader parent = childOf(spec, spec.genesis()).gasUsed(HeaderFixtures.GAS_LIMIT).build(); // full block
    BlockHeader child = childOf(spec, parent).build();
    assertThat(child.baseFeePerGas()).isEqualTo(parent.baseFeePerGas().add(parent.baseFeePerGas().shiftRight(3)));
    new BaseFeeRule().check(child, parent, ctx);

    BlockHeader offByOne = childOf(spec, parent).baseFeePerGas(child.baseFeePerGas().add(BigInteger.ONE)).build();
    InvalidHeaderException e = rejects(new BaseFeeRule(), offByOne, parent, ctx, "baseFeePerGas");
    assertThat(e.expected()).isEqualTo(child.baseFeePerGas().toString());
    assertThat(e.found()).isEqualTo(child.baseFeePerGas().add(BigInteger.ONE).toString());

    BlockHeader beyondLong = childOf(spec, parent).baseFeePerGas(BigInteger.ONE.shiftLeft(70)).build();
    rejects(new BaseFeeRule(), beyondLong, parent, ctx, "baseFeePerGas");
  }

  @Test
  void hugeParentFeeIsCheckedExactly() throws InvalidHeaderException {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.CANCUN);
    ValidationContext ctx = ValidationContext.of(spec);
    BigInteger huge = BigInteger.ONE.shiftLeft(100);
    BlockHeader parent = childOf(spec, spec.genesis()).baseFeePerGas(huge).gasUsed(0).build();
    BlockHeader child = childOf(spec, parent).baseFeePerGas(huge.subtract(huge.shiftRight(3))).build();
    new BaseFeeRule().check(child, parent, ctx);
    rejects(new BaseFeeRule(), childOf(spec, parent).baseFeePerGas(huge).build(), parent, ctx, "baseFeePerGas");
  }

  @Test
  void beforeLondonThereIsNothingToCheck() throws InvalidHeaderException {
    ChainSpec pow = HeaderFixtures.proofOfWorkLondonAt(5);
    BlockHeader berlin = childOf(pow, pow.genesis()).build();
    assertThat(berlin.hasBaseFee()).isFalse();
    new BaseFeeRule().check(berlin, pow.genesis(), ValidationContext.of(pow));
  }
}
