package io.headersync.store.rocksdb;

import java.util.Arrays;

/**
 * Builds a RocksDB write batch in RocksDB's own serialized form ("rep") on the Java heap, so that
 * a whole commit crosses into native code once instead of once per put.
 *
 * <p>The form, as RocksDB 9.x and 10.x read it: an 8-byte little-endian sequence number (0 here: RocksDB
 * assigns the real one when writing), a 4-byte little-endian record count, then per record a tag
 * byte, for a column family other than the default its id as a varint32, the key and, for a put,
 * the value, each prefixed by its length as a varint32. {@code SerializedWriteBatchTest} pins this
 * against the RocksDB in use, byte for byte.
 *
 * <p>Not thread-safe; one write at a time, and {@link #clear()} makes it ready for the next, keeping
 * its buffer (a fresh multi-megabyte array per commit costs more than the native calls it saves).
 */
final class SerializedWriteBatch {

  static final int HEADER_SIZE = 12;
  private static final int COUNT_OFFSET = 8;

  private static final byte TYPE_DELETION = 0x00;
  private static final byte TYPE_VALUE = 0x01;
  private static final byte TYPE_FAMILY_DELETION = 0x04;
  private static final byte TYPE_FAMILY_VALUE = 0x05;

  /** The id RocksDB gives its default column family, whose records carry no id. */
  private static final int DEFAULT_FAMILY_ID = 0;
  /** Java arrays stop a little short of {@link Integer#MAX_VALUE}. */
  private static final int MAX_SIZE = Integer.MAX_VALUE - 16;
  /** A varint32 takes at most five bytes. */
  private static final int MAX_VARINT32 = 5;

  private byte[] buffer;
  private int size = HEADER_SIZE;
  private int count;

  /** An empty batch with room for about {@code expectedBytes} before it grows. */
  SerializedWriteBatch(int expectedBytes) {
    buffer = new byte[Math.max(HEADER_SIZE, expectedBytes)];
  }

  void put(int familyId, byte[] key, byte[] value) {
    ensureRoom(1 + 3 * MAX_VARINT32 + (long) key.length + value.length);
    tag(familyId, TYPE_VALUE, TYPE_FAMILY_VALUE);
    bytes(key);
    bytes(value);
    count++;
  }

  void delete(int familyId, byte[] key) {
    ensureRoom(1 + 2 * MAX_VARINT32 + (long) key.length);
    tag(familyId, TYPE_DELETION, TYPE_FAMILY_DELETION);
    bytes(key);
    count++;
  }

  /** Forgets every record, keeping the buffer. */
  void clear() {
    size = HEADER_SIZE;
    count = 0;
  }

  /** Bytes the buffer holds before it must grow. */
  int capacity() {
    return buffer.length;
  }

  /** Number of records. */
  int count() {
    return count;
  }

  /** Bytes the batch takes serialized. */
  int size() {
    return size;
  }

  /** The serialized batch: a new array of exactly {@link #size()} bytes. */
  byte[] toByteArray() {
    byte[] out = Arrays.copyOf(buffer, size);
    // bytes 0..7 stay zero: the sequence number is RocksDB's to assign
    out[COUNT_OFFSET] = (byte) count;
    out[COUNT_OFFSET + 1] = (byte) (count >>> 8);
    out[COUNT_OFFSET + 2] = (byte) (count >>> 16);
    out[COUNT_OFFSET + 3] = (byte) (count >>> 24);
    return out;
  }

  private void tag(int familyId, byte defaultFamilyType, byte familyType) {
    if (familyId == DEFAULT_FAMILY_ID) {
      buffer[size++] = defaultFamilyType;
    } else {
      buffer[size++] = familyType;
      varint32(familyId);
    }
  }

  private void bytes(byte[] b) {
    varint32(b.length);
    System.arraycopy(b, 0, buffer, size, b.length);
    size += b.length;
  }

  private void varint32(int value) {
    int v = value;
    while ((v & ~0x7F) != 0) {
      buffer[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buffer[size++] = (byte) v;
  }

  private void ensureRoom(long needed) {
    long required = size + needed;
    if (required <= buffer.length) {
      return;
    }
    if (required > MAX_SIZE) {
      throw new IllegalStateException("a write batch is limited to " + MAX_SIZE + " bytes serialized; this one would need "
          + required + " after " + count + " records");
    }
    buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_SIZE, Math.max(required, 2L * buffer.length)));
  }
}
