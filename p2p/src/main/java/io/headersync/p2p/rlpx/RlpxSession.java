package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeId;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An RLPx session past its handshake and Hello exchange, as a peer set sees it. Thread-safe.
 */
public interface RlpxSession {

  /** The remote's node id, authenticated by the handshake and confirmed by its Hello. */
  NodeId remoteId();

  /** The remote's client name from its Hello. */
  String remoteClientId();

  /** The remote's address, as {@code host:port}. */
  String remoteAddress();

  /** Whether the remote dialled us. */
  boolean inbound();

  /** The remote's base protocol version from its Hello. */
  long remoteP2pVersion();

  /** The capabilities both sides agreed on, in message-code order. */
  List<Capability> capabilities();

  /** The latest Ping to Pong round trip, once one has been measured. */
  Optional<Duration> roundTrip();

  /** Sends a Disconnect with {@code reason} (logged) and closes the session. */
  void disconnect(DisconnectReason reason);

  boolean isOpen();
}
