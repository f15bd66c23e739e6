package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeId;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;

/**
 * One sub-protocol's view of an established RLPx session (after the handshake and Hello): the
 * capability agreed for it and a way to send its messages. Message codes are the sub-protocol's
 * own (eth Status is 0x00), the session adds the offset negotiated in Hello.
 *
 * <p>Thread-safe: {@code send} may be called from any thread; messages go out in call order.
 */
public interface ProtocolChannel {

  NodeId remoteId();

  /** The capability negotiated for this sub-protocol, such as {@code eth/69}. */
  Capability capability();

  /** The remote's client name from its Hello, for logs and {@code admin_peers}. */
  String remoteClientId();

  /** The remote's address, as {@code host:port}. */
  String remoteAddress();

  /** Whether the remote dialled us. */
  boolean inbound();

  /**
   * Sends one message; the session compresses it (p2p version 5) and frames it.
   *
   * @param code the sub-protocol's own message code
   * @param payload the message's RLP, uncompressed
   */
  void send(int code, byte[] payload);

  /** Sends a Disconnect with {@code reason} (and logs it), then closes the session. */
  void disconnect(DisconnectReason reason);

  boolean isOpen();
}
