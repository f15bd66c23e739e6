package io.headersync.p2p.rlpx;

import io.netty.buffer.ByteBuf;

/**
 * Cuts one handshake message (auth or ack) off an incoming byte stream, telling the older
 * fixed-size format from EIP-8 as EIP-8 suggests: a packet that starts with {@code 0x04} (the
 * first byte of every pre-EIP-8 ECIES message) is first tried as the fixed-size format; anything
 * else, or a packet that does not decrypt that way, is read as {@code size ‖ body}. The size is
 * checked against the cap before any of the body is awaited.
 *
 * @param <T> what the decoder makes of a packet
 */
final class HandshakeMessageReader<T> {

  /** Decrypts and parses one candidate packet. */
  interface Decoder<T> {
    T decode(byte[] packet, boolean eip8);
  }

  private final int legacySize;
  private final int maxSize;
  private final Decoder<T> decoder;
  private boolean legacyRuledOut;

  HandshakeMessageReader(int legacySize, int maxSize, Decoder<T> decoder) {
    this.legacySize = legacySize;
    this.maxSize = maxSize;
    this.decoder = decoder;
  }

  /**
   * Reads one message when all of it is in {@code in}, consuming exactly its bytes.
   *
   * @return the decoded message, or {@code null} when more bytes are needed
   * @throws RlpxException when the size is out of bounds or the message does not decode
   */
  T read(ByteBuf in) {
    int readable = in.readableBytes();
    if (readable < 2) {
      return null;
    }
    int start = in.readerIndex();
    if (!legacyRuledOut && in.getByte(start) == 0x04) {
      if (readable < legacySize) {
        return null;
      }
      byte[] candidate = new byte[legacySize];
      in.getBytes(start, candidate);
      try {
        T decoded = decoder.decode(candidate, false);
        in.skipBytes(legacySize);
        return decoded;
      } catch (RlpxException e) {
        if (e.reason() != RlpxException.Reason.HANDSHAKE_DECRYPT) {
          throw e;
        }
      }
    }
    legacyRuledOut = true;
    int size = in.getUnsignedShort(start);
    if (size < io.headersync.p2p.crypto.Ecies.OVERHEAD || 2 + size > maxSize) {
      throw new RlpxException(RlpxException.Reason.HANDSHAKE_SIZE, "handshake message claims " + size
          + " bytes; expected " + io.headersync.p2p.crypto.Ecies.OVERHEAD + " to " + (maxSize - 2));
    }
    if (readable < 2 + size) {
      return null;
    }
    byte[] packet = new byte[2 + size];
    in.readBytes(packet);
    return decoder.decode(packet, true);
  }
}
