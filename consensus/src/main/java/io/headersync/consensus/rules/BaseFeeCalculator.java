package io.headersync.consensus.rules;

import java.math.BigInteger;

/**
 * The EIP-1559 base fee of a block from its parent.
 *
 * <p>Base fees of real chains fit in a {@code long} with room to spare, so {@link #nextOrNegative}
 * computes in {@code long} and reports overflow instead of allocating; {@link #next} is the exact
 * answer for any 256-bit base fee, for the rare case that does not fit.
 */
public final class BaseFeeCalculator {

  /** Base fee of the London fork block: 1 gwei (EIP-1559 {@code INITIAL_BASE_FEE}). */
  public static final long INITIAL_BASE_FEE = 1_000_000_000L;

  /** The base fee moves by at most 1/8 per block (EIP-1559 {@code BASE_FEE_MAX_CHANGE_DENOMINATOR}). */
  public static final long BASE_FEE_CHANGE_DENOMINATOR = 8;

  /** The gas limit is this multiple of the gas target (EIP-1559 {@code ELASTICITY_MULTIPLIER}). */
  public static final long ELASTICITY_MULTIPLIER = 2;

  private BaseFeeCalculator() {}

  /**
   * The base fee of the child of a London parent, or -1 when an intermediate value does not fit
   * in a {@code long} (then use {@link #next}).
   *
   * <p>A parent whose gas limit is below the elasticity multiplier has no gas target to divide
   * by; such a parent can only be an unchecked genesis, and its base fee carries over unchanged.
   */
  public static long nextOrNegative(long parentBaseFee, long parentGasLimit, long parentGasUsed) {
    long target = parentGasLimit / ELASTICITY_MULTIPLIER;
    if (parentGasUsed == target || target == 0) {
      return parentBaseFee;
    }
    long delta = parentGasUsed > target ? parentGasUsed - target : target - parentGasUsed;
    long high = Math.multiplyHigh(delta, parentBaseFee);
    long product = delta * parentBaseFee;
    if (high != 0 || product < 0) {
      return -1;
    }
    long change = product / target / BASE_FEE_CHANGE_DENOMINATOR;
    if (parentGasUsed > target) {
      long next = parentBaseFee + Math.max(change, 1);
      return next < 0 ? -1 : next;
    }
    return Math.max(parentBaseFee - change, 0);
  }

  /** The base fee of the child of a London parent, exactly. */
  public static BigInteger next(BigInteger parentBaseFee, long parentGasLimit, long parentGasUsed) {
    long target = parentGasLimit / ELASTICITY_MULTIPLIER;
    if (parentGasUsed == target || target == 0) {
      return parentBaseFee;
    }
    long delta = parentGasUsed > target ? parentGasUsed - target : target - parentGasUsed;
    BigInteger change = parentBaseFee.multiply(BigInteger.valueOf(delta))
        .divide(BigInteger.valueOf(target))
        .divide(BigInteger.valueOf(BASE_FEE_CHANGE_DENOMINATOR));
    if (parentGasUsed > target) {
      return parentBaseFee.add(change.max(BigInteger.ONE));
    }
    return parentBaseFee.subtract(change).max(BigInteger.ZERO);
  }
}
