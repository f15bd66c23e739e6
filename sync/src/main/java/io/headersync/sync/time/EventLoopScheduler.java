package io.headersync.sync.time;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link TaskScheduler}: one daemon thread on the system clock.
 *
 * <p>A task that throws is reported to the thread's uncaught-exception handler and does not stop
 * the loop; sync code is expected to turn its own failures into events instead of throwing.
 */
public final class EventLoopScheduler implements TaskScheduler, AutoCloseable {

  private final ScheduledThreadPoolExecutor executor;

  public EventLoopScheduler(String threadName) {
    executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread t = new Thread(runnable, threadName);
      t.setDaemon(true);
      return t;
    });
    // Cancelled time-outs are the common case (most requests are answered): drop them at once
    // instead of letting them sit in the queue until they would have fired.
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public TimeSource timeSource() {
    return SystemTimeSource.INSTANCE;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> future = executor.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(guarded(task));
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        Thread current = Thread.currentThread();
        current.getUncaughtExceptionHandler().uncaughtException(current, e);
      }
    };
  }

  /** Stops the loop; tasks not yet run are dropped. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
