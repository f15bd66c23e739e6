package io.headersync.core.era;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.headersync.core.source.SourceFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class E2StoreReaderTest {

  @TempDir
  Path tmp;

  @Test
  void readsRecordsInOrderWithTheirData() throws Exception {
    byte[] big = new byte[100_000]; // larger than the read window
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    Path file = write(record(0x3265, new byte[0]), record(0x0001, new byte[] {1, 2, 3}), record(0x00ff, big),
        record(0x0000, new byte[] {9}));
    try (E2StoreReader r = E2StoreReader.open(file)) {
      E2StoreRecord version = r.next().orElseThrow();
      assertThat(version).isEqualTo(new E2StoreRecord(0x3265, 0, 0));
      E2StoreRecord small = r.next().orElseThrow();
      assertThat(small).isEqualTo(new E2StoreRecord(1, 8, 3));
      E2StoreRecord large = r.next().orElseThrow();
      assertThat(large.dataOffset()).isEqualTo(27);
      E2StoreRecord empty = r.next().orElseThrow();
      assertThat(empty.type()).isZero();
      assertThat(r.next()).isEmpty();
      assertThat(r.readData(small, 10)).containsExactly(1, 2, 3);
      assertThat(r.readData(large, big.length)).isEqualTo(big);
      assertThat(r.readData(empty, 1)).containsExactly(9);
      assertThat(r.recordAt(8, 0x0001, "the small record")).isEqualTo(small);
    }
  }

  @Test
  void lengthBeyondTheFileIsATruncatedRecord() throws Exception {
    byte[] good = record(0x0003, new byte[] {1, 2});
    byte[] bad = record(0x0004, new byte[10]);
    Path file = write(good, Arrays.copyOf(bad, 12));
    try (E2StoreReader r = E2StoreReader.open(file)) {
      r.next();
      SourceFormatException e = catchThrowableOfType(SourceFormatException.class, r::next);
      assertThat(e.file()).isEqualTo(file);
      assertThat(e.offset()).isEqualTo(10);
      assertThat(e.reason()).isEqualTo("truncated record: type 0x0004 declares 10 data bytes but only 4 remain in the file");
    }
  }

  @Test
  void partialRecordHeaderIsTruncated() throws Exception {
    Path file = write(record(0x0003, new byte[] {1}), new byte[] {3, 0, 5});
    try (E2StoreReader r = E2StoreReader.open(file)) {
      r.next();
      SourceFormatException e = catchThrowableOfType(SourceFormatException.class, r::next);
      assertThat(e.offset()).isEqualTo(9);
      assertThat(e.reason()).isEqualTo("truncated record header: 3 bytes left, a record header needs 8");
    }
  }

  @Test
  void reservedBytesMustBeZero() throws Exception {
    byte[] rec = record(0x0005, new byte[] {1});
    rec[6] = 2;
    Path file = write(rec);
    try (E2StoreReader r = E2StoreReader.open(file)) {
      SourceFormatException e = catchThrowableOfType(SourceFormatException.class, r::next);
      assertThat(e.offset()).isZero();
      assertThat(e.reason()).isEqualTo("reserved field of record type 0x0005 is 0x0002, must be zero");
    }
  }

  @Test
  void oversizedDataIsRefusedBeforeReading() throws Exception {
    Path file = write(record(0x0003, new byte[64]));
    try (E2StoreReader r = E2StoreReader.open(file)) {
      E2StoreRecord rec = r.next().orElseThrow();
      SourceFormatException e = catchThrowableOfType(SourceFormatException.class, () -> r.readData(rec, 63));
      assertThat(e.reason()).isEqualTo("record type 0x0003 holds 64 bytes, more than the limit of 63");
    }
  }

  @Test
  void unexpectedTypeNamesBoth() throws Exception {
    Path file = write(record(0x0004, new byte[0]));
    try (E2StoreReader r = E2StoreReader.open(file)) {
      SourceFormatException e = catchThrowableOfType(SourceFormatException.class, () -> r.recordAt(0, 3, "header record"));
      assertThat(e.reason()).isEqualTo("expected header record (type 0x0003), found type 0x0004");
    }
  }

  static byte[] record(int type, byte[] data) {
    byte[] r = new byte[8 + data.length];
    r[0] = (byte) type;
    r[1] = (byte) (type >>> 8);
    r[2] = (byte) data.length;
    r[3] = (byte) (data.length >>> 8);
    r[4] = (byte) (data.length >>> 16);
    r[5] = (byte) (data.length >>> 24);
    System.arraycopy(data, 0, r, 8, data.length);
    return r;
  }

  private Path write(byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p);
    }
    Path file = tmp.resolve("test.e2s");
    Files.write(file, out.toByteArray());
    return file;
  }
}
