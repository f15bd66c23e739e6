package io.headersync.consensus.difficulty;

import java.math.BigInteger;

/**
 * Homestead (EIP-2): the step is proportional to how late the block is,
 * {@code max(1 − floor(elapsed / 10), −99)}, so a chain of slow blocks lowers the difficulty
 * faster and the average block time settles between 10 and 20 seconds. The −99 floor keeps
 * one very late block from collapsing the difficulty. The bomb counts from block zero.
 */
public record HomesteadDifficulty() implements DifficultyFormula {

  @Override
  public BigInteger difficulty(DifficultyInput in) {
    BigInteger factor = Adjustment.factor(BigInteger.ONE, in.elapsed(), BigInteger.TEN);
    return Adjustment.next(in.parentDifficulty(), factor, DifficultyBomb.term(in.number(), in.number()));
  }

  @Override
  public String describe() {
    return "Homestead (EIP-2)";
  }
}
