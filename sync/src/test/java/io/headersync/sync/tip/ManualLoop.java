package io.headersync.sync.tip;

import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import io.headersync.sync.time.TimeSource;
import java.time.Duration;
import java.util.PriorityQueue;

/** An event loop whose clock moves only when the test moves it. */
final class ManualLoop implements TaskScheduler, TimeSource {

  private record Task(long due, long seq, Runnable body, boolean[] cancelled) {}

  private final PriorityQueue<Task> tasks = new PriorityQueue<>(
      (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private long now = 5_000_000_000L;
  private long seq;

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
    boolean[] cancelled = {false};
    tasks.add(new Task(now + Math.max(0, delay.toNanos()), seq++, task, cancelled));
    return () -> {
      boolean was = !cancelled[0];
      cancelled[0] = true;
      return was;
    };
  }

  /** Moves the clock by {@code d}, running every task that falls due on the way. */
  void advance(Duration d) {
    long end = now + d.toNanos();
    while (!tasks.isEmpty() && tasks.peek().due <= end) {
      Task t = tasks.poll();
      now = Math.max(now, t.due);
      if (!t.cancelled[0]) {
        t.body.run();
      }
    }
    now = end;
  }

  void runDue() {
    advance(Duration.ZERO);
  }
}
