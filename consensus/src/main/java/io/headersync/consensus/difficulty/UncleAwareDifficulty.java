package io.headersync.consensus.difficulty;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Byzantium and every later proof-of-work fork (EIP-100): the target counts uncles, so the
 * step is {@code max((parent has ommers ? 2 : 1) − floor(elapsed / 9), −99)}. Without it a miner
 * could gain by withholding uncles, since blocks with uncles carried more total work for the
 * same difficulty. The bomb sees the block number moved back by the fork's {@link BombDelay}.
 */
public record UncleAwareDifficulty(BombDelay delay) implements DifficultyFormula {

  private static final BigInteger NINE = BigInteger.valueOf(9);
  private static final BigInteger TWO = BigInteger.TWO;

  public UncleAwareDifficulty {
    Objects.requireNonNull(delay, "delay");
  }

  @Override
  public BigInteger difficulty(DifficultyInput in) {
    BigInteger target = in.parentHasOmmers() ? TWO : BigInteger.ONE;
    BigInteger factor = Adjustment.factor(target, in.elapsed(), NINE);
    long bombNumber = DifficultyBomb.delayedNumber(in.number(), delay.blocks());
    return Adjustment.next(in.parentDifficulty(), factor, DifficultyBomb.term(in.number(), bombNumber));
  }

  @Override
  public String describe() {
    return "EIP-100 with bomb delay " + delay.blocks() + " (" + delay.eip() + ")";
  }
}
