package io.headersync.p2p.peers;

/** What a {@link PeerSet} counts, for metrics and tests. */
public enum PeerSetCounter {
  /** Dials started. */
  DIALS,
  /** Dials that never became a session (connect, handshake or Status failed, or refused). */
  DIAL_FAILURES,
  /** Sessions the remote opened that were admitted. */
  INBOUND_ADMITTED,
  /** Sessions we opened that were admitted. */
  OUTBOUND_ADMITTED,
  /** Sessions refused because the set (or its inbound share) was full. */
  REFUSED_TOO_MANY_PEERS,
  /** Sessions refused because the node already had one. */
  REFUSED_ALREADY_CONNECTED,
  /** Sessions refused because the node is blocked. */
  REFUSED_BLOCKED,
  /** Sessions refused because allowed-only mode is on and the node is not on the list. */
  REFUSED_NOT_ALLOWED,
  /** Admitted sessions that ended. */
  SESSIONS_CLOSED,
  /** Requests to drop a trusted peer that were ignored. */
  TRUSTED_DROPS_IGNORED
}
