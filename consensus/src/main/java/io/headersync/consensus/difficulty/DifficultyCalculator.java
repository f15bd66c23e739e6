package io.headersync.consensus.difficulty;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.crypto.Keccak;
import java.math.BigInteger;
import java.util.List;

/**
 * The proof-of-work difficulty a block must have, from its parent and the chain's fork
 * schedule.
 *
 * <p>The formula is chosen by asking the spec which difficulty-changing forks are active, newest
 * first, rather than by the newest fork overall: a chain that schedules Berlin without Muir
 * Glacier keeps Constantinople's bomb delay, as the fork definitions say. Past the merge
 * difficulty is zero; deciding that is the header rules' job, and this class keeps answering
 * with the last proof-of-work formula.
 */
public final class DifficultyCalculator {

  private static final FrontierDifficulty FRONTIER = new FrontierDifficulty();
  private static final HomesteadDifficulty HOMESTEAD = new HomesteadDifficulty();

  /** Newest first, so the first active one wins. */
  private static final List<UncleAwareDifficulty> UNCLE_AWARE = List.of(
      new UncleAwareDifficulty(BombDelay.GRAY_GLACIER),
      new UncleAwareDifficulty(BombDelay.ARROW_GLACIER),
      new UncleAwareDifficulty(BombDelay.LONDON),
      new UncleAwareDifficulty(BombDelay.MUIR_GLACIER),
      new UncleAwareDifficulty(BombDelay.CONSTANTINOPLE),
      new UncleAwareDifficulty(BombDelay.BYZANTIUM));

  private DifficultyCalculator() {}

  /** The formula in force for a block of this number and timestamp. */
  public static DifficultyFormula formula(ChainSpec spec, long number, long timestamp) {
    for (UncleAwareDifficulty f : UNCLE_AWARE) {
      if (spec.isActive(f.delay().fork(), number, timestamp)) {
        return f;
      }
    }
    return spec.isActive(Fork.HOMESTEAD, number, timestamp) ? HOMESTEAD : FRONTIER;
  }

  /**
   * The difficulty block {@code number} with this timestamp must have.
   *
   * @param parentHasOmmers whether the parent's ommers hash differs from that of an empty list
   * @throws IllegalArgumentException for block zero or a negative parent difficulty
   * @throws DifficultyOutOfRangeException when the block number is so large the bomb cannot be computed
   */
  public static BigInteger expected(
      ChainSpec spec, long number, long timestamp, BigInteger parentDifficulty, long parentTimestamp, boolean parentHasOmmers) {
    DifficultyInput input = new DifficultyInput(number, timestamp, parentDifficulty, parentTimestamp, parentHasOmmers);
    return formula(spec, number, timestamp).difficulty(input);
  }

  /** The difficulty the child of {@code parent} with this timestamp must have. */
  public static BigInteger expected(ChainSpec spec, BlockHeader parent, long timestamp) {
    boolean parentHasOmmers = !Keccak.EMPTY_LIST.equals(parent.ommersHash());
    return expected(spec, parent.number() + 1, timestamp, parent.difficulty(), parent.timestamp(), parentHasOmmers);
  }
}
