package io.headersync.rlp;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Builds an RLP encoding into one growable buffer.
 *
 * <p>Lists are opened with {@link #startList()} and closed with {@link #endList()}; the list
 * header is written when the list closes, by moving its payload up by the header's size, so the
 * caller never has to know a payload's length in advance.
 */
public final class RlpWriter {

  private byte[] buf;
  private int size;
  private int[] openLists = new int[8];
  private int depth;

  public RlpWriter() {
    this(256);
  }

  public RlpWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Writes a byte string. */
  public RlpWriter writeBytes(byte[] bytes) {
    return writeBytes(bytes, 0, bytes.length);
  }

  /** Writes {@code length} bytes of {@code bytes} from {@code offset} as a byte string. */
  public RlpWriter writeBytes(byte[] bytes, int offset, int length) {
    if (length == 1 && (bytes[offset] & 0xFF) < 0x80) {
      ensure(1);
      buf[size++] = bytes[offset];
      return this;
    }
    writeHeader(0x80, 0xB7, length);
    ensure(length);
    System.arraycopy(bytes, offset, buf, size, length);
    size += length;
    return this;
  }

  /** Writes a non-negative integer as a scalar (big-endian, no leading zeros). */
  public RlpWriter writeLong(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative scalar " + value);
    }
    if (value == 0) {
      ensure(1);
      buf[size++] = (byte) 0x80;
      return this;
    }
    if (value < 0x80) {
      ensure(1);
      buf[size++] = (byte) value;
      return this;
    }
    int len = byteLength(value);
    ensure(1 + len);
    buf[size++] = (byte) (0x80 + len);
    for (int i = len - 1; i >= 0; i--) {
      buf[size++] = (byte) (value >>> (8 * i));
    }
    return this;
  }

  /** Writes a non-negative integer as a scalar. */
  public RlpWriter writeBigInteger(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("negative scalar " + value);
    }
    if (value.bitLength() < 63) {
      return writeLong(value.longValue());
    }
    byte[] bytes = value.toByteArray();
    int skip = bytes[0] == 0 ? 1 : 0;
    return writeBytes(bytes, skip, bytes.length - skip);
  }

  /** Copies an item that is already RLP-encoded. */
  public RlpWriter writeRaw(byte[] encoded) {
    return writeRaw(encoded, 0, encoded.length);
  }

  /** Copies {@code length} bytes of an item that is already RLP-encoded. */
  public RlpWriter writeRaw(byte[] encoded, int offset, int length) {
    ensure(length);
    System.arraycopy(encoded, offset, buf, size, length);
    size += length;
    return this;
  }

  public RlpWriter writeEmptyList() {
    ensure(1);
    buf[size++] = (byte) 0xC0;
    return this;
  }

  public RlpWriter startList() {
    if (depth == openLists.length) {
      openLists = Arrays.copyOf(openLists, depth * 2);
    }
    openLists[depth++] = size;
    return this;
  }

  public RlpWriter endList() {
    if (depth == 0) {
      throw new IllegalStateException("endList without startList");
    }
    int start = openLists[--depth];
    int payload = size - start;
    int headerSize = payload <= 55 ? 1 : 1 + byteLength(payload);
    ensure(headerSize);
    System.arraycopy(buf, start, buf, start + headerSize, payload);
    if (payload <= 55) {
      buf[start] = (byte) (0xC0 + payload);
    } else {
      int lenLen = headerSize - 1;
      buf[start] = (byte) (0xF7 + lenLen);
      for (int i = 0; i < lenLen; i++) {
        buf[start + 1 + i] = (byte) (payload >>> (8 * (lenLen - 1 - i)));
      }
    }
    size += headerSize;
    return this;
  }

  public int size() {
    return size;
  }

  public RlpWriter reset() {
    size = 0;
    depth = 0;
    return this;
  }

  /** The encoding written so far; every opened list must be closed. */
  public byte[] toByteArray() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " list(s) still open");
    }
    return Arrays.copyOf(buf, size);
  }

  /** Encodes one byte string. */
  public static byte[] encodeBytes(byte[] bytes) {
    return new RlpWriter(bytes.length + 9).writeBytes(bytes).toByteArray();
  }

  /** Encodes one scalar. */
  public static byte[] encodeLong(long value) {
    return new RlpWriter(16).writeLong(value).toByteArray();
  }

  private void writeHeader(int shortBase, int longBase, int length) {
    if (length <= 55) {
      ensure(1);
      buf[size++] = (byte) (shortBase + length);
    } else {
      int lenLen = byteLength(length);
      ensure(1 + lenLen);
      buf[size++] = (byte) (longBase + lenLen);
      for (int i = lenLen - 1; i >= 0; i--) {
        buf[size++] = (byte) (length >>> (8 * i));
      }
    }
  }

  private static int byteLength(long value) {
    return (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }
}
