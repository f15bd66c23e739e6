package io.headersync.consensus.seal.ethash;

/**
 * Unsigned 32-bit remainder by a fixed divisor without a division: multiply by a precomputed
 * 64-bit reciprocal and keep the high half of a second product (Lemire, Kaser and Kurz,
 * "Faster remainder by direct computation", 2019). Exact for every 32-bit dividend and every
 * divisor in {@code [1, 2^32)}.
 */
final class FastMod {

  private final long divisor;
  private final long reciprocal;

  FastMod(long divisor) {
    if (divisor < 1 || divisor > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("divisor must be in [1, 2^32), got " + divisor);
    }
    this.divisor = divisor;
    this.reciprocal = Long.divideUnsigned(-1L, divisor) + 1;
  }

  /** {@code dividend} read as unsigned, modulo the divisor. */
  int mod(int dividend) {
    long low = reciprocal * (dividend & 0xFFFF_FFFFL);
    return (int) Math.unsignedMultiplyHigh(low, divisor);
  }
}
