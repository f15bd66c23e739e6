package io.headersync.node.testing;

import io.headersync.core.bytes.Hex;
import io.headersync.core.testdata.TestData.HeaderLine;
import io.headersync.rlp.RlpReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** Writes header hex files (one header RLP in hex a line), the simplest input the importer reads. */
public final class HeaderFiles {

  private HeaderFiles() {}

  /** Writes the RLP of {@code lines}, each passed through {@code edit}, one a line. */
  public static Path write(Path file, List<HeaderLine> lines, UnaryOperator<byte[]> edit) {
    StringBuilder text = new StringBuilder();
    for (HeaderLine l : lines) {
      text.append(Hex.encode(edit.apply(l.rlp().clone()))).append('\n');
    }
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path file, List<HeaderLine> lines) {
    return write(file, lines, UnaryOperator.identity());
  }

  /** Header fields by their position in the RLP list (every fork keeps these first fifteen). */
  public static final int DIFFICULTY = 7;
  public static final int GAS_USED = 10;
  public static final int EXTRA_DATA = 12;
  public static final int MIX_HASH = 13;
  public static final int NONCE = 14;

  /** Offset in {@code headerRlp} of the payload of field {@code index}. */
  public static int payloadOffset(byte[] headerRlp, int index) {
    RlpReader fields = RlpReader.wrap(headerRlp).readList();
    for (int i = 0; i < index; i++) {
      fields.skip();
    }
    return fields.nextPayloadOffset();
  }

  /** Payload length of field {@code index}. */
  public static int payloadLength(byte[] headerRlp, int index) {
    RlpReader fields = RlpReader.wrap(headerRlp).readList();
    for (int i = 0; i < index; i++) {
      fields.skip();
    }
    return fields.nextPayloadLength();
  }

  /**
   * A copy of {@code headerRlp} with the last payload byte of field {@code index} XORed with 1. The
   * RLP stays well formed and canonical (lengths are unchanged, and an integer's leading byte only
   * changes when it is its only byte, which must then not become zero: checked here, so that a
   * test's input is what it claims to be).
   */
  public static byte[] flipLastByteOf(byte[] headerRlp, int index) {
    int length = payloadLength(headerRlp, index);
    if (length == 0) {
      throw new IllegalArgumentException("field " + index + " is empty: nothing to flip");
    }
    byte[] out = headerRlp.clone();
    int at = payloadOffset(headerRlp, index) + length - 1;
    out[at] ^= 1;
    RlpReader.validate(out);
    if (length == 1 && out[at] == 0) {
      throw new IllegalArgumentException("field " + index + " would become a zero byte, a non-canonical integer");
    }
    return out;
  }
}
