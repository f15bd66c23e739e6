package io.headersync.consensus.difficulty;

import java.math.BigInteger;

/** The arithmetic every formula shares, kept in one place so the rounding is decided once. */
final class Adjustment {

  /** The steepest decrease one block can cause, in units of parent/2048 (EIP-2, kept by EIP-100). */
  static final BigInteger MAX_DECREASE = BigInteger.valueOf(-99);

  private Adjustment() {}

  /**
   * max(minimum, parent + (parent / 2048) × factor + bomb).
   *
   * <p>The floor is applied after the bomb term is added, as the Yellow Paper and the executable
   * specification define it; some clients raise to the minimum first and add the bomb after.
   * The two orders differ only when parent + adjustment falls below the minimum while the bomb
   * is non-zero, a state the public chains never ran into; but the legacy BasicTests vectors built on
   * parents below the minimum (difficultyCustomHomestead, difficultyCustomMainNetwork) check
   * exactly that case and agree with this order.
   */
  static BigInteger next(BigInteger parentDifficulty, BigInteger factor, BigInteger bomb) {
    BigInteger step = parentDifficulty.divide(DifficultyFormula.BOUND_DIVISOR);
    return parentDifficulty.add(step.multiply(factor)).add(bomb).max(DifficultyFormula.MINIMUM_DIFFICULTY);
  }

  /**
   * {@code max(target − floor(elapsed / divisor), −99)} with the floor rounding toward negative
   * infinity, so a block older than its parent gets the specification's answer rather than
   * Java's truncation toward zero.
   */
  static BigInteger factor(BigInteger target, BigInteger elapsed, BigInteger divisor) {
    BigInteger[] qr = elapsed.divideAndRemainder(divisor);
    BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    return target.subtract(floor).max(MAX_DECREASE);
  }
}
