package io.headersync.consensus.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.difficulty.DifficultyCalculator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.BlobSchedule;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Small hand-made chains for the rule tests: genesis headers, specs, and valid children to break. */
final class HeaderFixtures {

  static final long GAS_LIMIT = 30_000_000;
  static final long BLOCK_TIME = 12;

  private HeaderFixtures() {}

  /** A proof-of-stake chain with every fork through {@code last} at genesis (time 0). */
  static ChainSpec proofOfStake(Fork last) {
    BlockHeader.Builder genesis = BlockHeader.builder().gasLimit(GAS_LIMIT).timestamp(1_700_000_000L)
        .baseFeePerGas(BigInteger.valueOf(BaseFeeCalculator.INITIAL_BASE_FEE));
    if (last.ordinal() >= Fork.SHANGHAI.ordinal()) {
      genesis.withdrawalsRoot(Hash.ZERO);
    }
    if (last.ordinal() >= Fork.CANCUN.ordinal()) {
      genesis.blobGas(0, 0).parentBeaconBlockRoot(Hash.ZERO);
    }
    if (last.ordinal() >= Fork.PRAGUE.ordinal()) {
      genesis.requestsHash(Hash.ZERO);
    }
    return TestNetworks.spec(name(last), genesis.build());
  }

  /** A proof-of-work chain (Berlin at genesis) with London at {@code londonBlock} and no merge. */
  static ChainSpec proofOfWorkLondonAt(long londonBlock) {
    BlockHeader genesis = BlockHeader.builder().gasLimit(GAS_LIMIT).timestamp(1_600_000_000L)
        .difficulty(BigInteger.valueOf(1_000_000)).build();
    return TestNetworks.spec("BerlinToLondonAt" + londonBlock, genesis);
  }

  /** A chain with custom forks, terminal total difficulty and seal, on a legacy genesis. */
  static ChainSpec custom(Map<Fork, Long> forks, BigInteger ttd, SealEngine seal) {
    BlockHeader.Builder genesis = BlockHeader.builder().gasLimit(GAS_LIMIT).timestamp(1_600_000_000L)
        .difficulty(ttd != null && ttd.signum() == 0 ? BigInteger.ZERO : BigInteger.valueOf(1_000_000));
    if (Long.valueOf(0).equals(forks.get(Fork.LONDON))) {
      genesis.baseFeePerGas(BigInteger.valueOf(BaseFeeCalculator.INITIAL_BASE_FEE));
    }
    if (forks.containsKey(Fork.SHANGHAI) && forks.get(Fork.SHANGHAI) <= 1_600_000_000L) {
      genesis.withdrawalsRoot(Hash.ZERO);
    }
    Map<Fork, BlobSchedule> blobs = new EnumMap<>(Fork.class);
    for (Map.Entry<Fork, BlobSchedule> e : TestNetworks.BLOB_SCHEDULES.entrySet()) {
      if (forks.containsKey(e.getKey())) {
        blobs.put(e.getKey(), e.getValue());
      }
    }
    return new ChainSpec("custom", 1, 1, genesis.build(), forks, ttd, blobs, seal, List.of());
  }

  static Map<Fork, Long> forksAtGenesisThrough(Fork last) {
    Map<Fork, Long> forks = new EnumMap<>(Fork.class);
    for (Fork f : Fork.values()) {
      if (f.ordinal() <= last.ordinal() && f != Fork.DAO && f != Fork.PARIS) {
        forks.put(f, 0L);
      }
    }
    return forks;
  }

  /**
   * A builder for a valid child of {@code parent} on {@code spec}: half-full blocks, 12 s apart,
   * the same gas limit, and whatever base fee, difficulty and blob gas the chain requires.
   * {@code parentTd} decides proof of work or stake where the chain merges by total difficulty.
   */
  static BlockHeader.Builder childOf(ChainSpec spec, BlockHeader parent, BigInteger parentTd) {
    ValidationContext ctx = ValidationContext.of(spec).withParentTotalDifficulty(parentTd);
    long number = parent.number() + 1;
    long timestamp = parent.timestamp() + BLOCK_TIME;
    long gasLimit = parent.gasLimit();
    BlockHeader.Builder b = BlockHeader.builder()
        .parentHash(parent.hash()).number(number).timestamp(timestamp).gasUsed(gasLimit / 2);
    boolean london = ctx.isActive(Fork.LONDON, number, timestamp);
    if (london && !ctx.isActive(Fork.LONDON, parent)) {
      gasLimit *= BaseFeeCalculator.ELASTICITY_MULTIPLIER;
      b.baseFeePerGas(BigInteger.valueOf(BaseFeeCalculator.INITIAL_BASE_FEE));
    } else if (london) {
      b.baseFeePerGas(BaseFeeCalculator.next(parent.baseFeePerGas(), parent.gasLimit(), parent.gasUsed()));
    }
    b.gasLimit(gasLimit).gasUsed(gasLimit / 2);
    BlockHeader probe = b.difficulty(BigInteger.ONE).build();
    if (!ctx.isPostMerge(probe)) {
      b.difficulty(DifficultyCalculator.expected(spec, parent, timestamp));
    } else {
      b.difficulty(BigInteger.ZERO);
    }
    if (ctx.isActive(Fork.SHANGHAI, number, timestamp)) {
      b.withdrawalsRoot(Hash.ZERO);
    }
    if (ctx.isActive(Fork.CANCUN, number, timestamp)) {
      BlobSchedule schedule = ctx.blobScheduleAt(timestamp);
      long excess = BlobGasCalculator.excessBlobGas(
          parent.hasBlobGas() ? parent.excessBlobGas() : 0, parent.hasBlobGas() ? parent.blobGasUsed() : 0,
          parent.baseFeePerGas(), schedule, ctx.isActive(Fork.OSAKA, number, timestamp));
      b.blobGas(BlobSchedule.GAS_PER_BLOB * schedule.target(), excess).parentBeaconBlockRoot(Hash.ZERO);
    }
    if (ctx.isActive(Fork.PRAGUE, number, timestamp)) {
      b.requestsHash(Hash.ZERO);
    }
    return b;
  }

  /** A valid child on a chain that merged at genesis (or never merges). */
  static BlockHeader.Builder childOf(ChainSpec spec, BlockHeader parent) {
    return childOf(spec, parent, null);
  }

  /** Runs {@code rule} and answers the error it must throw, after checking it names the rule and field. */
  static InvalidHeaderException rejects(HeaderRule rule, BlockHeader header, BlockHeader parent, ValidationContext ctx,
      String field) {
    InvalidHeaderException e = catchThrowableOfType(InvalidHeaderException.class, () -> rule.check(header, parent, ctx));
    assertThat(e).as("%s must reject %s", rule.name(), header).isNotNull();
    assertThat(e.rule()).isEqualTo(rule.name());
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.number()).isEqualTo(header.number());
    assertThat(e.hash()).isEqualTo(header.hash());
    return e;
  }

  private static String name(Fork fork) {
    return switch (fork) {
      case PARIS -> "Paris";
      case SHANGHAI -> "Shanghai";
      case CANCUN -> "Cancun";
      case PRAGUE -> "Prague";
      case OSAKA -> "Osaka";
      case BPO1 -> "BPO1";
      case BPO2 -> "BPO2";
      default -> throw new IllegalArgumentException("no proof-of-stake test network for " + fork);
    };
  }
}
