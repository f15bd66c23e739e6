package io.headersync.core.era;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.headersync.core.source.SourceFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedOutputStream;

class SnappyFramedDecoderTest {

  private static final Path FILE = Path.of("records.bin");
  private static final long BASE = 1000; // where the framed bytes start in the pretend file

  @Test
  void decodesWhatSnappyJavasFramedWriterProduces() throws Exception {
    byte[] data = sample(200_000); // several 64 KiB chunks
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (SnappyFramedOutputStream framed = new SnappyFramedOutputStream(out)) {
      framed.write(data);
    }
    assertThat(SnappyFramedDecoder.decode(out.toByteArray(), data.length, FILE, BASE)).isEqualTo(data);
  }

  @Test
  void decodesEveryChunkKindAndSkipsPaddingAndSkippableChunks() throws Exception {
    byte[] a = "first part, compressed, first part, compressed".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "second part stored as is".getBytes(StandardCharsets.US_ASCII);
    byte[] framed = concat(identifier(), compressed(a), chunk(0xfe, new byte[7]), chunk(0x80, new byte[] {1, 2}),
        uncompressed(b), identifier());
    assertThat(SnappyFramedDecoder.decode(framed, 1000, FILE, BASE)).isEqualTo(concat(a, b));
  }

  @Test
  void emptyStreamWithOnlyAnIdentifierDecodesToNothing() throws Exception {
    assertThat(SnappyFramedDecoder.decode(identifier(), 10, FILE, BASE)).isEmpty();
  }

  @Test
  void badCrcNamesTheChunk() {
    byte[] good = compressed(sample(500));
    good[4] ^= 1; // first CRC byte
    byte[] framed = concat(identifier(), uncompressed(new byte[] {1}), good);
    SourceFormatException e = decodeFails(framed, 10_000);
    long chunkAt = BASE + 10 + 4 + 4 + 1;
    assertThat(e.offset()).isEqualTo(chunkAt);
    assertThat(e.file()).isEqualTo(FILE);
    assertThat(e.reason()).startsWith("CRC-32C mismatch in compressed chunk: stored 0x");
  }

  @Test
  void corruptCompressedDataIsRefused() {
    byte[] chunk = compressed(sample(500));
    for (int i = 4 + 4 + 2; i < chunk.length; i++) { // after the chunk header, the CRC and the 2-byte length varint
      chunk[i] = (byte) 0xff; // copy operations reaching far before the start
    }
    SourceFormatException e = decodeFails(concat(identifier(), chunk), 10_000);
    assertThat(e.offset()).isEqualTo(BASE + 10);
    assertThat(e.reason()).containsAnyOf("corrupt Snappy data", "CRC-32C mismatch", "decompresses to");
  }

  @Test
  void missingStreamIdentifierIsRefused() {
    SourceFormatException e = decodeFails(uncompressed(new byte[] {1, 2}), 100);
    assertThat(e.offset()).isEqualTo(BASE);
    assertThat(e.reason()).contains("does not start with a stream identifier");
  }

  @Test
  void wrongStreamIdentifierIsRefused() {
    SourceFormatException e = decodeFails(chunk(0xff, "sNaPpX".getBytes(StandardCharsets.US_ASCII)), 100);
    assertThat(e.reason()).contains("bad stream identifier");
  }

  @Test
  void reservedUnskippableChunkIsRefused() {
    SourceFormatException e = decodeFails(concat(identifier(), chunk(0x02, new byte[3])), 100);
    assertThat(e.offset()).isEqualTo(BASE + 10);
    assertThat(e.reason()).isEqualTo("reserved unskippable chunk type 0x02");
  }

  @Test
  void truncatedChunkIsRefused() {
    byte[] c = uncompressed(new byte[20]);
    byte[] framed = concat(identifier(), Arrays.copyOf(c, c.length - 5));
    SourceFormatException e = decodeFails(framed, 100);
    assertThat(e.offset()).isEqualTo(BASE + 10);
    assertThat(e.reason()).isEqualTo("truncated chunk: type 0x01 declares 24 bytes but only 19 remain in the record");
  }

  @Test
  void outputOverTheLimitIsRefusedBeforeDecompressing() {
    byte[] framed = concat(identifier(), compressed(new byte[600]), compressed(new byte[600]));
    SourceFormatException e = decodeFails(framed, 1000);
    assertThat(e.reason()).isEqualTo("decoded record exceeds the limit of 1000 bytes");
  }

  @Test
  void uncompressedChunkOver64KiBIsRefused() {
    SourceFormatException e = decodeFails(concat(identifier(), uncompressed(new byte[65537])), 1 << 20);
    assertThat(e.reason()).contains("65537 uncompressed bytes, more than the 65536");
  }

  private static SourceFormatException decodeFails(byte[] framed, int max) {
    return catchThrowableOfType(SourceFormatException.class, () -> SnappyFramedDecoder.decode(framed, max, FILE, BASE));
  }

  private static byte[] identifier() {
    return chunk(0xff, "sNaPpY".getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] compressed(byte[] data) {
    try {
      return chunk(0x00, concat(crc(data), Snappy.compress(data)));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] uncompressed(byte[] data) {
    return chunk(0x01, concat(crc(data), data));
  }

  private static byte[] crc(byte[] data) {
    CRC32C c = new CRC32C();
    c.update(data);
    int v = (int) c.getValue();
    int masked = ((v >>> 15) | (v << 17)) + 0xa282ead8;
    return new byte[] {(byte) masked, (byte) (masked >>> 8), (byte) (masked >>> 16), (byte) (masked >>> 24)};
  }

  private static byte[] chunk(int type, byte[] body) {
    byte[] c = new byte[4 + body.length];
    c[0] = (byte) type;
    c[1] = (byte) body.length;
    c[2] = (byte) (body.length >>> 8);
    c[3] = (byte) (body.length >>> 16);
    System.arraycopy(body, 0, c, 4, body.length);
    return c;
  }

  private static byte[] sample(int n) {
    Random r = new Random(7);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (r.nextInt(16) + 'a'); // compressible, not trivially
    }
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
