package io.headersync.testkit.chain;

import java.math.BigInteger;

/**
 * The EIP-1559 base fee of a child block, for generating chains (the consensus module holds the
 * rule that judges them). Target gas is half the limit; the fee moves by at most 1/8 a block.
 */
final class Eip1559 {

  private static final BigInteger CHANGE_DENOMINATOR = BigInteger.valueOf(8);
  private static final int ELASTICITY = 2;

  private Eip1559() {}

  static BigInteger childBaseFee(BigInteger parentBaseFee, long parentGasLimit, long parentGasUsed) {
    long target = parentGasLimit / ELASTICITY;
    if (parentGasUsed == target) {
      return parentBaseFee;
    }
    BigInteger t = BigInteger.valueOf(target);
    if (parentGasUsed > target) {
      BigInteger delta = parentBaseFee.multiply(BigInteger.valueOf(parentGasUsed - target)).divide(t).divide(CHANGE_DENOMINATOR);
      return parentBaseFee.add(delta.max(BigInteger.ONE));
    }
    BigInteger delta = parentBaseFee.multiply(BigInteger.valueOf(target - parentGasUsed)).divide(t).divide(CHANGE_DENOMINATOR);
    return parentBaseFee.subtract(delta);
  }
}
