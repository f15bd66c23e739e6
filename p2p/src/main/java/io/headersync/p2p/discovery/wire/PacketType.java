package io.headersync.p2p.discovery.wire;

/** The discv4 packet types and their type bytes. */
public enum PacketType {
  PING(0x01),
  PONG(0x02),
  FIND_NODE(0x03),
  NEIGHBORS(0x04),
  ENR_REQUEST(0x05),
  ENR_RESPONSE(0x06);

  private final int code;

  PacketType(int code) {
    this.code = code;
  }

  /** The byte that follows the signature on the wire. */
  public int code() {
    return code;
  }

  /** The type for a type byte, or null when discv4 defines none (such packets are dropped). */
  public static PacketType ofCode(int code) {
    for (PacketType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
