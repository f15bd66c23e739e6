package io.headersync.consensus.difficulty;

import java.math.BigInteger;

/**
 * The exponential "ice age" term added to every proof-of-work difficulty: 2^(n/100000 − 2)
 * once n/100000 reaches 2, where n is the block number, moved back by the bomb delay of the
 * fork in force.
 */
public final class DifficultyBomb {

  /** The bomb doubles every 100,000 blocks. */
  public static final long PERIOD = 100_000;

  /**
   * Largest exponent computed exactly: 2^65536 is far beyond any difficulty a block could
   * satisfy (ethash targets are 256-bit), and this bound keeps a hostile block number from
   * asking for a number of gigabytes. It is reached only past block 6,553,800,000 (plus delay).
   */
  public static final long MAX_EXPONENT = 65_536;

  private DifficultyBomb() {}

  /** The block number the bomb sees: {@code number − delay}, or zero before the delay runs out. */
  public static long delayedNumber(long number, long delay) {
    return number >= delay ? number - delay : 0;
  }

  /**
   * The bomb term for a block the bomb sees as {@code bombNumber}: zero for the first 200,000
   * blocks, then 2^(bombNumber/100000 − 2).
   *
   * @param number the block's own number, named in the error when the term is out of range
   * @param bombNumber the number the bomb sees, after the fork's delay
   * @throws DifficultyOutOfRangeException when the exponent exceeds {@link #MAX_EXPONENT}
   */
  public static BigInteger term(long number, long bombNumber) {
    long period = bombNumber / PERIOD;
    if (period < 2) {
      return BigInteger.ZERO;
    }
    long exponent = period - 2;
    if (exponent > MAX_EXPONENT) {
      throw new DifficultyOutOfRangeException(number, exponent, MAX_EXPONENT);
    }
    return BigInteger.ONE.shiftLeft((int) exponent);
  }
}
