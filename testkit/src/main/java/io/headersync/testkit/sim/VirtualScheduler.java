package io.headersync.testkit.sim;

import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import io.headersync.sync.time.TimeSource;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Virtual time and the event loop of a simulation. Events run in order of due time, then of
 * scheduling; time jumps from one event to the next, so an hour of network time costs only the
 * work done in it. Each event run (and each {@link #note}) is written to the {@link EventTrace},
 * which makes two runs comparable event for event.
 *
 * <p>Single-threaded: everything, sync code included, runs inside {@link #step()}.
 */
public final class VirtualScheduler implements TaskScheduler, TimeSource {

  private static final class Event {
    final long due;
    final long seq;
    final String label;
    final Runnable body;
    boolean cancelled;

    Event(long due, long seq, String label, Runnable body) {
      this.due = due;
      this.seq = seq;
      this.label = label;
      this.body = body;
    }
  }

  private final PriorityQueue<Event> queue = new PriorityQueue<>(
      (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private final EventTrace trace;
  private long now;
  private long seq;
  private long eventsRun;

  public VirtualScheduler(EventTrace trace) {
    this.trace = trace;
  }

  @Override
  public TimeSource timeSource() {
    return this;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  public Duration elapsed() {
    return Duration.ofNanos(now);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return schedule(delay, "task", task);
  }

  /** Schedules {@code task}; {@code label} is what the trace records when it runs. */
  public Cancellable schedule(Duration delay, String label, Runnable task) {
    Event e = new Event(now + Math.max(0, delay.toNanos()), seq++, label, task);
    queue.add(e);
    return () -> {
      boolean was = !e.cancelled;
      e.cancelled = true; // left in the queue and skipped: removal from a heap is linear
      return was;
    };
  }

  /** Records something that happened inside the current event. */
  public void note(String label) {
    trace.record(now, label);
  }

  /** Runs the next event; false when there is none. */
  public boolean step() {
    Event e;
    do {
      e = queue.poll();
      if (e == null) {
        return false;
      }
    } while (e.cancelled);
    now = e.due;
    eventsRun++;
    trace.record(now, e.label);
    e.body.run();
    return true;
  }

  /** Runs events until none is left. */
  public void runUntilIdle(long maxEvents) {
    long limit = eventsRun + maxEvents;
    while (step()) {
      if (eventsRun >= limit) {
        throw new IllegalStateException("still busy after " + maxEvents + " events at " + elapsed());
      }
    }
  }

  /** Runs events due within {@code duration} from now, then sets the clock to its end. */
  public void runFor(Duration duration) {
    long end = now + duration.toNanos();
    while (true) {
      Event next = peekLive();
      if (next == null || next.due > end) {
        break;
      }
      step();
    }
    now = end;
  }

  /** Runs events until {@code done} holds or {@code limit} of virtual time has passed; answers {@code done}. */
  public boolean runUntil(BooleanSupplier done, Duration limit) {
    long end = now + limit.toNanos();
    while (!done.getAsBoolean()) {
      Event next = peekLive();
      if (next == null || next.due > end) {
        return done.getAsBoolean();
      }
      step();
    }
    return true;
  }

  public long eventsRun() {
    return eventsRun;
  }

  private Event peekLive() {
    Event e = queue.peek();
    while (e != null && e.cancelled) {
      queue.poll();
      e = queue.peek();
    }
    return e;
  }
}
