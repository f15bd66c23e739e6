package io.headersync.p2p.peers;

import java.util.Map;

/**
 * A peer set at one moment: sessions by direction, how many of them are trusted, how many speak
 * eth (their Status was accepted), dials in progress, candidates waiting, and the counters.
 */
public record PeerSetSnapshot(
    int inbound, int outbound, int trusted, int ethPeers, int dialing, int candidates, Map<PeerSetCounter, Long> counters) {

  public PeerSetSnapshot {
    counters = Map.copyOf(counters);
  }

  /** Every admitted session. */
  public int sessions() {
    return inbound + outbound;
  }

  public long counter(PeerSetCounter c) {
    return counters.getOrDefault(c, 0L);
  }
}
