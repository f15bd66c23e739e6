package io.headersync.sync.time;

/** A scheduled task that may still be called off. */
@FunctionalInterface
public interface Cancellable {

  /** A handle for work that is already done or was never scheduled; cancelling it does nothing. */
  Cancellable NONE = () -> false;

  /**
   * Stops the task if it has not run yet.
   *
   * @return true when this call prevented the task from running
   */
  boolean cancel();
}
