package io.headersync.p2p.rlpx;

import io.headersync.sync.api.DisconnectReason;

/**
 * The one error an RLPx decoder throws for bad input from a peer: a handshake message that does
 * not decrypt or parse, a frame whose MAC fails, a size over a cap, a malformed base-protocol
 * message. The reason says what went wrong and which Disconnect reason the session sends for it.
 */
public final class RlpxException extends RuntimeException {

  /** What went wrong, each with the Disconnect reason it earns. */
  public enum Reason {
    /** A handshake message's size prefix is below the smallest possible message or above the cap. */
    HANDSHAKE_SIZE(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A handshake message did not decrypt (ECIES tag, key not on the curve). */
    HANDSHAKE_DECRYPT(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A decrypted handshake message is not the auth or ack body it should be. */
    HANDSHAKE_MALFORMED(DisconnectReason.BREACH_OF_PROTOCOL),
    /** The auth signature does not recover an ephemeral key. */
    HANDSHAKE_SIGNATURE(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A frame's header MAC or body MAC does not match. */
    BAD_MAC(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A frame header announces more bytes than the frame cap. */
    FRAME_TOO_LARGE(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A frame's content is not {@code msg-id ‖ msg-data}. */
    MALFORMED_FRAME(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A message would decompress to more bytes than the message cap. */
    MESSAGE_TOO_LARGE(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A compressed message is not valid snappy. */
    BAD_COMPRESSION(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A base-protocol message (Hello, Disconnect, Ping, Pong) that does not parse. */
    MALFORMED_MESSAGE(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A message not allowed at this point (anything but Hello or Disconnect before Hello). */
    UNEXPECTED_MESSAGE(DisconnectReason.BREACH_OF_PROTOCOL),
    /** Base-protocol messages (Ping, Pong, unassigned codes) beyond the session's rate limit. */
    BASE_MESSAGE_FLOOD(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A message code beyond every negotiated capability. */
    UNKNOWN_MESSAGE_CODE(DisconnectReason.BREACH_OF_PROTOCOL),
    /** The Hello names another node than the handshake authenticated. */
    UNEXPECTED_IDENTITY(DisconnectReason.UNEXPECTED_IDENTITY),
    /** The Hello carries an all-zero node id. */
    NULL_IDENTITY(DisconnectReason.NULL_NODE_IDENTITY),
    /** The remote is this node. */
    CONNECTED_TO_SELF(DisconnectReason.CONNECTED_TO_SELF),
    /** No capability in common. */
    NO_SHARED_CAPABILITY(DisconnectReason.USELESS_PEER);

    private final DisconnectReason disconnectReason;

    Reason(DisconnectReason disconnectReason) {
      this.disconnectReason = disconnectReason;
    }

    /** The reason sent in the Disconnect that follows this error. */
    public DisconnectReason disconnectReason() {
      return disconnectReason;
    }
  }

  private final Reason reason;

  public RlpxException(Reason reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  public RlpxException(Reason reason, String detail, Throwable cause) {
    super(reason + ": " + detail, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public DisconnectReason disconnectReason() {
    return reason.disconnectReason();
  }
}
