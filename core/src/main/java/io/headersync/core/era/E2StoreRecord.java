package io.headersync.core.era;

/**
 * Where one e2store record sits in its file: the 8-byte record header at {@code offset}, then
 * {@code length} bytes of data.
 *
 * @param type the record type (little-endian u16 as stored)
 * @param offset file offset of the record header
 * @param length number of data bytes after the header
 */
public record E2StoreRecord(int type, long offset, long length) {

  /** Size of the record header: type u16, length u32, reserved u16. */
  public static final int HEADER_SIZE = 8;

  /** File offset of the first data byte. */
  public long dataOffset() {
    return offset + HEADER_SIZE;
  }

  /** File offset just past the data: where the next record starts. */
  public long end() {
    return dataOffset() + length;
  }

  /** The type as {@code 0x} and four hex digits, for messages. */
  public String typeName() {
    return E2StoreReader.typeName(type);
  }
}
