package io.headersync.core.era;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.headersync.core.source.SourceBlock;
import io.headersync.core.source.SourceFormatException;
import io.headersync.core.testdata.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies of a real era1 file, damaged one way each, must fail with the file, the offset and the reason. */
class Era1DamagedFileTest {

  private static final String ORIGINAL = "mainnet/era1/mainnet-00000-5ec1ffb8.era1";

  @TempDir
  Path tmp;
  private byte[] bytes;
  private Path copy;

  @BeforeEach
  void copyOriginal() throws IOException {
    bytes = Files.readAllBytes(TestData.require(ORIGINAL));
    copy = tmp.resolve("damaged.era1");
  }

  @Test
  void truncatedFileIsRefusedOnOpen() throws IOException {
    int cut = bytes.length / 2;
    write(Arrays.copyOf(bytes, cut));

    SourceFormatException e = catchThrowableOfType(SourceFormatException.class, () -> Era1File.open(copy));

    assertThat(e.file()).isEqualTo(copy);
    assertThat(e.offset()).isBetween(0L, (long) cut);
    assertThat(e.reason()).contains("block index");
    assertThat(e.getMessage()).startsWith(copy + " at offset " + e.offset() + ": ");
  }

  @Test
  void truncatedFileStopsTheRecordWalkAtTheCutRecord() throws IOException {
    int cut = bytes.length / 2;
    write(Arrays.copyOf(bytes, cut));
    long lastStart = -1;
    SourceFormatException e = null;
    try (E2StoreReader reader = E2StoreReader.open(copy)) {
      while (true) {
        lastStart = reader.position();
        try {
          if (reader.next().isEmpty()) {
            break;
          }
        } catch (SourceFormatException x) {
          e = x;
          break;
        }
      }
    }
    assertThat(e).isNotNull();
    assertThat(e.file()).isEqualTo(copy);
    assertThat(e.offset()).isEqualTo(lastStart);
    assertThat(e.offset()).isLessThan(cut);
    assertThat(e.reason()).startsWith("truncated record");
  }

  @Test
  void flippedByteInACompressedHeaderIsACrcOrSnappyError() throws Exception {
    long headerRecord;
    try (Era1File file = Era1File.open(TestData.require(ORIGINAL))) {
      headerRecord = file.headerOffset(100);
    }
    // record header (8) + stream identifier chunk (4 + 6) + data chunk header (4) + CRC (4), then 6 bytes into the data
    long firstDataChunk = headerRecord + 8 + 10;
    int flipAt = (int) (firstDataChunk + 8 + 6);
    bytes[flipAt] ^= 0x40;
    write(bytes);

    try (Era1Source source = Era1Source.open(copy)) {
      for (int i = 0; i < 100; i++) {
        assertThat(source.next()).isPresent();
      }
      SourceFormatException e = catchThrowableOfType(SourceFormatException.class, source::next);
      assertThat(e.file()).isEqualTo(copy);
      assertThat(e.offset()).isEqualTo(firstDataChunk);
      assertThat(e.reason()).containsAnyOf("CRC-32C mismatch", "corrupt Snappy data");
    }
    try (Era1File file = Era1File.open(copy)) {
      SourceFormatException e = catchThrowableOfType(SourceFormatException.class, () -> file.block(100));
      assertThat(e.offset()).isEqualTo(firstDataChunk);
      assertThat(file.block(99).header().number()).isEqualTo(99);
    }
  }

  @Test
  void wrongIndexCountIsRefusedOnOpen() throws IOException {
    putLong(bytes.length - 8, 8191);
    write(bytes);

    SourceFormatException e = catchThrowableOfType(SourceFormatException.class, () -> Era1File.open(copy));

    assertThat(e.file()).isEqualTo(copy);
    assertThat(e.reason()).contains("no block index record where its count (8191");
    assertThat(e.offset()).isEqualTo(bytes.length - 8 - (16 + 8 * 8191)); // where a 8191-block index would start
  }

  @Test
  void impossibleIndexCountIsRefusedOnOpen() throws IOException {
    putLong(bytes.length - 8, 1L << 40);
    write(bytes);

    SourceFormatException e = catchThrowableOfType(SourceFormatException.class, () -> Era1File.open(copy));

    assertThat(e.offset()).isEqualTo(bytes.length - 8);
    assertThat(e.reason()).contains("block index count 1099511627776 is not in 0..8192");
  }

  @Test
  void wrongIndexStartIsFoundAtTheFirstHeader() throws Exception {
    long indexData = indexRecordOffset() + 8;
    putLong((int) indexData, 1);
    write(bytes);

    try (Era1Source source = Era1Source.open(copy)) {
      SourceFormatException e = catchThrowableOfType(SourceFormatException.class, source::next);
      assertThat(e.offset()).isEqualTo(8);
      assertThat(e.reason()).isEqualTo("header record holds block 0, expected block 1 (index start 1)");
    }
  }

  @Test
  void indexEntryPointingElsewhereIsFound() throws Exception {
    long entry = indexRecordOffset() + 8 + 8 + 8L * 3; // entry for block 3
    long value = ByteBuffer.wrap(bytes, (int) entry, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    putLong((int) entry, value + 1);
    write(bytes);

    try (Era1File file = Era1File.open(copy)) {
      SourceFormatException random = catchThrowableOfType(SourceFormatException.class, () -> file.block(3));
      assertThat(random.offset()).isEqualTo(file.headerOffset(3));
      try (Era1Source source = file.newSource()) {
        for (int i = 0; i < 3; i++) {
          source.next();
        }
        SourceFormatException e = catchThrowableOfType(SourceFormatException.class, source::next);
        assertThat(e.offset()).isEqualTo(file.headerOffset(3) - 1);
        assertThat(e.reason()).contains("block 3's header record is at offset").contains("index entry 3 points at");
      }
    }
  }

  @Test
  void changedAccumulatorRecordIsFoundAtTheEndOfTheStream() throws Exception {
    long accumulatorData = indexRecordOffset() - 32;
    bytes[(int) accumulatorData] ^= 1;
    write(bytes);

    try (Era1Source source = Era1Source.open(copy, Era1Config.HEADERS_ONLY)) {
      int blocks = 0;
      SourceFormatException e = null;
      try {
        for (Optional<SourceBlock> b = source.next(); b.isPresent(); b = source.next()) {
          blocks++;
        }
      } catch (SourceFormatException x) {
        e = x;
      }
      assertThat(blocks).isEqualTo(8192);
      assertThat(e).isNotNull();
      assertThat(e.offset()).isEqualTo(accumulatorData - 8);
      assertThat(e.reason()).contains("does not match the root");
    }
  }

  @Test
  void nonZeroReservedBytesInARecordHeaderAreRefused() throws Exception {
    long td;
    try (Era1File file = Era1File.open(TestData.require(ORIGINAL))) {
      td = file.headerOffset(1) - 40; // block 0's total difficulty record: 8-byte header + 32 bytes
    }
    bytes[(int) td + 7] = 1;
    write(bytes);

    try (Era1Source source = Era1Source.open(copy)) {
      SourceFormatException e = catchThrowableOfType(SourceFormatException.class, source::next);
      assertThat(e.offset()).isEqualTo(td);
      assertThat(e.reason()).isEqualTo("reserved field of record type 0x0006 is 0x0100, must be zero");
    }
  }

  @Test
  void unknownRecordInsideABlockTupleIsRefused() throws Exception {
    long receipts;
    try (Era1File file = Era1File.open(TestData.require(ORIGINAL))) {
      receipts = file.headerOffset(7) - 40 - 8 - 19; // block 6: ... receipts (19 bytes) | total difficulty (32)
    }
    assertThat(bytes[(int) receipts]).isEqualTo((byte) 0x05);
    bytes[(int) receipts] = (byte) 0x99;
    write(bytes);

    try (Era1Source source = Era1Source.open(copy)) {
      for (int i = 0; i < 6; i++) {
        source.next();
      }
      SourceFormatException e = catchThrowableOfType(SourceFormatException.class, source::next);
      assertThat(e.offset()).isEqualTo(receipts);
      assertThat(e.reason()).isEqualTo("expected receipts record of block 6 (type 0x0005), found type 0x0099");
    }
  }

  private long indexRecordOffset() {
    long count = ByteBuffer.wrap(bytes, bytes.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return bytes.length - 8 - (16 + 8 * count);
  }

  private void putLong(int at, long value) {
    ByteBuffer.wrap(bytes, at, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
  }

  private void write(byte[] content) throws IOException {
    Files.write(copy, content);
  }
}
