package io.headersync.p2p.rlpx;

import io.headersync.sync.api.DisconnectReason;

/**
 * A sub-protocol's side of an RLPx session: the session hands it every message of its capability
 * (code relative to the capability's offset, payload already decompressed and within the
 * session's size cap) and tells it once when the session ends.
 *
 * <p>Calls for one session come from one thread at a time and in wire order. A handler that
 * finds a message malformed calls {@link ProtocolChannel#disconnect} with
 * {@link DisconnectReason#BREACH_OF_PROTOCOL}; it must not throw.
 */
public interface ProtocolHandler {

  void onMessage(int code, byte[] payload);

  /**
   * The session is over; called exactly once.
   *
   * @param reason why, as sent or received in the Disconnect (or {@link DisconnectReason#NETWORK_ERROR}
   *     when the connection simply dropped)
   * @param byRemote whether the remote ended it
   */
  void onClosed(DisconnectReason reason, boolean byRemote);
}
