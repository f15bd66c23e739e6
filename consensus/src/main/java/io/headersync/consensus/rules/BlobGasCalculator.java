package io.headersync.consensus.rules;

import io.headersync.core.chain.BlobSchedule;
import java.math.BigInteger;

/**
 * Excess blob gas (EIP-4844) and its blob base fee, with the target, maximum and update fraction
 * of the blob schedule in force (EIP-7691, EIP-7892) and, from Osaka, the reserve price of
 * EIP-7918: while blobs cost less than {@value #BLOB_BASE_COST} execution gas at the parent's base
 * fee, the excess grows with the blobs used instead of falling by the target.
 *
 * <p>Computed in {@code long} where the values fit (they always do on real chains) and exactly
 * in {@link BigInteger} only where an intermediate would overflow.
 */
public final class BlobGasCalculator {

  /** Execution gas a blob must at least be worth (EIP-7918 {@code BLOB_BASE_COST}). */
  public static final long BLOB_BASE_COST = 1L << 13;

  /** Smallest blob base fee in wei (EIP-4844 {@code MIN_BASE_FEE_PER_BLOB_GAS}). */
  public static final long MIN_BASE_FEE_PER_BLOB_GAS = 1;

  private BlobGasCalculator() {}

  /**
   * The excess blob gas of a block.
   *
   * @param parentExcessBlobGas the parent's excess blob gas (0 when the parent predates Cancun)
   * @param parentBlobGasUsed the parent's blob gas used (0 when the parent predates Cancun)
   * @param parentBaseFee the parent's base fee; read only when {@code reservePrice} is on ({@code null}, which
   *     no block after London has, means no reserve price)
   * @param schedule the blob schedule in force at the block's timestamp
   * @param reservePrice true from Osaka (EIP-7918)
   */
  public static long excessBlobGas(long parentExcessBlobGas, long parentBlobGasUsed, BigInteger parentBaseFee,
      BlobSchedule schedule, boolean reservePrice) {
    long target = schedule.targetBlobGas();
    long sum = parentExcessBlobGas + parentBlobGasUsed;
    if (sum < 0) {
      // Not reachable from checked headers (each is bounded by the blob schedule); saturate.
      sum = Long.MAX_VALUE;
    }
    if (sum < target) {
      return 0;
    }
    if (reservePrice && parentBaseFee != null && reservePriceAboveBlobPrice(parentBaseFee, parentExcessBlobGas, schedule.baseFeeUpdateFraction())) {
      long max = schedule.max();
      return parentExcessBlobGas + parentBlobGasUsed * (max - schedule.target()) / max;
    }
    return sum - target;
  }

  /** The blob base fee at {@code excessBlobGas}: {@code fake_exponential(1, excess, fraction)}. */
  public static BigInteger baseFeePerBlobGas(long excessBlobGas, long updateFraction) {
    long fast = fakeExponentialOrNegative(MIN_BASE_FEE_PER_BLOB_GAS, excessBlobGas, updateFraction);
    return fast >= 0 ? BigInteger.valueOf(fast)
        : fakeExponential(BigInteger.valueOf(MIN_BASE_FEE_PER_BLOB_GAS), BigInteger.valueOf(excessBlobGas),
            BigInteger.valueOf(updateFraction));
  }

  /** EIP-7918's test: {@code BLOB_BASE_COST * baseFee > GAS_PER_BLOB * blobBaseFee(parent excess)}. */
  static boolean reservePriceAboveBlobPrice(BigInteger parentBaseFee, long parentExcessBlobGas, long updateFraction) {
    long blobFee = fakeExponentialOrNegative(MIN_BASE_FEE_PER_BLOB_GAS, parentExcessBlobGas, updateFraction);
    if (blobFee >= 0 && parentBaseFee.bitLength() < Long.SIZE - 13) {
      long reserve = parentBaseFee.longValue() * BLOB_BASE_COST;
      long high = Math.multiplyHigh(blobFee, BlobSchedule.GAS_PER_BLOB);
      long blobPrice = blobFee * BlobSchedule.GAS_PER_BLOB;
      if (high != 0 || blobPrice < 0) {
        return false; // the blob price exceeds any long, hence the reserve
      }
      return reserve > blobPrice;
    }
    BigInteger reserve = parentBaseFee.multiply(BigInteger.valueOf(BLOB_BASE_COST));
    BigInteger blobPrice = baseFeePerBlobGas(parentExcessBlobGas, updateFraction).multiply(BigInteger.valueOf(BlobSchedule.GAS_PER_BLOB));
    return reserve.compareTo(blobPrice) > 0;
  }

  /** EIP-4844's integer approximation of {@code factor * e^(numerator / denominator)}, or -1 on overflow. */
  static long fakeExponentialOrNegative(long factor, long numerator, long denominator) {
    long accumulator = factor * denominator;
    if (Math.multiplyHigh(factor, denominator) != 0 || accumulator < 0) {
      return -1;
    }
    long output = 0;
    for (long i = 1; accumulator > 0; i++) {
      output += accumulator;
      if (output < 0) {
        return -1;
      }
      long divisor = denominator * i;
      if (Math.multiplyHigh(denominator, i) != 0 || divisor < 0) {
        return -1;
      }
      // floor(a * n / m) without the 128-bit product: with a = q * m + r it is q * n + floor(r * n / m).
      long quotient = accumulator / divisor;
      long remainder = accumulator % divisor;
      long whole = quotient * numerator;
      long part = remainder * numerator;
      if (Math.multiplyHigh(quotient, numerator) != 0 || whole < 0 || Math.multiplyHigh(remainder, numerator) != 0 || part < 0) {
        return -1;
      }
      accumulator = whole + part / divisor;
      if (accumulator < 0) {
        return -1;
      }
    }
    return output / denominator;
  }

  /** EIP-4844's {@code fake_exponential}, exactly. */
  public static BigInteger fakeExponential(BigInteger factor, BigInteger numerator, BigInteger denominator) {
    BigInteger output = BigInteger.ZERO;
    BigInteger accumulator = factor.multiply(denominator);
    for (long i = 1; accumulator.signum() > 0; i++) {
      output = output.add(accumulator);
      accumulator = accumulator.multiply(numerator).divide(denominator.multiply(BigInteger.valueOf(i)));
    }
    return output.divide(denominator);
  }
}
