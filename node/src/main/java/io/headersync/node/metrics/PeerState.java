package io.headersync.node.metrics;

import io.headersync.sync.peers.PeerView;

/** The states {@link NodeMetric#PEERS} counts connected peers by. */
public enum PeerState {
  /** Nothing in flight: free for the next request. */
  IDLE("idle"),
  /** Requests in flight. */
  BUSY("busy"),
  /** A recent bad answer keeps it at the back of the line. */
  FLAGGED_BAD("flagged_bad");

  private final String label;

  PeerState(String label) {
    this.label = label;
  }

  /** The value of the {@code state} label. */
  public String label() {
    return label;
  }

  /** The state of one peer as the scheduler sees it; a flagged peer counts as flagged even while busy. */
  public static PeerState of(PeerView view) {
    if (view.flaggedBad()) {
      return FLAGGED_BAD;
    }
    return view.inFlight() > 0 ? BUSY : IDLE;
  }
}
