package io.headersync.testkit.sim;

import java.util.function.LongConsumer;

/**
 * Runs a simulation scenario over many seeds and makes a failure reproducible: the failing seed is
 * printed and put in the error, and setting the system property {@value #PROPERTY} runs that seed
 * alone. A seed that once failed belongs in a regression test as a fixed seed.
 */
public final class Seeds {

  /** System property naming the one seed to run. */
  public static final String PROPERTY = "headersync.sim.seed";

  private Seeds() {}

  /** Runs {@code scenario} for seeds {@code first .. first + count - 1}, or only the seed the property names. */
  public static void forEach(long first, int count, LongConsumer scenario) {
    String only = System.getProperty(PROPERTY);
    if (only != null && !only.isBlank()) {
      runOne(Long.decode(only.trim()), scenario);
      return;
    }
    for (long seed = first; seed < first + count; seed++) {
      runOne(seed, scenario);
    }
  }

  /** Runs one seed, naming it if the scenario fails. */
  public static void runOne(long seed, LongConsumer scenario) {
    try {
      scenario.accept(seed);
    } catch (RuntimeException | AssertionError e) {
      String message = failureMessage(seed);
      System.err.println(message);
      throw new AssertionError(message + ": " + e.getMessage(), e);
    }
  }

  public static String failureMessage(long seed) {
    return "simulation failed with seed " + seed + "; replay it alone with -D" + PROPERTY + "=" + seed
        + ", and keep it as a regression case";
  }

  /** Mixes a seed and a stream number into an independent seed (SplitMix64's finaliser). */
  public static long mix(long seed, long stream) {
    long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
