package io.headersync.core.chain;

/**
 * Blob parameters of one fork (EIP-4844, EIP-7691, EIP-7892): target and maximum blobs per
 * block and the base fee update fraction.
 */
public record BlobSchedule(int target, int max, long baseFeeUpdateFraction) {

  /** Blob gas one blob uses (EIP-4844). */
  public static final long GAS_PER_BLOB = 131_072;

  public BlobSchedule {
    if (target < 0 || max < target || baseFeeUpdateFraction <= 0) {
      throw new IllegalArgumentException("bad blob schedule: target " + target + ", max " + max + ", fraction " + baseFeeUpdateFraction);
    }
  }

  public long targetBlobGas() {
    return target * GAS_PER_BLOB;
  }

  public long maxBlobGas() {
    return max * GAS_PER_BLOB;
  }
}
