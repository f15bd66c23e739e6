package io.headersync.sync.testing;

import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import io.headersync.sync.time.TimeSource;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * An event loop and clock whose time moves only when the test says so. Tasks run on the test's own
 * thread, in order of due time and then of submission, as {@link TaskScheduler} promises; a task
 * that schedules more work for a moment already reached sees that work run in the same call.
 *
 * <p>The clock starts away from zero so that code mistaking a zero timestamp for "never" shows up.
 */
public final class ManualScheduler implements TaskScheduler, TimeSource {

  private static final Duration DEFAULT_START = Duration.ofSeconds(1);

  // seq is unique, so record equality singles out one scheduled task for removal.
  private record Task(long due, long seq, Runnable body) {}

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparingLong(Task::due).thenComparingLong(Task::seq));
  private long now;
  private long seq;

  /** A loop whose clock reads one second. */
  public ManualScheduler() {
    this(DEFAULT_START);
  }

  /** A loop whose clock reads {@code start}. */
  public ManualScheduler(Duration start) {
    this.now = start.toNanos();
  }

  @Override
  public TimeSource timeSource() {
    return this;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  /** The returned handle answers true only when it took the task off the loop before it ran. */
  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(now + Math.max(0, delay.toNanos()), seq++, task);
    tasks.add(t);
    return () -> tasks.remove(t);
  }

  /** Moves the clock forward by {@code by}, running every task that falls due on the way. */
  public void advance(Duration by) {
    long end = now + by.toNanos();
    runTasksDueBy(end);
    now = end;
  }

  /** {@link #advance(Duration)} by {@code millis} milliseconds. */
  public void advanceMillis(long millis) {
    advance(Duration.ofMillis(millis));
  }

  /** Runs what is due now, including what those tasks schedule for now; the clock stays put. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /**
   * Runs tasks until none is left or the next one is due more than {@code limit} from now. Unlike
   * {@link #advance(Duration)} the clock stops at the last task run, not at the limit.
   */
  public void runUntilIdle(Duration limit) {
    runTasksDueBy(now + limit.toNanos());
  }

  /** True when no task is waiting, whether due or not. */
  public boolean isIdle() {
    return tasks.isEmpty();
  }

  private void runTasksDueBy(long end) {
    while (!tasks.isEmpty() && tasks.peek().due() <= end) {
      Task t = tasks.poll();
      now = Math.max(now, t.due());
      t.body().run();
    }
  }
}
