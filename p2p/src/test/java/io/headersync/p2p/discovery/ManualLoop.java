package io.headersync.p2p.discovery;

import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import io.headersync.sync.time.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Virtual time for protocol tests: tasks run on the test thread in due order when the test moves
 * the clock; the wall {@link #clock()} moves with it, so packet expiry follows virtual time too.
 */
final class ManualLoop implements TaskScheduler, TimeSource {

  private record Task(long due, long seq, Runnable body) {}

  private final PriorityQueue<Task> tasks = new PriorityQueue<>(Comparator.comparingLong(Task::due).thenComparingLong(Task::seq));
  private final Instant wallStart;
  private long now = Duration.ofSeconds(1).toNanos();
  private long seq;

  ManualLoop(Instant wallStart) {
    this.wallStart = wallStart;
  }

  @Override
  public TimeSource timeSource() {
    return this;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(now + Math.max(0, delay.toNanos()), seq++, task);
    tasks.add(t);
    return () -> tasks.remove(t);
  }

  /** Runs everything due now, including what those tasks schedule for now. */
  void runDue() {
    advance(Duration.ZERO);
  }

  void advance(Duration by) {
    long end = now + by.toNanos();
    while (!tasks.isEmpty() && tasks.peek().due() <= end) {
      Task t = tasks.poll();
      now = Math.max(now, t.due());
      t.body().run();
    }
    now = end;
  }

  /** A wall clock that reads the start instant plus the virtual time elapsed. */
  Clock clock() {
    long origin = now;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return wallStart.plusNanos(now - origin);
      }
    };
  }
}
