package io.headersync.node.progress;

import java.time.Duration;

/**
 * How often and over what window progress is reported.
 *
 * @param logInterval time between plain log lines. 5 s: a journal or CI log stays readable
 *     (twelve lines a minute) while a stall still shows within seconds
 * @param redrawInterval time between redraws of a terminal bar. 200 ms: looks live to a person and
 *     costs nothing next to the work being counted
 * @param rateWindow the span the rate (and so the time left) is measured over. 30 s: long enough
 *     to smooth the bursts of batch commits and of network round trips, short enough to follow a
 *     run that slows down (later blocks are larger) within half a minute
 */
public record ProgressConfig(Duration logInterval, Duration redrawInterval, Duration rateWindow) {

  public static final ProgressConfig DEFAULT =
      new ProgressConfig(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(30));

  public ProgressConfig {
    for (Duration d : new Duration[] {logInterval, redrawInterval, rateWindow}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("progress intervals must be positive, got " + d);
      }
    }
  }

  public ProgressConfig withLogInterval(Duration value) {
    return new ProgressConfig(value, redrawInterval, rateWindow);
  }
}
