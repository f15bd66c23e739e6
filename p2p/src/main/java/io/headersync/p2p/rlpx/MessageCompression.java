package io.headersync.p2p.rlpx;

import java.io.IOException;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/**
 * Snappy in its raw block format (not the framed one), as p2p version 5 compresses every message
 * after Hello. The uncompressed length in snappy's header is checked against the cap before room
 * is made for the output, so a small message cannot claim a huge one.
 */
final class MessageCompression {

  private MessageCompression() {}

  static byte[] compress(byte[] data) {
    try {
      return Snappy.compress(data);
    } catch (IOException e) {
      throw new IllegalStateException("snappy failed to compress " + data.length + " bytes", e);
    }
  }

  /**
   * Decompresses one message.
   *
   * @throws RlpxException {@link RlpxException.Reason#MESSAGE_TOO_LARGE} when snappy's header
   *     announces more than {@code maxSize} bytes, {@link RlpxException.Reason#BAD_COMPRESSION}
   *     when the data is not valid snappy
   */
  static byte[] decompress(byte[] data, int maxSize) {
    if (data.length == 0) {
      throw new RlpxException(RlpxException.Reason.BAD_COMPRESSION, "empty snappy block (no length header)");
    }
    long announced = announcedLength(data);
    if (announced > maxSize) {
      throw new RlpxException(RlpxException.Reason.MESSAGE_TOO_LARGE,
          "message would decompress to " + announced + " bytes, the cap is " + maxSize);
    }
    try {
      byte[] out = new byte[(int) announced];
      int written = Snappy.uncompress(data, 0, data.length, out, 0);
      if (written != announced) {
        throw new RlpxException(RlpxException.Reason.BAD_COMPRESSION,
            "snappy block announced " + announced + " bytes but held " + written);
      }
      return out;
    } catch (IOException | SnappyError e) {
      throw new RlpxException(RlpxException.Reason.BAD_COMPRESSION, "invalid snappy block: " + e.getMessage(), e);
    }
  }

  /**
   * Snappy's length header: a little-endian base-128 varint of at most five bytes. Read here
   * rather than by the native library so that a hostile header costs nothing to reject.
   */
  static long announcedLength(byte[] data) {
    long value = 0;
    for (int i = 0; i < 5; i++) {
      if (i >= data.length) {
        throw new RlpxException(RlpxException.Reason.BAD_COMPRESSION, "snappy length header is cut short");
      }
      int b = data[i] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (value > 0xFFFFFFFFL) {
          throw new RlpxException(RlpxException.Reason.BAD_COMPRESSION, "snappy length header exceeds 32 bits");
        }
        return value;
      }
    }
    throw new RlpxException(RlpxException.Reason.BAD_COMPRESSION, "snappy length header longer than five bytes");
  }
}
