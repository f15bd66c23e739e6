package io.headersync.sync.api;

/**
 * What a transport tells sync about its peers, on the sync event loop. The request scheduler
 * listens to learn which peers it may use; the tip tracker listens for announcements.
 */
public interface PeerSetListener {

  /** A peer finished its handshake and can take requests. */
  void peerConnected(PeerHandle peer);

  /** The peer is gone; its pending requests have ended or will end with a disconnect error. */
  void peerDisconnected(PeerId peer, DisconnectReason reason);

  /** The peer's claim about its chain changed; {@link PeerHandle#chainState()} already answers the new one. */
  default void peerChainStateChanged(PeerId peer, PeerChainState state) {}

  /** The peer announced a block. */
  default void blockAnnounced(PeerId peer, BlockAnnouncement announcement) {}
}
