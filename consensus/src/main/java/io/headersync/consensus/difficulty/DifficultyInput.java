package io.headersync.consensus.difficulty;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What a difficulty formula looks at: the new block's number and timestamp, and its parent's
 * difficulty, timestamp and whether the parent had ommers.
 *
 * <p>Timestamps are the unsigned 64-bit values headers carry; a value above
 * {@link Long#MAX_VALUE} arrives here as a negative {@code long} and is read as unsigned.
 */
public record DifficultyInput(
    long number, long timestamp, BigInteger parentDifficulty, long parentTimestamp, boolean parentHasOmmers) {

  public DifficultyInput {
    Objects.requireNonNull(parentDifficulty, "parentDifficulty");
    if (number < 1) {
      throw new IllegalArgumentException("difficulty is defined for blocks after genesis, got block " + number);
    }
    if (parentDifficulty.signum() < 0) {
      throw new IllegalArgumentException("block " + number + ": negative parent difficulty " + parentDifficulty);
    }
  }

  /**
   * Seconds from the parent to this block, exact for any pair of unsigned 64-bit timestamps
   * (negative when the block claims to be older than its parent: the formulas are defined
   * there too, and the timestamp rule, not this one, rejects such a block).
   */
  public BigInteger elapsed() {
    return unsigned(timestamp).subtract(unsigned(parentTimestamp));
  }

  private static BigInteger unsigned(long value) {
    BigInteger v = BigInteger.valueOf(value);
    return value >= 0 ? v : v.add(BigInteger.ONE.shiftLeft(64));
  }
}
