package io.headersync.sync.peers;

/** Everything the {@link RequestScheduler} counts. */
public enum SchedulerCounter {
  /** Requests handed to the scheduler by their owners. */
  REQUESTS_SUBMITTED,
  /** Requests sent to a peer, first attempts and retries alike. */
  REQUESTS_SENT,
  /** Answers that passed the checks and went to the owner (partial ones included). */
  RESPONSES_GOOD,
  /** Good answers with fewer items than asked. */
  RESPONSES_PARTIAL,
  /** Empty answers. */
  RESPONSES_EMPTY,
  /** Answers to a different question (wrong origin, gaps, out of order, broken links, too many). */
  RESPONSES_INVALID,
  /** Answers that came after their time-out or after the request was withdrawn. */
  RESPONSES_LATE,
  /** Answers the transport could not decode. */
  MALFORMED_MESSAGES,
  /** Requests that ended because their peer disconnected. */
  DISCONNECTS_MID_REQUEST,
  /** Requests that ran out of time. */
  TIMEOUTS,
  /** Requests put back in the queue for another attempt. */
  RETRIES,
  /** Requests that ended with a failure to their owner. */
  REQUESTS_FAILED,
  /** Requests withdrawn by their owner. */
  REQUESTS_CANCELLED,
  /** Offences reported by callers after checking an answer themselves. */
  PEER_REPORTS,
  /** Peers banned. */
  BANS,
  /** Connections refused because the peer was blocked, not allowed, or banned. */
  CONNECTIONS_REJECTED
}
