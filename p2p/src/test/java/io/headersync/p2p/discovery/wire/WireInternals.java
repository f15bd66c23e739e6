package io.headersync.p2p.discovery.wire;

/**
 * Test-only door to the discv4 field decoder for the fuzz suite in {@code io.headersync.p2p.fuzz}:
 * the part of {@link PacketCodec#decode} after the hash and signature checks, which random bytes
 * would never pass. Nothing here is used by production code.
 */
public final class WireInternals {

  private WireInternals() {}

  public static Packet decodeData(PacketType type, byte[] data, int offset, int length) throws PacketException {
    return PacketCodec.decodeData(type, data, offset, length);
  }
}
