package io.headersync.sync.time;

/**
 * A monotonic clock. Sync code reads time only through this interface, so that a simulation can
 * run on virtual time and replay a run exactly.
 */
@FunctionalInterface
public interface TimeSource {

  /**
   * Nanoseconds since an arbitrary fixed origin. Only differences are meaningful; the value never
   * decreases.
   */
  long nanoTime();
}
