package io.headersync.sync.api;

import java.util.Objects;

/**
 * Why a request submitted to a client ended without an answer.
 *
 * @param attempts how many times it was sent to a peer
 */
public record RequestFailure(Reason reason, int attempts, String detail) {

  public enum Reason {
    /** Every attempt timed out or was answered badly, and the retry budget is spent. */
    RETRIES_EXHAUSTED,
    /** No connected peer could take it within the queue's waiting limit. */
    NO_SUITABLE_PEER,
    /** The queue is at its configured bound. */
    QUEUE_FULL,
    /** The client was shut down. */
    SHUT_DOWN
  }

  public RequestFailure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return reason + " after " + attempts + " attempt(s): " + detail;
  }
}
