package io.headersync.sync.api;

/** Why a peer is dropped, with the devp2p Disconnect reason code a transport sends. */
public enum DisconnectReason {
  REQUESTED(0x00),
  NETWORK_ERROR(0x01),
  BREACH_OF_PROTOCOL(0x02),
  USELESS_PEER(0x03),
  TOO_MANY_PEERS(0x04),
  ALREADY_CONNECTED(0x05),
  INCOMPATIBLE_VERSION(0x06),
  NULL_NODE_IDENTITY(0x07),
  CLIENT_QUITTING(0x08),
  UNEXPECTED_IDENTITY(0x09),
  CONNECTED_TO_SELF(0x0a),
  TIMEOUT(0x0b),
  SUBPROTOCOL_ERROR(0x10);

  private final int code;

  DisconnectReason(int code) {
    this.code = code;
  }

  /** The reason code on the wire. */
  public int code() {
    return code;
  }
}
