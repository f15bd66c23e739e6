package io.headersync.core.era;

import io.headersync.core.source.SourceFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads the records of an e2store file ({@code [type u16 LE][length u32 LE][reserved u16]} then
 * the data) with positional reads through one small window, so memory stays bounded whatever
 * the file size, and both sequential and random access are cheap.
 *
 * <p>Every record header is checked against the bytes left in the file before anything is
 * allocated for its data. Not thread-safe: one reader per thread.
 */
public final class E2StoreReader implements AutoCloseable {

  /** Type of the version record that opens era and era1 files ({@code 'e','2'}). */
  public static final int TYPE_VERSION = 0x3265;
  /** Type of the empty record, which readers skip. */
  public static final int TYPE_EMPTY = 0x0000;

  /**
   * Size of the read window. 64 KiB holds the largest pre-merge compressed header record many
   * times over, so a sequential walk over header, body, receipts and difficulty records costs
   * one read call per window rather than two per record.
   */
  private static final int WINDOW_SIZE = 64 * 1024;

  private final Path file;
  private final FileChannel channel;
  private final long size;
  private final byte[] window = new byte[WINDOW_SIZE];
  private long windowStart;
  private int windowLength;
  private long position;

  private E2StoreReader(Path file, FileChannel channel, long size) {
    this.file = file;
    this.channel = channel;
    this.size = size;
  }

  /** Opens {@code file} for reading; the caller closes the reader. */
  public static E2StoreReader open(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new E2StoreReader(file, channel, channel.size());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  /** File size in bytes, taken when the reader was opened. */
  public long size() {
    return size;
  }

  /** Offset of the record {@link #next()} reads. */
  public long position() {
    return position;
  }

  /** Moves the sequential cursor to {@code offset}, which should be the start of a record. */
  public void seek(long offset) {
    if (offset < 0 || offset > size) {
      throw new IllegalArgumentException("offset " + offset + " outside the file (size " + size + ")");
    }
    position = offset;
  }

  /**
   * The record at the cursor, whose data is left unread, and moves the cursor past it; empty at
   * the end of the file.
   */
  public Optional<E2StoreRecord> next() throws SourceFormatException, IOException {
    if (position == size) {
      return Optional.empty();
    }
    E2StoreRecord record = recordAt(position);
    position = record.end();
    return Optional.of(record);
  }

  /** The record header at {@code offset}, checked: complete, reserved bytes zero, data inside the file. */
  public E2StoreRecord recordAt(long offset) throws SourceFormatException, IOException {
    long left = size - offset;
    if (offset < 0 || left < 0) {
      throw error(offset, "record offset outside the file (size " + size + ")");
    }
    if (left < E2StoreRecord.HEADER_SIZE) {
      throw error(offset, "truncated record header: " + left + " bytes left, a record header needs "
          + E2StoreRecord.HEADER_SIZE);
    }
    byte[] h = new byte[E2StoreRecord.HEADER_SIZE];
    readFully(offset, h, 0, h.length);
    int type = (h[0] & 0xFF) | (h[1] & 0xFF) << 8;
    long length = (h[2] & 0xFFL) | (h[3] & 0xFFL) << 8 | (h[4] & 0xFFL) << 16 | (h[5] & 0xFFL) << 24;
    int reserved = (h[6] & 0xFF) | (h[7] & 0xFF) << 8;
    if (reserved != 0) {
      throw error(offset, "reserved field of record type " + typeName(type) + " is "
          + String.format("0x%04x", reserved) + ", must be zero");
    }
    long dataLeft = left - E2StoreRecord.HEADER_SIZE;
    if (length > dataLeft) {
      throw error(offset, "truncated record: type " + typeName(type) + " declares " + length
          + " data bytes but only " + dataLeft + " remain in the file");
    }
    return new E2StoreRecord(type, offset, length);
  }

  /** The record at {@code offset}, which must have type {@code expectedType}. */
  public E2StoreRecord recordAt(long offset, int expectedType, String what)
      throws SourceFormatException, IOException {
    E2StoreRecord record = recordAt(offset);
    if (record.type() != expectedType) {
      throw error(offset, "expected " + what + " (type " + typeName(expectedType) + "), found type "
          + record.typeName());
    }
    return record;
  }

  /**
   * The data of {@code record}, refused before allocation when it is longer than
   * {@code maxLength}.
   */
  public byte[] readData(E2StoreRecord record, int maxLength) throws SourceFormatException, IOException {
    if (record.length() > maxLength) {
      throw error(record.offset(), "record type " + record.typeName() + " holds " + record.length()
          + " bytes, more than the limit of " + maxLength);
    }
    byte[] data = new byte[(int) record.length()];
    readFully(record.dataOffset(), data, 0, data.length);
    return data;
  }

  /** Reads exactly {@code length} bytes at {@code offset}, which the caller has checked lie inside the file. */
  void readFully(long offset, byte[] dst, int dstOffset, int length) throws IOException {
    if (offset >= windowStart && offset + length <= windowStart + windowLength) {
      System.arraycopy(window, (int) (offset - windowStart), dst, dstOffset, length);
      return;
    }
    if (length >= WINDOW_SIZE / 2) {
      readChannel(offset, ByteBuffer.wrap(dst, dstOffset, length));
      return;
    }
    int fill = (int) Math.min(WINDOW_SIZE, size - offset);
    windowLength = 0; // invalid until the read completes
    readChannel(offset, ByteBuffer.wrap(window, 0, fill));
    windowStart = offset;
    windowLength = fill;
    System.arraycopy(window, 0, dst, dstOffset, length);
  }

  private void readChannel(long offset, ByteBuffer buffer) throws IOException {
    long at = offset;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new EOFException(file + ": file shrank while being read (end at " + at + ")");
      }
      at += n;
    }
  }

  SourceFormatException error(long offset, String reason) {
    return new SourceFormatException(file, offset, reason);
  }

  static String typeName(int type) {
    return String.format("0x%04x", type);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
