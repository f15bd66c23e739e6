package io.headersync.sync.peers;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * One peer's round-trip estimate and the time-out derived from it, after RFC 6298: a smoothed
 * round-trip (gain 1/8) and a smoothed variation (gain 1/4); time-out = smoothed + k × variation,
 * clamped to the configured bounds. Each time-out doubles the current time-out (up to the upper
 * bound) until the next answer, so a peer that suddenly slows down is not hammered with requests
 * that cannot succeed.
 */
public final class RttEstimator {

  private final long minTimeoutNanos;
  private final long maxTimeoutNanos;
  private final int varianceFactor;

  private long smoothed = -1;
  private long variation;
  private long timeout;

  public RttEstimator(SchedulerConfig config) {
    this.minTimeoutNanos = config.minTimeout().toNanos();
    this.maxTimeoutNanos = config.maxTimeout().toNanos();
    this.varianceFactor = config.rttVarianceFactor();
    this.timeout = config.initialTimeout().toNanos();
  }

  /** Takes one measured round-trip, in nanoseconds. */
  public void sample(long rttNanos) {
    long r = Math.max(0, rttNanos);
    if (smoothed < 0) {
      smoothed = r;
      variation = r / 2;
    } else {
      variation += (Math.abs(smoothed - r) - variation) / 4;
      smoothed += (r - smoothed) / 8;
    }
    timeout = clamp(smoothed + varianceFactor * variation);
  }

  /** Records a time-out: the next request gets twice as long, within the upper bound. */
  public void backOff() {
    timeout = clamp(timeout > maxTimeoutNanos / 2 ? maxTimeoutNanos : timeout * 2);
  }

  public long timeoutNanos() {
    return timeout;
  }

  public Duration timeout() {
    return Duration.ofNanos(timeout);
  }

  /** The smoothed round-trip, once at least one sample was taken. */
  public OptionalLong smoothedNanos() {
    return smoothed < 0 ? OptionalLong.empty() : OptionalLong.of(smoothed);
  }

  private long clamp(long nanos) {
    return Math.min(maxTimeoutNanos, Math.max(minTimeoutNanos, nanos));
  }
}
