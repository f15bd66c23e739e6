package io.headersync.testkit.sim;

/**
 * How much a simulated peer puts in one answer, as real clients do: at most {@code maxHeaders}
 * headers or {@code maxBodies} bodies, and it stops adding items once the answer would pass
 * {@code maxBytes} (always sending at least one).
 */
public record ServeLimits(int maxHeaders, int maxBodies, long maxBytes) {

  /** 1024 headers or bodies and 2 MiB, the limits of the common execution clients. */
  public static final ServeLimits DEFAULT = new ServeLimits(1024, 1024, 2L * 1024 * 1024);

  public ServeLimits {
    if (maxHeaders < 1 || maxBodies < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("serve limits must be positive");
    }
  }
}
