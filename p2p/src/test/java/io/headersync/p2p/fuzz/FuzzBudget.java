package io.headersync.p2p.fuzz;

/**
 * How many inputs the suite generates and from which seed. The default, one million inputs over
 * the decoders, is what every build runs; {@code -Dheadersync.fuzz.inputs=N} scales every
 * decoder's share to a total of N (a long campaign, or a quick look), {@code -Dheadersync.fuzz.seed}
 * picks another stream of inputs (a failure prints the seed that reproduces it).
 */
final class FuzzBudget {

  static final long DEFAULT_INPUTS = 1_000_000;
  static final long DEFAULT_SEED = 0x5EED_2025L;

  private FuzzBudget() {}

  static long total() {
    return Long.getLong("headersync.fuzz.inputs", DEFAULT_INPUTS);
  }

  static long seed() {
    return Long.getLong("headersync.fuzz.seed", DEFAULT_SEED);
  }

  /** A decoder's share of the total, at least one input. */
  static long share(double fraction) {
    return Math.max(1, (long) Math.ceil(total() * fraction));
  }
}
