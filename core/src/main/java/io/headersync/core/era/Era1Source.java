package io.headersync.core.era;

import io.headersync.core.bytes.Hash;
import io.headersync.core.source.BlockSource;
import io.headersync.core.source.SourceBlock;
import io.headersync.core.source.SourceFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The blocks of an era1 file in file order, with bounded memory (one block at a time).
 *
 * <p>Walking the file record by record, it checks what opening the file could not: that block
 * {@code i}'s header record sits exactly where index entry {@code i} points, that the header
 * numbers run from the index start without a gap, that each tuple is complete, that no header
 * or accumulator record hides between the last block and the accumulator, and (when
 * {@link Era1Config#checkAccumulator()}) that the blocks' hashes and total difficulties hash to
 * the file's accumulator record. Empty records are skipped anywhere; records of types era1
 * does not define are skipped only after the last block, where the format allows other entries.
 */
public final class Era1Source implements BlockSource {

  private final Era1File file;
  private final boolean ownsFile;
  private final EpochAccumulator accumulator;
  private long position = E2StoreRecord.HEADER_SIZE; // just past the version record
  private int nextBlock;
  private boolean finished;

  Era1Source(Era1File file, boolean ownsFile) {
    this.file = file;
    this.ownsFile = ownsFile;
    this.accumulator = file.config().checkAccumulator() ? new EpochAccumulator() : null;
  }

  /** Opens {@code path} with {@link Era1Config#DEFAULT}; closing the source closes the file. */
  public static Era1Source open(Path path) throws SourceFormatException, IOException {
    return open(path, Era1Config.DEFAULT);
  }

  /** Opens {@code path}; closing the source closes the file. */
  public static Era1Source open(Path path, Era1Config config) throws SourceFormatException, IOException {
    return new Era1Source(Era1File.open(path, config), true);
  }

  /** The file being read, for its index and accumulator root. */
  public Era1File file() {
    return file;
  }

  /**
   * The root of the epoch record of the blocks read so far; after the last block it is what the
   * file's accumulator record was checked against.
   *
   * @throws IllegalStateException when the config turned the accumulator check off
   */
  public Hash computedAccumulatorRoot() {
    if (accumulator == null) {
      throw new IllegalStateException("accumulator check is off in this source's config");
    }
    return accumulator.root();
  }

  @Override
  public Optional<SourceBlock> next() throws SourceFormatException, IOException {
    if (finished) {
      return Optional.empty();
    }
    E2StoreReader reader = file.reader();
    if (nextBlock < file.blockCount()) {
      long number = file.startNumber() + nextBlock;
      E2StoreRecord record = skipEmpty(reader, position);
      if (record.type() != Era1File.TYPE_COMPRESSED_HEADER) {
        String why = record.offset() == file.accumulatorOffset()
            ? ": the file holds " + nextBlock + " blocks but its index counts " + file.blockCount()
            : "";
        throw reader.error(record.offset(), "expected the header record (type 0x0003) of block " + number
            + ", found type " + record.typeName() + why);
      }
      if (record.offset() != file.headerOffset(nextBlock)) {
        throw reader.error(record.offset(), "block " + number + "'s header record is at offset " + record.offset()
            + " but block index entry " + nextBlock + " points at " + file.headerOffset(nextBlock));
      }
      Era1File.Tuple tuple = file.readTuple(record, number, file.config().readBodies());
      if (accumulator != null) {
        accumulator.add(tuple.block().header().hash(), tuple.block().totalDifficulty());
      }
      position = tuple.end();
      nextBlock++;
      return Optional.of(tuple.block());
    }
    finishAfterLastBlock(reader);
    finished = true;
    return Optional.empty();
  }

  /** Checks the records between the last block and the accumulator, then the accumulator itself. */
  private void finishAfterLastBlock(E2StoreReader reader) throws SourceFormatException, IOException {
    long accumulatorAt = file.accumulatorOffset();
    while (position < accumulatorAt) {
      E2StoreRecord record = reader.recordAt(position);
      switch (record.type()) {
        case Era1File.TYPE_COMPRESSED_HEADER -> throw reader.error(position, "header record after the last block: the"
            + " block index counts " + file.blockCount() + " blocks but the file holds more");
        case Era1File.TYPE_COMPRESSED_BODY, Era1File.TYPE_COMPRESSED_RECEIPTS, Era1File.TYPE_TOTAL_DIFFICULTY,
            Era1File.TYPE_ACCUMULATOR, Era1File.TYPE_BLOCK_INDEX, E2StoreReader.TYPE_VERSION ->
            throw reader.error(position, "unexpected record type " + record.typeName() + " after the last block"
                + (record.type() == Era1File.TYPE_ACCUMULATOR ? ": an era1 file has exactly one accumulator record" : ""));
        default -> {
          // other entries, which the format allows here
        }
      }
      if (record.end() > accumulatorAt) {
        throw reader.error(position, "record type " + record.typeName() + " runs into the accumulator record at offset "
            + accumulatorAt);
      }
      position = record.end();
    }
    if (accumulator != null && !accumulator.root().equals(file.accumulatorRoot())) {
      throw reader.error(accumulatorAt, "accumulator record " + file.accumulatorRoot() + " does not match the root "
          + accumulator.root() + " of the " + accumulator.size() + " blocks in the file");
    }
  }

  private static E2StoreRecord skipEmpty(E2StoreReader reader, long from) throws SourceFormatException, IOException {
    E2StoreRecord record = reader.recordAt(from);
    while (record.type() == E2StoreReader.TYPE_EMPTY) {
      record = reader.recordAt(record.end());
    }
    return record;
  }

  @Override
  public void close() throws IOException {
    if (ownsFile) {
      file.close();
    }
  }
}
