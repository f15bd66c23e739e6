package io.headersync.node.progress;

import java.io.Console;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Reports a long run's progress: items done (against a total when known), the block reached, the
 * rate over a moving window and the time left. The run calls {@link #update} as often as it likes;
 * the reporter shows at most one update per redraw interval on a terminal, one per log interval
 * otherwise, so short runs stay silent in logs. Calls must come from one thread.
 */
public final class ProgressReporter {

  private final String what;
  private final ProgressOutput output;
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private final long started;
  private final RateWindow rate;
  private long lastShown;
  private OptionalLong total = OptionalLong.empty();
  private long done;
  private OptionalLong at = OptionalLong.empty();
  private boolean shownOnce;

  public ProgressReporter(String what, ProgressConfig config, ProgressOutput output, LongSupplier nanoClock) {
    this.what = Objects.requireNonNull(what, "what");
    this.output = Objects.requireNonNull(output, "output");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.intervalNanos = (output.redraws() ? config.redrawInterval() : config.logInterval()).toNanos();
    this.rate = new RateWindow(config.rateWindow().toNanos(), Math.min(config.rateWindow().toNanos(),
        Math.max(1, config.rateWindow().toNanos() / 64)));
    this.started = nanoClock.getAsLong();
    this.lastShown = started;
    rate.record(started, 0);
  }

  /**
   * A reporter for the process's console: a bar when standard output and error are a terminal
   * (someone is watching), plain log lines otherwise.
   */
  public static ProgressReporter forConsole(String what, ProgressConfig config) {
    ProgressOutput out = isTerminal() ? ProgressOutput.bar(System.err) : ProgressOutput.logLines();
    return new ProgressReporter(what, config, out, System::nanoTime);
  }

  /** A reporter that shows nothing but still measures (benchmarks, tests). */
  public static ProgressReporter silent(String what) {
    return new ProgressReporter(what, ProgressConfig.DEFAULT, ProgressOutput.none(), System::nanoTime);
  }

  /**
   * Whether a person is watching: {@link System#console()} is non-null only when the standard
   * streams are a terminal; on newer JDKs, which may return a console for redirected streams too,
   * its {@code isTerminal()} decides.
   */
  static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // Java 21: a non-null console is a terminal
    }
  }

  /** Sets (or corrects) the total, once it is known. */
  public void total(long items) {
    this.total = OptionalLong.of(items);
  }

  /** Items done so far and the block reached. */
  public void update(long itemsDone, long block) {
    this.at = OptionalLong.of(block);
    update(itemsDone);
  }

  /** Items done so far. */
  public void update(long itemsDone) {
    this.done = itemsDone;
    long now = nanoClock.getAsLong();
    rate.record(now, itemsDone);
    if (now - lastShown >= intervalNanos) {
      lastShown = now;
      shownOnce = true;
      output.show(snapshot(now), false);
    }
  }

  /** Shows a line now (a warning during the run). */
  public void note(String line) {
    output.note(what, line);
  }

  /**
   * Ends the run: a bar shows its final state and leaves the line; log lines add a last line only if
   * the run was long enough to have shown one, so short runs stay silent.
   */
  public void finish() {
    if (shownOnce || output.redraws()) {
      output.show(snapshot(nanoClock.getAsLong()), true);
    }
  }

  /** Where the run stands now. */
  public ProgressSnapshot snapshot() {
    return snapshot(nanoClock.getAsLong());
  }

  private ProgressSnapshot snapshot(long now) {
    return new ProgressSnapshot(what, done, total, at, rate.perSecond(), Duration.ofNanos(now - started));
  }

  /** Seconds since the reporter was made. */
  public double elapsedSeconds() {
    return (nanoClock.getAsLong() - started) / 1e9;
  }
}
