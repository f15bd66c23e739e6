package io.headersync.rlp;

import io.headersync.rlp.RlpException.Reason;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Reads RLP items in place from a slice of a byte array.
 *
 * <p>A reader walks the items of one level; {@link #readList()} hands back a reader over the
 * payload of a nested list and moves this one past it. Nothing is copied unless a method says
 * so, and every length prefix is checked against the bytes left in the enclosing item before
 * anything is allocated, so a hostile length can cost no memory.
 *
 * <p>Canonical form is enforced: single bytes below 0x80 must stand alone, long-form lengths
 * must be needed and have no leading zeros, integers have no leading zeros.
 */
public final class RlpReader {

  private final byte[] data;
  private final int end;
  private int pos;

  // Header of the item at pos, decoded by peekHeader().
  private int headerPos = -1;
  private boolean itemIsList;
  private int payloadStart;
  private int payloadLength;

  private RlpReader(byte[] data, int start, int end) {
    this.data = data;
    this.pos = start;
    this.end = end;
  }

  /** A reader over the whole array. */
  public static RlpReader wrap(byte[] data) {
    return new RlpReader(data, 0, data.length);
  }

  /** A reader over {@code length} bytes of {@code data} from {@code offset}. */
  public static RlpReader wrap(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset > data.length - length) {
      throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + data.length);
    }
    return new RlpReader(data, offset, offset + length);
  }

  /** The array this reader reads from (not a copy). */
  public byte[] array() {
    return data;
  }

  /** Offset of the next item in {@link #array()}. */
  public int position() {
    return pos;
  }

  /** Offset just past the last byte this reader may read. */
  public int limit() {
    return end;
  }

  public boolean hasNext() {
    return pos < end;
  }

  /** True when the next item is a list. */
  public boolean nextIsList() {
    peekHeader();
    return itemIsList;
  }

  /** Total encoded size (header and payload) of the next item. */
  public int nextItemSize() {
    peekHeader();
    return payloadStart + payloadLength - pos;
  }

  /** Length of the payload of the next item. */
  public int nextPayloadLength() {
    peekHeader();
    return payloadLength;
  }

  /** Offset in {@link #array()} of the payload of the next item. */
  public int nextPayloadOffset() {
    peekHeader();
    return payloadStart;
  }

  /** Enters the next item, which must be a list, and returns a reader over its payload. */
  public RlpReader readList() {
    peekHeader();
    if (!itemIsList) {
      throw new RlpException(Reason.UNEXPECTED_TYPE, pos, "expected a list, found a string");
    }
    RlpReader inner = new RlpReader(data, payloadStart, payloadStart + payloadLength);
    advance();
    return inner;
  }

  /** Moves past the next item, whatever it is, checking only its header. */
  public void skip() {
    peekHeader();
    advance();
  }

  /** Copies the next item whole, header included. */
  public byte[] readRaw() {
    peekHeader();
    byte[] out = Arrays.copyOfRange(data, pos, payloadStart + payloadLength);
    advance();
    return out;
  }

  /** Copies the payload of the next item, which must be a string. */
  public byte[] readBytes() {
    requireString();
    byte[] out = Arrays.copyOfRange(data, payloadStart, payloadStart + payloadLength);
    advance();
    return out;
  }

  /** Copies the payload of the next string, which must be exactly {@code size} bytes long. */
  public byte[] readFixed(int size) {
    requireString();
    if (payloadLength != size) {
      throw new RlpException(Reason.WRONG_SIZE, pos, "expected " + size + " bytes, found " + payloadLength);
    }
    return readBytes();
  }

  /** Reads an unsigned integer that must fit in a non-negative long. */
  public long readLong() {
    requireString();
    int len = payloadLength;
    int at = payloadStart;
    checkScalar(len, at, 8);
    long value = 0;
    for (int i = 0; i < len; i++) {
      value = (value << 8) | (data[at + i] & 0xFF);
    }
    if (value < 0) {
      throw new RlpException(Reason.INTEGER_OVERFLOW, pos, "integer does not fit in 63 bits");
    }
    advance();
    return value;
  }

  /** Reads an unsigned integer that must fit in an int. */
  public int readInt() {
    int start = pos;
    long value = readLong();
    if (value > Integer.MAX_VALUE) {
      throw new RlpException(Reason.INTEGER_OVERFLOW, start, "integer does not fit in 31 bits");
    }
    return (int) value;
  }

  /** Reads an unsigned integer of at most {@code maxBytes} bytes. */
  public BigInteger readBigInteger(int maxBytes) {
    requireString();
    checkScalar(payloadLength, payloadStart, maxBytes);
    BigInteger value = payloadLength == 0
        ? BigInteger.ZERO
        : new BigInteger(1, Arrays.copyOfRange(data, payloadStart, payloadStart + payloadLength));
    advance();
    return value;
  }

  /** Reads an unsigned 256-bit integer. */
  public BigInteger readUInt256() {
    return readBigInteger(32);
  }

  /** Fails unless every item of this reader has been read. */
  public void requireEnd() {
    if (pos != end) {
      throw new RlpException(Reason.TRAILING_BYTES, pos, (end - pos) + " bytes left after the last item");
    }
  }

  /** Fails with {@link Reason#MISSING_ITEM} unless another item follows. */
  public void requireNext(String what) {
    if (pos >= end) {
      throw new RlpException(Reason.MISSING_ITEM, pos, "missing " + what);
    }
  }

  /**
   * Checks that {@code data} is exactly one well-formed, canonical item, descending into every
   * list. Strings are not interpreted.
   */
  public static void validate(byte[] data) {
    RlpReader reader = wrap(data);
    if (!reader.hasNext()) {
      throw new RlpException(Reason.EMPTY_INPUT, 0, "no item");
    }
    reader.validateItem(0);
    reader.requireEnd();
  }

  private static final int MAX_DEPTH = 1024;

  private void validateItem(int depth) {
    if (depth > MAX_DEPTH) {
      throw new RlpException(Reason.UNEXPECTED_TYPE, pos, "lists nested deeper than " + MAX_DEPTH);
    }
    if (nextIsList()) {
      RlpReader inner = readList();
      while (inner.hasNext()) {
        inner.validateItem(depth + 1);
      }
    } else {
      skip();
    }
  }

  private void checkScalar(int len, int at, int maxBytes) {
    if (len > maxBytes) {
      throw new RlpException(Reason.INTEGER_OVERFLOW, pos, len + " bytes for an integer of at most " + maxBytes);
    }
    if (len > 0 && data[at] == 0) {
      throw new RlpException(Reason.LEADING_ZEROS_IN_INTEGER, pos, "integer with a leading zero byte");
    }
  }

  private void requireString() {
    peekHeader();
    if (itemIsList) {
      throw new RlpException(Reason.UNEXPECTED_TYPE, pos, "expected a string, found a list");
    }
  }

  private void advance() {
    pos = payloadStart + payloadLength;
    headerPos = -1;
  }

  private void peekHeader() {
    if (headerPos == pos) {
      return;
    }
    if (pos >= end) {
      throw new RlpException(pos == 0 ? Reason.EMPTY_INPUT : Reason.MISSING_ITEM, pos, "no item left to read");
    }
    int prefix = data[pos] & 0xFF;
    int available = end - pos - 1;
    if (prefix < 0x80) {
      itemIsList = false;
      payloadStart = pos;
      payloadLength = 1;
    } else if (prefix <= 0xB7) {
      int len = prefix - 0x80;
      checkAvailable(len, available);
      if (len == 1 && (data[pos + 1] & 0xFF) < 0x80) {
        throw new RlpException(Reason.NON_CANONICAL_SINGLE_BYTE, pos, "single byte below 0x80 must not be wrapped");
      }
      itemIsList = false;
      payloadStart = pos + 1;
      payloadLength = len;
    } else if (prefix < 0xC0) {
      longForm(prefix - 0xB7, available, false);
    } else if (prefix <= 0xF7) {
      int len = prefix - 0xC0;
      checkAvailable(len, available);
      itemIsList = true;
      payloadStart = pos + 1;
      payloadLength = len;
    } else {
      longForm(prefix - 0xF7, available, true);
    }
    headerPos = pos;
  }

  private void longForm(int lengthOfLength, int available, boolean list) {
    checkAvailable(lengthOfLength, available);
    if (data[pos + 1] == 0) {
      throw new RlpException(Reason.LEADING_ZEROS_IN_LENGTH, pos, "long-form length with a leading zero");
    }
    if (lengthOfLength > 4) {
      throw new RlpException(Reason.LENGTH_OVERFLOW, pos, lengthOfLength + "-byte length");
    }
    long len = 0;
    for (int i = 1; i <= lengthOfLength; i++) {
      len = (len << 8) | (data[pos + i] & 0xFF);
    }
    if (len > Integer.MAX_VALUE) {
      throw new RlpException(Reason.LENGTH_OVERFLOW, pos, "length " + len);
    }
    if (len <= 55) {
      throw new RlpException(Reason.NON_CANONICAL_LENGTH, pos, "long form used for length " + len);
    }
    checkAvailable(len, available - lengthOfLength);
    itemIsList = list;
    payloadStart = pos + 1 + lengthOfLength;
    payloadLength = (int) len;
  }

  private void checkAvailable(long needed, int available) {
    if (needed > available) {
      throw new RlpException(Reason.TRUNCATED, pos, "needs " + needed + " bytes, " + Math.max(available, 0) + " left");
    }
  }
}
