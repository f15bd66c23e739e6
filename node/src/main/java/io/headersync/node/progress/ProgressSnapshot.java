package io.headersync.node.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a run stands.
 *
 * @param what the run's name, first on every line ({@code import}, {@code export}, {@code sync})
 * @param done items done
 * @param total items in all, when known
 * @param at the block reached, when the run follows block numbers
 * @param perSecond items per second over the rate window
 * @param elapsed time since the run started
 */
public record ProgressSnapshot(String what, long done, OptionalLong total, OptionalLong at, double perSecond,
    Duration elapsed) {

  /** Time left at the current rate, when the total is known and the rate is not zero. */
  public Optional<Duration> eta() {
    if (total.isEmpty() || perSecond <= 0) {
      return Optional.empty();
    }
    long left = Math.max(0, total.getAsLong() - done);
    return Optional.of(Duration.ofMillis((long) Math.ceil(left * 1000.0 / perSecond)));
  }

  /** Fraction done, between 0 and 1, when the total is known. */
  public Optional<Double> fraction() {
    if (total.isEmpty()) {
      return Optional.empty();
    }
    long t = total.getAsLong();
    return Optional.of(t <= 0 ? 1.0 : Math.min(1.0, Math.max(0.0, (double) done / t)));
  }

  /** The plain line: "import: 8,192/16,384 headers (50.0%), at block 8,191, 2,345 headers/s, 4s left". */
  public String line() {
    StringBuilder sb = new StringBuilder(what).append(": ").append(String.format(Locale.ROOT, "%,d", done));
    total.ifPresent(t -> sb.append(String.format(Locale.ROOT, "/%,d", t)));
    sb.append(" headers");
    fraction().ifPresent(f -> sb.append(String.format(Locale.ROOT, " (%.1f%%)", f * 100)));
    at.ifPresent(n -> sb.append(String.format(Locale.ROOT, ", at block %,d", n)));
    sb.append(String.format(Locale.ROOT, ", %,.0f headers/s", perSecond));
    eta().ifPresent(e -> sb.append(", ").append(duration(e)).append(" left"));
    return sb.toString();
  }

  /** "1h02m", "4m05s", "7s": short enough for a bar. */
  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }
}
