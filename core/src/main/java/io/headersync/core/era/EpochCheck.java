package io.headersync.core.era;

import io.headersync.core.bytes.Hash;

/** The outcome of checking an epoch root against the pre-merge historical accumulator. */
public sealed interface EpochCheck {

  /** The epoch checked. */
  int epoch();

  /** True only for {@link Verified}. */
  default boolean verified() {
    return this instanceof Verified;
  }

  /** Returns quietly when verified, else throws an exception that says why. */
  default void orThrow() throws AccumulatorMismatchException {
    if (!verified()) {
      throw new AccumulatorMismatchException(this);
    }
  }

  /** The root equals the accumulator's entry for the epoch. */
  record Verified(int epoch, Hash root) implements EpochCheck {}

  /** The accumulator has an entry for the epoch, and it differs. */
  record Mismatch(int epoch, Hash expected, Hash found) implements EpochCheck {}

  /** The epoch is not in the accumulator (after the merge, or negative). */
  record OutsideAccumulator(int epoch, int epochCount) implements EpochCheck {}

  /** A one-line explanation, for logs and exceptions. */
  default String describe() {
    return switch (this) {
      case Verified v -> "epoch " + v.epoch() + " root " + v.root() + " matches the historical accumulator";
      case Mismatch m -> "epoch " + m.epoch() + " root " + m.found() + " does not match the historical accumulator's "
          + m.expected();
      case OutsideAccumulator o -> "epoch " + o.epoch() + " is outside the historical accumulator (epochs 0.."
          + (o.epochCount() - 1) + ")";
    };
  }
}
