package io.headersync.consensus.rules;

import static io.headersync.consensus.rules.HeaderFixtures.childOf;
import static io.headersync.consensus.rules.HeaderFixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.BlobSchedule;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlobGasRulesTest {

  private static final long BLOB = BlobSchedule.GAS_PER_BLOB;
  private static final BlobSchedule CANCUN = new BlobSchedule(3, 6, 3_338_477);
  private static final BlobSchedule PRAGUE = new BlobSchedule(6, 9, 5_007_716);
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000);

  @ParameterizedTest
  @CsvSource({
      "1, 2, 1, 6",
      "1, 3, 1, 16",
      "10, 8, 2, 542",
      "11, 8, 2, 596",
      "2, 5, 2, 23",
      "1, 50000000, 2225652, 5709098764",
      "1, 380928, 3338477, 1"})
  void fakeExponentialKnownValues(long factor, long numerator, long denominator, long expected) {
    assertThat(BlobGasCalculator.fakeExponentialOrNegative(factor, numerator, denominator)).isEqualTo(expected);
    assertThat(BlobGasCalculator.fakeExponential(BigInteger.valueOf(factor), BigInteger.valueOf(numerator),
        BigInteger.valueOf(denominator))).isEqualTo(BigInteger.valueOf(expected));
  }

  @Test
  void fakeExponentialOverflowFallsBackToExact() {
    assertThat(BlobGasCalculator.fakeExponentialOrNegative(1, 1_000_000_000, 3_338_477)).isEqualTo(-1);
    // e^(10^9 / 3,338,477) = e^299.5..., a 433-bit number.
    assertThat(BlobGasCalculator.baseFeePerBlobGas(1_000_000_000, 3_338_477).bitLength()).isEqualTo(433);
  }

  @Test
  void excessFollowsEip4844() {
    // Target 3 blobs = 393,216 gas.
    assertThat(BlobGasCalculator.excessBlobGas(0, 6 * BLOB, GWEI, CANCUN, false)).isEqualTo(3 * BLOB);
    assertThat(BlobGasCalculator.excessBlobGas(100_000, 0, GWEI, CANCUN, false)).isZero();
    assertThat(BlobGasCalculator.excessBlobGas(500_000, BLOB, GWEI, CANCUN, false)).isEqualTo(500_000 + BLOB - 3 * BLOB);
    assertThat(BlobGasCalculator.excessBlobGas(0, 3 * BLOB, GWEI, CANCUN, false)).isZero();
  }

  @Test
  void osakaReservePriceKeepsExcessGrowing() {
    // Excess 0: blob base fee 1 wei, so 131,072 wei per blob; the reserve is 8,192 x parent base fee.
    // Base fee 17 wei: reserve 139,264 > 131,072, so the excess grows by used x (9 - 6) / 9.
    assertThat(BlobGasCalculator.excessBlobGas(0, 6 * BLOB, BigInteger.valueOf(17), PRAGUE, true)).isEqualTo(2 * BLOB);
    // Base fee 16 wei: reserve 131,072 is not above the blob price, so EIP-4844's rule: 6 - 6 = 0.
    assertThat(BlobGasCalculator.excessBlobGas(0, 6 * BLOB, BigInteger.valueOf(16), PRAGUE, true)).isZero();
    // Without the reserve price (before Osaka) the same parent gives 0.
    assertThat(BlobGasCalculator.excessBlobGas(0, 6 * BLOB, BigInteger.valueOf(17), PRAGUE, false)).isZero();
    // Below target stays 0 whatever the reserve.
    assertThat(BlobGasCalculator.excessBlobGas(0, 5 * BLOB, GWEI, PRAGUE, true)).isZero();
    // A huge base fee goes through the exact comparison.
    assertThat(BlobGasCalculator.excessBlobGas(BLOB, 6 * BLOB, BigInteger.ONE.shiftLeft(120), PRAGUE, true)).isEqualTo(3 * BLOB);
  }

  @Test
  void blobGasUsedIsWholeBlobsUpToTheMaximum() throws InvalidHeaderException {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.CANCUN);
    ValidationContext ctx = ValidationContext.of(spec);
    BlobGasUsedRule rule = new BlobGasUsedRule();
    rule.check(withBlobs(spec, 0, 0), null, ctx);
    rule.check(withBlobs(spec, 6 * BLOB, 0), null, ctx);

    InvalidHeaderException tooMany = rejects(rule, withBlobs(spec, 7 * BLOB, 0), null, ctx, "blobGasUsed");
    assertThat(tooMany.expected()).startsWith("<= 786432");
    InvalidHeaderException partial = rejects(rule, withBlobs(spec, BLOB + 1, 0), null, ctx, "blobGasUsed");
    assertThat(partial.expected()).isEqualTo("a multiple of 131072");
  }

  @Test
  void maximumFollowsTheScheduleInForce() throws InvalidHeaderException {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.PRAGUE);
    ValidationContext ctx = ValidationContext.of(spec);
    new BlobGasUsedRule().check(withBlobs(spec, 9 * BLOB, 0), null, ctx);
    rejects(new BlobGasUsedRule(), withBlobs(spec, 10 * BLOB, 0), null, ctx, "blobGasUsed");
  }

  @Test
  void excessBlobGasFromTheParent() throws InvalidHeaderException {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.CANCUN);
    ValidationContext ctx = ValidationContext.of(spec);
    BlockHeader parent = childOf(spec, spec.genesis()).blobGas(6 * BLOB, 500_000).build();
    ExcessBlobGasRule rule = new ExcessBlobGasRule();
    BlockHeader child = childOf(spec, parent).build();
    assertThat(child.excessBlobGas()).isEqualTo(500_000 + 3 * BLOB);
    rule.check(child, parent, ctx);

    BlockHeader wrong = childOf(spec, parent).blobGas(3 * BLOB, 500_000).build();
    InvalidHeaderException e = rejects(rule, wrong, parent, ctx, "excessBlobGas");
    assertThat(e.expected()).isEqualTo(Long.toString(500_000 + 3 * BLOB));
    assertThat(e.found()).isEqualTo("500000");
  }

  @Test
  void firstCancunBlockCountsTheParentAsZero() throws InvalidHeaderException {
    Map<Fork, Long> forks = HeaderFixtures.forksAtGenesisThrough(Fork.SHANGHAI);
    forks.put(Fork.CANCUN, 2_000_000_000L);
    ChainSpec spec = HeaderFixtures.custom(forks, BigInteger.ZERO, new SealEngine.None());
    ValidationContext ctx = ValidationContext.of(spec);
    BlockHeader shanghai = BlockHeader.builder().number(10).timestamp(1_999_999_990L).gasLimit(30_000_000)
        .baseFeePerGas(GWEI).withdrawalsRoot(Hash.ZERO).build();
    BlockHeader first = childOf(spec, shanghai).blobGas(0, 0).build();
    assertThat(first.timestamp()).isGreaterThanOrEqualTo(2_000_000_000L);
    new ExcessBlobGasRule().check(first, shanghai, ctx);
    rejects(new ExcessBlobGasRule(), childOf(spec, shanghai).blobGas(0, BLOB).build(), shanghai, ctx, "excessBlobGas");
  }

  @Test
  void osakaHeaderUsesTheReservePrice() throws InvalidHeaderException {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.OSAKA);
    ValidationContext ctx = ValidationContext.of(spec);
    // Parent: 6 blobs on a target of 6, excess 0, base fee 1 gwei: far above the reserve threshold.
    BlockHeader parent = childOf(spec, spec.genesis()).blobGas(6 * BLOB, 0).baseFeePerGas(GWEI).build();
    BlockHeader child = childOf(spec, parent).build();
    assertThat(child.excessBlobGas()).isEqualTo(2 * BLOB);
    new ExcessBlobGasRule().check(child, parent, ctx);
    // What EIP-4844 alone would give is wrong from Osaka on.
    InvalidHeaderException e = rejects(new ExcessBlobGasRule(), childOf(spec, parent).blobGas(6 * BLOB, 0).build(), parent, ctx,
        "excessBlobGas");
    assertThat(e.expected()).isEqualTo(Long.toString(2 * BLOB));
  }

  @Test
  void theNewScheduleAppliesFromItsFirstBlock() throws InvalidHeaderException {
    // Prague at genesis, Osaka later: the boundary block uses Osaka's rule and schedule.
    Map<Fork, Long> forks = HeaderFixtures.forksAtGenesisThrough(Fork.PRAGUE);
    forks.put(Fork.OSAKA, 2_000_000_000L);
    ChainSpec spec = HeaderFixtures.custom(forks, BigInteger.ZERO, new SealEngine.None());
    ValidationContext ctx = ValidationContext.of(spec);
    BlockHeader prague = BlockHeader.builder().number(10).timestamp(1_999_999_990L).gasLimit(30_000_000)
        .baseFeePerGas(GWEI).withdrawalsRoot(Hash.ZERO).blobGas(6 * BLOB, 0).parentBeaconBlockRoot(Hash.ZERO)
        .requestsHash(Hash.ZERO).build();
    BlockHeader osaka = childOf(spec, prague).build();
    assertThat(osaka.excessBlobGas()).isEqualTo(2 * BLOB);
    new ExcessBlobGasRule().check(osaka, prague, ctx);
    // One second earlier the same parent gives EIP-4844's answer, 6 - 6 = 0 blobs of excess.
    BlockHeader stillPrague = childOf(spec, prague).timestamp(1_999_999_999L).blobGas(6 * BLOB, 0).build();
    new ExcessBlobGasRule().check(stillPrague, prague, ctx);
    rejects(new ExcessBlobGasRule(), childOf(spec, prague).timestamp(1_999_999_999L).blobGas(6 * BLOB, 2 * BLOB).build(), prague,
        ctx, "excessBlobGas");
  }

  private static BlockHeader withBlobs(ChainSpec spec, long used, long excess) {
    return childOf(spec, spec.genesis()).blobGas(used, excess).build();
  }
}
