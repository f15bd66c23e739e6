package io.headersync.core.era;

import io.headersync.core.source.SourceFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.xerial.snappy.Snappy;

/**
 * Decodes a Snappy <em>framed</em> stream (the format era1 records use): a stream identifier
 * chunk, then compressed and uncompressed data chunks each carrying a masked CRC-32C of its
 * uncompressed bytes, with padding and other skippable chunks ignored.
 *
 * <p>The framing is read here by hand because snappy-java's own framed input stream reports
 * neither where a stream went wrong nor lets the caller bound the output before allocating it;
 * only the raw block decompression is delegated to snappy-java. A first pass walks the chunks,
 * checks their structure and sums the declared sizes, so the output array is allocated once, at
 * its exact size, and only after that size has been checked against the caller's limit.
 */
public final class SnappyFramedDecoder {

  private static final int CHUNK_COMPRESSED = 0x00;
  private static final int CHUNK_UNCOMPRESSED = 0x01;
  private static final int CHUNK_PADDING = 0xFE;
  private static final int CHUNK_STREAM_IDENTIFIER = 0xFF;
  private static final int FIRST_SKIPPABLE = 0x80;
  private static final byte[] STREAM_IDENTIFIER = "sNaPpY".getBytes(StandardCharsets.US_ASCII);
  private static final int CHUNK_HEADER_SIZE = 4;
  private static final int CRC_SIZE = 4;
  /** The framing format caps the uncompressed data of one chunk at 64 KiB. */
  private static final int MAX_CHUNK_DATA = 65536;
  private static final int CRC_MASK_DELTA = 0xa282ead8;

  private SnappyFramedDecoder() {}

  /**
   * Decodes all of {@code framed}.
   *
   * @param maxOutput the largest decoded size accepted
   * @param file the file {@code framed} was read from, for errors
   * @param fileOffset where {@code framed} starts in that file, so errors name absolute offsets
   * @throws SourceFormatException for a missing stream identifier, a truncated or unknown
   *     unskippable chunk, a chunk over 64 KiB, corrupt compressed data, a CRC mismatch, or
   *     output over {@code maxOutput}; it names the offset of the offending chunk
   */
  public static byte[] decode(byte[] framed, int maxOutput, Path file, long fileOffset) throws SourceFormatException {
    int total = decodedSize(framed, maxOutput, file, fileOffset);
    byte[] out = new byte[total];
    int written = 0;
    CRC32C crc = new CRC32C();
    for (int at = 0; at < framed.length; ) {
      int type = framed[at] & 0xFF;
      int length = chunkLength(framed, at);
      int data = at + CHUNK_HEADER_SIZE;
      if (type == CHUNK_COMPRESSED || type == CHUNK_UNCOMPRESSED) {
        int expectedCrc = readIntLe(framed, data);
        int payload = data + CRC_SIZE;
        int payloadLength = length - CRC_SIZE;
        int n;
        if (type == CHUNK_COMPRESSED) {
          int declared = rawUncompressedLength(framed, payload, payloadLength, file, fileOffset + at);
          try {
            n = Snappy.uncompress(framed, payload, payloadLength, out, written);
          } catch (IOException e) {
            throw new SourceFormatException(file, fileOffset + at, "corrupt Snappy data in compressed chunk: "
                + e.getMessage(), e);
          }
          if (n != declared) {
            throw new SourceFormatException(file, fileOffset + at, "compressed chunk declares " + declared
                + " bytes but decompresses to " + n);
          }
        } else {
          n = payloadLength;
          System.arraycopy(framed, payload, out, written, n);
        }
        crc.reset();
        crc.update(out, written, n);
        int actual = mask((int) crc.getValue());
        if (actual != expectedCrc) {
          throw new SourceFormatException(file, fileOffset + at, String.format(
              "CRC-32C mismatch in %s chunk: stored 0x%08x, computed 0x%08x",
              type == CHUNK_COMPRESSED ? "compressed" : "uncompressed", expectedCrc, actual));
        }
        written += n;
      }
      at = data + length;
    }
    return out;
  }

  /** First pass: checks every chunk's framing and returns the decoded size. */
  private static int decodedSize(byte[] framed, int maxOutput, Path file, long fileOffset) throws SourceFormatException {
    long total = 0;
    boolean sawIdentifier = false;
    for (int at = 0; at < framed.length; ) {
      long where = fileOffset + at;
      if (framed.length - at < CHUNK_HEADER_SIZE) {
        throw new SourceFormatException(file, where, "truncated chunk header: " + (framed.length - at)
            + " bytes left, a chunk header needs " + CHUNK_HEADER_SIZE);
      }
      int type = framed[at] & 0xFF;
      int length = chunkLength(framed, at);
      int data = at + CHUNK_HEADER_SIZE;
      if (length > framed.length - data) {
        throw new SourceFormatException(file, where, "truncated chunk: type " + String.format("0x%02x", type)
            + " declares " + length + " bytes but only " + (framed.length - data) + " remain in the record");
      }
      if (!sawIdentifier && type != CHUNK_STREAM_IDENTIFIER) {
        throw new SourceFormatException(file, where, "Snappy framed stream does not start with a stream identifier"
            + " chunk (found chunk type " + String.format("0x%02x", type) + ")");
      }
      switch (type) {
        case CHUNK_STREAM_IDENTIFIER -> {
          if (length != STREAM_IDENTIFIER.length
              || !Arrays.equals(framed, data, data + length, STREAM_IDENTIFIER, 0, STREAM_IDENTIFIER.length)) {
            throw new SourceFormatException(file, where, "bad stream identifier chunk: expected the 6 bytes \"sNaPpY\"");
          }
          sawIdentifier = true;
        }
        case CHUNK_COMPRESSED, CHUNK_UNCOMPRESSED -> {
          if (length < CRC_SIZE) {
            throw new SourceFormatException(file, where, "data chunk of " + length + " bytes is too short for its CRC");
          }
          int payloadLength = length - CRC_SIZE;
          int n = type == CHUNK_COMPRESSED
              ? rawUncompressedLength(framed, data + CRC_SIZE, payloadLength, file, where)
              : payloadLength;
          if (n > MAX_CHUNK_DATA) {
            throw new SourceFormatException(file, where, "chunk holds " + n + " uncompressed bytes, more than the "
                + MAX_CHUNK_DATA + " the framing format allows");
          }
          total += n;
          if (total > maxOutput) {
            throw new SourceFormatException(file, where, "decoded record exceeds the limit of " + maxOutput + " bytes");
          }
        }
        default -> {
          if (type < FIRST_SKIPPABLE) {
            throw new SourceFormatException(file, where, "reserved unskippable chunk type " + String.format("0x%02x", type));
          }
          // padding (0xfe) and reserved skippable chunks (0x80-0xfd) carry nothing to decode
        }
      }
      at = data + length;
    }
    if (!sawIdentifier) {
      throw new SourceFormatException(file, fileOffset, "empty Snappy framed stream: no stream identifier chunk");
    }
    return (int) total;
  }

  /**
   * The uncompressed length a raw Snappy block declares (its leading varint), read by hand and
   * then confirmed with snappy-java, which writes that many bytes without looking at the room
   * left in the output array.
   */
  private static int rawUncompressedLength(byte[] b, int offset, int length, Path file, long where)
      throws SourceFormatException {
    long value = 0;
    int i = 0;
    while (true) {
      if (i == length || i == 5) {
        throw new SourceFormatException(file, where, "compressed chunk has a malformed length prefix");
      }
      int x = b[offset + i] & 0xFF;
      value |= (long) (x & 0x7F) << (7 * i);
      i++;
      if ((x & 0x80) == 0) {
        break;
      }
    }
    if (value > MAX_CHUNK_DATA) {
      throw new SourceFormatException(file, where, "chunk holds " + value + " uncompressed bytes, more than the "
          + MAX_CHUNK_DATA + " the framing format allows");
    }
    try {
      int confirmed = Snappy.uncompressedLength(b, offset, length);
      if (confirmed != value) {
        throw new SourceFormatException(file, where, "compressed chunk has an ambiguous length prefix");
      }
    } catch (IOException e) {
      throw new SourceFormatException(file, where, "compressed chunk has a malformed length prefix: " + e.getMessage(), e);
    }
    return (int) value;
  }

  private static int chunkLength(byte[] b, int at) {
    return (b[at + 1] & 0xFF) | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF) << 16;
  }

  private static int readIntLe(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
  }

  /** The framing format stores CRCs rotated and offset, so that a CRC of CRCs does not degenerate. */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + CRC_MASK_DELTA;
  }
}
