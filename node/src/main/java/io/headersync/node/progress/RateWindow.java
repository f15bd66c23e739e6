package io.headersync.node.progress;

import java.util.ArrayDeque;

/**
 * The rate of a growing count over the last {@code window} of time: readings older than the window
 * are dropped, so the rate follows a run that speeds up or slows down instead of averaging over
 * its whole life. Holds at most one reading per {@code resolution}, so memory is bounded
 * whatever the call rate.
 */
final class RateWindow {

  private record Reading(long nanos, long count) {}

  private final long windowNanos;
  private final long resolutionNanos;
  private final ArrayDeque<Reading> readings = new ArrayDeque<>();

  RateWindow(long windowNanos, long resolutionNanos) {
    if (windowNanos <= 0 || resolutionNanos <= 0 || resolutionNanos > windowNanos) {
      throw new IllegalArgumentException("need 0 < resolution <= window, got " + resolutionNanos + " and " + windowNanos);
    }
    this.windowNanos = windowNanos;
    this.resolutionNanos = resolutionNanos;
  }

  void record(long nanos, long count) {
    if (readings.size() >= 2 && nanos - secondLast().nanos() < resolutionNanos) {
      // Too close to the reading before: move the newest reading forward instead of adding one.
      readings.pollLast();
    }
    readings.addLast(new Reading(nanos, count));
    // Drop the oldest while the next one still spans the whole window, so the rate covers the window.
    while (readings.size() > 2 && nanos - second().nanos() >= windowNanos) {
      readings.pollFirst();
    }
  }

  private Reading second() {
    var it = readings.iterator();
    it.next();
    return it.next();
  }

  private Reading secondLast() {
    var it = readings.descendingIterator();
    it.next();
    return it.next();
  }

  /** Items per second over the window, or 0 until two readings far enough apart exist. */
  double perSecond() {
    Reading first = readings.peekFirst();
    Reading last = readings.peekLast();
    if (first == null || last == first || last.nanos() <= first.nanos()) {
      return 0;
    }
    return (last.count() - first.count()) * 1e9 / (last.nanos() - first.nanos());
  }
}
