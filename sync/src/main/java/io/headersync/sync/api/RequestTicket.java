package io.headersync.sync.api;

/** A submitted request, which its owner may call off. */
public interface RequestTicket {

  /** An id unique within the client that issued it, for logs and traces. */
  long id();

  /**
   * Withdraws the request: its listener is not called any more, and an answer still in flight is
   * dropped when it arrives.
   *
   * @return true when the request was still pending
   */
  boolean cancel();
}
