package io.headersync.node.importer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Reports a long run's progress at most once per interval: headers so far, the block reached,
 * and the rate since the start. Silent on short runs.
 */
public final class Progress {

  private final PrintStream out;
  private final String what;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final long started;
  private long lastReport;

  public Progress(PrintStream out, String what, Duration interval, LongSupplier nanoClock) {
    this.out = out;
    this.what = what;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.started = nanoClock.getAsLong();
    this.lastReport = started;
  }

  /** A reporter on the system's monotonic clock. */
  public static Progress toStderr(String what, Duration interval) {
    return new Progress(System.err, what, interval, System::nanoTime);
  }

  /** Called after each chunk with the running count and the last block number reached. */
  public void update(long headers, long block) {
    long now = nanoClock.getAsLong();
    if (now - lastReport < intervalNanos) {
      return;
    }
    lastReport = now;
    out.printf("%s: %,d headers, at block %,d, %,.0f headers/s%n", what, headers, block, rate(headers, now));
  }

  /** Prints a line at once, whatever the interval. */
  public void note(String line) {
    out.println(what + ": " + line);
  }

  /** Seconds since the reporter was made. */
  public double elapsedSeconds() {
    return (nanoClock.getAsLong() - started) / 1e9;
  }

  private double rate(long headers, long now) {
    double seconds = (now - started) / 1e9;
    return seconds <= 0 ? 0 : headers / seconds;
  }
}
