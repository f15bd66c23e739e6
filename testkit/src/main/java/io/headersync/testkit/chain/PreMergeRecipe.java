package io.headersync.testkit.chain;

import io.headersync.consensus.difficulty.DifficultyCalculator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import io.headersync.core.crypto.Keccak;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Proof-of-work headers (the 15-field shape, Frontier to Berlin) whose difficulty is exactly what
 * {@link DifficultyCalculator} expects of the child of its parent under {@code spec}, so a chain
 * passes the difficulty rule. The seal (mixHash, nonce) is random: these headers do not pass an
 * ethash check, and tests that need real seals use the recorded mainnet and Sepolia headers.
 *
 * <p>Block times are drawn uniformly from {@code [minBlockTime, maxBlockTime)} seconds; the
 * difficulty follows from them. Under Homestead's rule a block time of 10–19 s keeps the
 * difficulty level, under 10 s raises it by parent/2048 per block and 30 s or more lowers it by
 * twice that, which is how forks are made heavier or lighter.
 *
 * @param spec the fork schedule the difficulty formula is chosen from
 * @param genesisDifficulty the first header's difficulty
 * @param firstTimestamp the first header's timestamp
 * @param minBlockTime smallest time between blocks, seconds (at least 1)
 * @param maxBlockTime largest time between blocks plus one, seconds
 */
public record PreMergeRecipe(ChainSpec spec, BigInteger genesisDifficulty, long firstTimestamp, int minBlockTime, int maxBlockTime)
    implements HeaderRecipe {

  private static final long GAS_LIMIT_FLOOR = 5_000;
  private static final long GAS_LIMIT_TARGET = 8_000_000;

  public PreMergeRecipe {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(genesisDifficulty, "genesisDifficulty");
    if (minBlockTime < 1 || maxBlockTime <= minBlockTime) {
      throw new IllegalArgumentException("need 1 <= minBlockTime < maxBlockTime, got " + minBlockTime + ", " + maxBlockTime);
    }
  }

  /**
   * Homestead rules from block zero (a synthetic spec whose genesis is this recipe's first
   * header), mainnet's genesis difficulty (2^34), 10–19 s blocks.
   */
  public static PreMergeRecipe homestead() {
    BigInteger difficulty = BigInteger.ONE.shiftLeft(34);
    long timestamp = 1_438_269_988L;
    BlockHeader genesis = fill(BlockHeader.builder().parentHash(Hash.ZERO).number(0).timestamp(timestamp)
        .difficulty(difficulty).gasLimit(GAS_LIMIT_FLOOR), GAS_LIMIT_FLOOR, new SplittableRandom(0));
    ChainSpec spec = new ChainSpec("synthetic-homestead", 1337, 1337, genesis,
        Map.of(Fork.FRONTIER, 0L, Fork.HOMESTEAD, 0L), null, Map.of(), new SealEngine.Ethash(), List.of());
    return new PreMergeRecipe(spec, difficulty, timestamp, 10, 20);
  }

  /** The spec's genesis when asked for its number; otherwise a header with a random parent hash. */
  @Override
  public BlockHeader first(long number, SplittableRandom random) {
    if (number == spec.genesis().number()) {
      return spec.genesis();
    }
    BlockHeader.Builder b = BlockHeader.builder().parentHash(RandomBytes.hash(random))
        .number(number).timestamp(firstTimestamp).difficulty(genesisDifficulty).gasLimit(GAS_LIMIT_FLOOR);
    return fill(b, GAS_LIMIT_FLOOR, random);
  }

  @Override
  public BlockHeader child(BlockHeader parent, SplittableRandom random) {
    long timestamp = parent.timestamp() + minBlockTime + random.nextInt(maxBlockTime - minBlockTime);
    long parentLimit = parent.gasLimit();
    long gasLimit = parentLimit < GAS_LIMIT_TARGET
        ? parentLimit + Math.min(Math.max(0, parentLimit / 1024 - 1), GAS_LIMIT_TARGET - parentLimit) : parentLimit;
    BlockHeader.Builder b = BlockHeader.builder().parentHash(parent.hash()).number(parent.number() + 1)
        .timestamp(timestamp).difficulty(DifficultyCalculator.expected(spec, parent, timestamp)).gasLimit(gasLimit);
    return fill(b, gasLimit, random);
  }

  private static BlockHeader fill(BlockHeader.Builder b, long gasLimit, SplittableRandom random) {
    return b.ommersHash(Keccak.EMPTY_LIST)
        .beneficiary(Address.of(RandomBytes.bytes(random, 20)))
        .stateRoot(RandomBytes.hash(random))
        .transactionsRoot(RandomBytes.hash(random))
        .receiptsRoot(RandomBytes.hash(random))
        .logsBloom(RandomBytes.bloom(random, 4 + random.nextInt(4)))
        .gasUsed((long) (random.nextDouble() * gasLimit))
        .extraData(RandomBytes.tag(random, random.nextInt(33)))
        .mixHash(RandomBytes.hash(random))
        .nonce(random.nextLong())
        .build();
  }

  @Override
  public BigInteger firstTotalDifficulty(BlockHeader first) {
    return first.difficulty();
  }

  /** Faster blocks (1–9 s) for a heavier fork, slower ones (30–39 s) for a lighter one. */
  @Override
  public HeaderRecipe forFork(ForkWeight weight) {
    return switch (weight) {
      case HEAVIER -> new PreMergeRecipe(spec, genesisDifficulty, firstTimestamp, 1, 10);
      case LIGHTER -> new PreMergeRecipe(spec, genesisDifficulty, firstTimestamp, 30, 40);
      case ANY -> this;
    };
  }
}
