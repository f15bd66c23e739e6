package io.headersync.core.era;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.source.SourceBlock;
import io.headersync.core.source.SourceFormatException;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;

/**
 * An open era1 file: up to 8192 consecutive pre-merge blocks with their total difficulty, the
 * root of their epoch record, and an index of where each block starts.
 *
 * <pre>
 * era1        := version | block-tuple* | other-entries* | accumulator | block-index
 * block-tuple := header (0x03) | body (0x04) | receipts (0x05) | total-difficulty (0x06)
 * block-index := start u64 | offset i64 × count | count u64     (offsets relative to the index record)
 * </pre>
 *
 * <p>Opening reads only the version record, the block index and the accumulator record, and
 * checks that they fit together; blocks are read on demand, either one by one through
 * {@link #block(int)} or in file order through {@link #newSource()}, which also checks that the
 * records between them are exactly what the index promises. Not thread-safe.
 */
public final class Era1File implements AutoCloseable {

  public static final int TYPE_COMPRESSED_HEADER = 0x03;
  public static final int TYPE_COMPRESSED_BODY = 0x04;
  public static final int TYPE_COMPRESSED_RECEIPTS = 0x05;
  public static final int TYPE_TOTAL_DIFFICULTY = 0x06;
  public static final int TYPE_ACCUMULATOR = 0x07;
  public static final int TYPE_BLOCK_INDEX = 0x3266;

  /** Most blocks one era1 file holds: one epoch record. */
  public static final int MAX_BLOCKS = EpochAccumulator.EPOCH_SIZE;

  private static final int ACCUMULATOR_RECORD_SIZE = E2StoreRecord.HEADER_SIZE + 32;
  private static final int FIRST_BLOCK_OFFSET = E2StoreRecord.HEADER_SIZE; // right after the empty version record

  private final E2StoreReader reader;
  private final Era1Config config;
  private final long startNumber;
  private final long[] headerOffsets;
  private final long accumulatorOffset;
  private final long indexOffset;
  private final Hash accumulatorRoot;

  private Era1File(E2StoreReader reader, Era1Config config, long startNumber, long[] headerOffsets,
      long accumulatorOffset, long indexOffset, Hash accumulatorRoot) {
    this.reader = reader;
    this.config = config;
    this.startNumber = startNumber;
    this.headerOffsets = headerOffsets;
    this.accumulatorOffset = accumulatorOffset;
    this.indexOffset = indexOffset;
    this.accumulatorRoot = accumulatorRoot;
  }

  /** Opens {@code file} with {@link Era1Config#DEFAULT}. */
  public static Era1File open(Path file) throws SourceFormatException, IOException {
    return open(file, Era1Config.DEFAULT);
  }

  /** Opens {@code file}, checking its version record, block index and accumulator record. */
  public static Era1File open(Path file, Era1Config config) throws SourceFormatException, IOException {
    E2StoreReader reader = E2StoreReader.open(file);
    try {
      return open(reader, config);
    } catch (SourceFormatException | IOException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private static Era1File open(E2StoreReader reader, Era1Config config) throws SourceFormatException, IOException {
    long size = reader.size();
    E2StoreRecord version = reader.recordAt(0);
    if (version.type() != E2StoreReader.TYPE_VERSION || version.length() != 0) {
      throw reader.error(0, "first record is not the version record (type 0x3265, empty): found type "
          + version.typeName() + " with " + version.length() + " bytes");
    }

    // The index is the last record and its last 8 bytes are the count, which gives its size.
    long minimum = FIRST_BLOCK_OFFSET + ACCUMULATOR_RECORD_SIZE + E2StoreRecord.HEADER_SIZE + 16;
    if (size < minimum) {
      throw reader.error(size, "truncated: " + size + " bytes, an era1 file without blocks already needs " + minimum);
    }
    long count = readLongLe(reader, size - 8);
    if (count < 0 || count > MAX_BLOCKS) {
      throw reader.error(size - 8, "block index count " + Long.toUnsignedString(count) + " is not in 0.." + MAX_BLOCKS
          + " (file truncated or index damaged)");
    }
    long indexLength = 16 + 8 * count;
    long indexAt = size - E2StoreRecord.HEADER_SIZE - indexLength;
    if (indexAt < FIRST_BLOCK_OFFSET + ACCUMULATOR_RECORD_SIZE) {
      throw reader.error(size - 8, "block index count " + count + " needs a " + indexLength
          + "-byte index record, which does not fit in a file of " + size + " bytes");
    }
    E2StoreRecord index = reader.recordAt(indexAt);
    if (index.type() != TYPE_BLOCK_INDEX || index.length() != indexLength) {
      throw reader.error(indexAt, "no block index record where its count (" + count + ", at offset " + (size - 8)
          + ") places it: expected type " + E2StoreReader.typeName(TYPE_BLOCK_INDEX) + " with " + indexLength
          + " bytes, found type " + index.typeName() + " with " + index.length()
          + " bytes (wrong count, or the file is truncated)");
    }
    long startNumber = readLongLe(reader, index.dataOffset());
    if (startNumber < 0 || startNumber > Long.MAX_VALUE - count) {
      throw reader.error(index.dataOffset(), "block index start " + Long.toUnsignedString(startNumber)
          + " is not a usable block number");
    }

    long accumulatorAt = indexAt - ACCUMULATOR_RECORD_SIZE;
    E2StoreRecord accumulator = reader.recordAt(accumulatorAt);
    if (accumulator.type() != TYPE_ACCUMULATOR || accumulator.length() != 32) {
      throw reader.error(accumulatorAt, "expected the accumulator record (type 0x0007, 32 bytes) just before the"
          + " block index, found type " + accumulator.typeName() + " with " + accumulator.length() + " bytes");
    }
    Hash accumulatorRoot = Hash.wrap(reader.readData(accumulator, 32));

    long[] offsets = new long[(int) count];
    byte[] raw = new byte[(int) (8 * count)];
    reader.readFully(index.dataOffset() + 8, raw, 0, raw.length);
    long previous = FIRST_BLOCK_OFFSET - 1;
    for (int i = 0; i < count; i++) {
      long absolute = indexAt + readLongLe(raw, 8 * i);
      if (absolute <= previous || absolute >= accumulatorAt) {
        throw reader.error(index.dataOffset() + 8 + 8L * i, "block index entry " + i + " (block " + (startNumber + i)
            + ") points at offset " + absolute + ", expected an offset after " + previous + " and before the accumulator"
            + " record at " + accumulatorAt);
      }
      offsets[i] = absolute;
      previous = absolute;
    }
    return new Era1File(reader, config, startNumber, offsets, accumulatorAt, indexAt, accumulatorRoot);
  }

  public Path file() {
    return reader.file();
  }

  public Era1Config config() {
    return config;
  }

  /** Number of the first block. */
  public long startNumber() {
    return startNumber;
  }

  /** Number of blocks, as the index declares. */
  public int blockCount() {
    return headerOffsets.length;
  }

  /** The root of the file's epoch record, as its accumulator record states it. */
  public Hash accumulatorRoot() {
    return accumulatorRoot;
  }

  /** The pre-merge epoch this file covers, when it starts on an epoch boundary. */
  public long epoch() {
    return startNumber / EpochAccumulator.EPOCH_SIZE;
  }

  /** File offset of the {@code i}-th block's header record, from the index. */
  public long headerOffset(int i) {
    return headerOffsets[i];
  }

  long accumulatorOffset() {
    return accumulatorOffset;
  }

  long indexOffset() {
    return indexOffset;
  }

  E2StoreReader reader() {
    return reader;
  }

  /** The {@code i}-th block ({@code 0 <= i < blockCount()}), read through the index. */
  public SourceBlock block(int i) throws SourceFormatException, IOException {
    checkPosition(i);
    long at = headerOffsets[i];
    E2StoreRecord header = reader.recordAt(at);
    if (header.type() != TYPE_COMPRESSED_HEADER) {
      throw reader.error(at, "block index entry " + i + " (block " + (startNumber + i)
          + ") does not point at a header record: found type " + header.typeName());
    }
    return readTuple(header, startNumber + i, config.readBodies()).block();
  }

  /** Block {@code number}, which must be in {@code startNumber() .. startNumber() + blockCount() - 1}. */
  public SourceBlock blockByNumber(long number) throws SourceFormatException, IOException {
    if (number < startNumber || number - startNumber >= blockCount()) {
      throw new IllegalArgumentException("block " + number + " is not in " + file() + " (blocks " + startNumber
          + ".." + (startNumber + blockCount() - 1) + ")");
    }
    return block((int) (number - startNumber));
  }

  /** The decompressed receipts of the {@code i}-th block, as the RLP the file holds. */
  public byte[] receipts(int i) throws SourceFormatException, IOException {
    checkPosition(i);
    E2StoreRecord header = reader.recordAt(headerOffsets[i], TYPE_COMPRESSED_HEADER, "header record");
    E2StoreRecord body = reader.recordAt(header.end(), TYPE_COMPRESSED_BODY, "body record of block " + (startNumber + i));
    E2StoreRecord receipts = reader.recordAt(body.end(), TYPE_COMPRESSED_RECEIPTS,
        "receipts record of block " + (startNumber + i));
    return decompress(receipts);
  }

  /** A stream over the blocks in file order; closing it leaves this file open. */
  public Era1Source newSource() {
    return new Era1Source(this, false);
  }

  /** What one block tuple gave, and where the next record starts. */
  record Tuple(SourceBlock block, long end) {}

  /** Reads the tuple whose header record is {@code header}, which must hold block {@code number}. */
  Tuple readTuple(E2StoreRecord header, long number, boolean readBody) throws SourceFormatException, IOException {
    byte[] headerRlp = decompress(header);
    BlockHeader decoded;
    try {
      decoded = BlockHeader.decode(headerRlp);
    } catch (RlpException e) {
      throw reader.error(header.offset(), "header record of block " + number + " is not a valid header: "
          + e.getMessage());
    }
    if (decoded.number() != number) {
      throw reader.error(header.offset(), "header record holds block " + decoded.number() + ", expected block " + number
          + " (index start " + startNumber + ")");
    }
    E2StoreRecord body = reader.recordAt(header.end(), TYPE_COMPRESSED_BODY, "body record of block " + number);
    byte[] bodyRlp = null;
    if (readBody) {
      bodyRlp = decompress(body);
      requireOneList(bodyRlp, body, number);
    }
    // Receipts are only located and bounds-checked here: headers and bodies do not need them.
    E2StoreRecord receipts = reader.recordAt(body.end(), TYPE_COMPRESSED_RECEIPTS, "receipts record of block " + number);
    E2StoreRecord td = reader.recordAt(receipts.end(), TYPE_TOTAL_DIFFICULTY, "total difficulty record of block " + number);
    if (td.length() != 32) {
      throw reader.error(td.offset(), "total difficulty record of block " + number + " has " + td.length()
          + " bytes, expected 32");
    }
    BigInteger totalDifficulty = HeaderRecord.readUInt256LittleEndian(reader.readData(td, 32), 0);
    SourceBlock block = new SourceBlock(decoded, bodyRlp, totalDifficulty, file() + ":" + header.offset());
    return new Tuple(block, td.end());
  }

  private byte[] decompress(E2StoreRecord record) throws SourceFormatException, IOException {
    byte[] framed = reader.readData(record, config.maxRecordBytes());
    return SnappyFramedDecoder.decode(framed, config.maxRecordBytes(), file(), record.dataOffset());
  }

  private void requireOneList(byte[] rlp, E2StoreRecord record, long number) throws SourceFormatException {
    try {
      RlpReader r = RlpReader.wrap(rlp);
      if (!r.nextIsList()) {
        throw reader.error(record.offset(), "body record of block " + number + " is not an RLP list");
      }
      r.skip();
      r.requireEnd();
    } catch (RlpException e) {
      throw reader.error(record.offset(), "body record of block " + number + " is not one RLP list: " + e.getMessage());
    }
  }

  private void checkPosition(int i) {
    if (i < 0 || i >= headerOffsets.length) {
      throw new IndexOutOfBoundsException("block position " + i + " outside 0.." + (headerOffsets.length - 1)
          + " in " + file());
    }
  }

  private static long readLongLe(E2StoreReader reader, long offset) throws IOException {
    byte[] b = new byte[8];
    reader.readFully(offset, b, 0, 8);
    return readLongLe(b, 0);
  }

  private static long readLongLe(byte[] b, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
