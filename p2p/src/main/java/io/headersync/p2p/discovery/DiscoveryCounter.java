package io.headersync.p2p.discovery;

/** What the discovery protocol counts, for metrics and tests. */
public enum DiscoveryCounter {
  /** Datagrams that arrived. */
  RECEIVED,
  /** Datagrams sent. */
  SENT,
  /** Datagrams that were not valid discv4 packets (any {@code PacketException} reason). */
  MALFORMED,
  /** Packets whose expiration lay in the past. */
  EXPIRED,
  /** Pongs, Neighbors and ENRResponses that answered nothing we asked (or came from the wrong node). */
  UNSOLICITED,
  /** FindNode and ENRRequest from endpoints without a recent endpoint proof (not answered, or answered only after one). */
  UNBONDED_QUERY,
  /** Queries not answered because their source address exceeded its answer rate. */
  RATE_LIMITED,
  /** ENRResponses whose record was signed by another key than the packet's. */
  RECORD_MISMATCH,
  /** Requests that timed out without an answer. */
  TIMEOUT
}
