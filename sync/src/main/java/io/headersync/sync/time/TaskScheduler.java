package io.headersync.sync.time;

import java.time.Duration;

/**
 * The event loop sync code runs on: every task, whether scheduled for later or handed over now,
 * runs on one thread, one at a time, in order of due time and then of submission. That is what
 * lets strategies and the request scheduler be plain single-threaded state machines.
 *
 * <p>Transports that receive responses on their own threads hand them over with
 * {@link #execute(Runnable)}.
 */
public interface TaskScheduler {

  /** The clock that decides when scheduled tasks are due. */
  TimeSource timeSource();

  /** Runs {@code task} on the loop once {@code delay} has passed (zero or negative: as soon as possible). */
  Cancellable schedule(Duration delay, Runnable task);

  /** Runs {@code task} on the loop after the tasks already due. */
  default void execute(Runnable task) {
    schedule(Duration.ZERO, task);
  }
}
