package io.headersync.node.metrics;

import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Takes a {@link SyncSample} on the sync's event loop once per interval and publishes the latest
 * for scrapes on other threads. Sampling on the loop, instead of reading from the scrape's thread,
 * keeps the single-threaded sync code single-threaded and costs one small snapshot per interval
 * whether or not anyone scrapes.
 */
public final class SyncSampler implements AutoCloseable {

  /** A published sample and when (on the sampler's clock) it was taken. */
  record Published(SyncSample sample, long atNanos) {}

  private final TaskScheduler loop;
  private final Duration interval;
  private final Supplier<SyncSample> probe;
  private final LongSupplier wallNanos;
  private volatile Published latest;
  private volatile boolean closed;
  private Cancellable next = Cancellable.NONE;

  private SyncSampler(TaskScheduler loop, Duration interval, Supplier<SyncSample> probe, LongSupplier wallNanos) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("sample interval must be positive, got " + interval);
    }
    this.loop = Objects.requireNonNull(loop, "loop");
    this.interval = interval;
    this.probe = Objects.requireNonNull(probe, "probe");
    this.wallNanos = Objects.requireNonNull(wallNanos, "wallNanos");
  }

  /**
   * Starts sampling: the first sample is taken as soon as the loop runs it, then one per interval
   * of the loop's own clock.
   *
   * @param wallNanos the clock the samples' age is measured by (the process's monotonic clock in
   *     production; the loop's clock may be virtual)
   */
  public static SyncSampler start(TaskScheduler loop, Duration interval, Supplier<SyncSample> probe, LongSupplier wallNanos) {
    SyncSampler s = new SyncSampler(loop, interval, probe, wallNanos);
    loop.execute(s::tick);
    return s;
  }

  /** The latest sample, empty until the loop has taken one. */
  public Optional<SyncSample> latest() {
    Published p = latest;
    return p == null ? Optional.empty() : Optional.of(p.sample());
  }

  /** Seconds since the latest sample was taken, empty before the first. */
  public Optional<Double> ageSeconds() {
    Published p = latest;
    return p == null ? Optional.empty() : Optional.of((wallNanos.getAsLong() - p.atNanos()) / 1e9);
  }

  private void tick() {
    if (closed) {
      return;
    }
    latest = new Published(probe.get(), wallNanos.getAsLong());
    next = loop.schedule(interval, this::tick);
  }

  /** Stops sampling; the latest sample stays readable. */
  @Override
  public void close() {
    closed = true;
    // Cancelling from another thread may race with the loop rescheduling; the closed flag stops that tick.
    next.cancel();
  }
}
