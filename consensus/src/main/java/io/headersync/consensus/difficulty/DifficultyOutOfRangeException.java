package io.headersync.consensus.difficulty;

/**
 * The difficulty of a block is too large to compute: its number puts the bomb's exponent past
 * {@link DifficultyBomb#MAX_EXPONENT}. No proof of work can meet such a difficulty, so the
 * header rules treat this as an invalid block number for the chain, not as a crash.
 */
public final class DifficultyOutOfRangeException extends ArithmeticException {

  private final long number;
  private final long exponent;

  public DifficultyOutOfRangeException(long number, long exponent, long maxExponent) {
    super("block " + number + ": difficulty bomb exponent " + exponent + " exceeds the computable maximum " + maxExponent);
    this.number = number;
    this.exponent = exponent;
  }

  public long number() {
    return number;
  }

  public long exponent() {
    return exponent;
  }
}
