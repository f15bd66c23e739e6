package io.headersync.consensus.difficulty;

import java.math.BigInteger;

/**
 * Frontier: a block arriving less than 13 seconds after its parent raises the difficulty by
 * parent/2048, any later block lowers it by the same amount. The step ignores how late the
 * block is, which is why Homestead replaced it. The bomb counts from block zero.
 */
public record FrontierDifficulty() implements DifficultyFormula {

  /** Blocks faster than this many seconds push the difficulty up (Frontier's target spacing). */
  public static final long DURATION_LIMIT = 13;

  private static final BigInteger DURATION_LIMIT_BIG = BigInteger.valueOf(DURATION_LIMIT);

  @Override
  public BigInteger difficulty(DifficultyInput in) {
    BigInteger factor = in.elapsed().compareTo(DURATION_LIMIT_BIG) < 0 ? BigInteger.ONE : BigInteger.ONE.negate();
    return Adjustment.next(in.parentDifficulty(), factor, DifficultyBomb.term(in.number(), in.number()));
  }

  @Override
  public String describe() {
    return "Frontier";
  }
}
