package io.headersync.core.source;

import io.headersync.core.block.BlockHeader;
import io.headersync.rlp.RlpException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a text file of headers: one header RLP in hex a line, with or without {@code 0x}.
 * Blank lines and lines whose first non-blank character is {@code #} are skipped; a line holding
 * anything else (a second field, a stray character) is an error, not something to guess about.
 *
 * <p>The file is read byte by byte through a buffer so that every error names the exact byte
 * offset of the offending character and its line number; a line is held in memory only up to
 * {@link Limits#maxLineBytes()}. Lines end with {@code \n} or {@code \r\n}.
 */
public final class HeaderHexSource implements BlockSource {

  /**
   * @param maxLineBytes the longest line accepted. Default 64 KiB: a header is well under 1 KiB
   *     of RLP (about 2 KiB of hex) in every fork so far, so this allows thirty times that and
   *     still stops a binary file read by mistake from filling the heap one "line" at a time
   * @param readBufferBytes the read buffer. Default 256 KiB, a few hundred headers a read
   */
  public record Limits(int maxLineBytes, int readBufferBytes) {

    public static final Limits DEFAULT = new Limits(64 << 10, 256 << 10);

    public Limits {
      if (maxLineBytes < 16 || readBufferBytes < 16) {
        throw new IllegalArgumentException("limits too small: " + maxLineBytes + ", " + readBufferBytes);
      }
    }
  }

  private final Path file;
  private final InputStream in;
  private final byte[] line;
  private long offset;
  private long lineNumber;
  private boolean ended;

  /**
   * Reads lines from {@code in}, which this source closes.
   *
   * @param file the name used in errors and locations
   */
  public HeaderHexSource(Path file, InputStream in, Limits limits) {
    this.file = Objects.requireNonNull(file, "file");
    this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, limits.readBufferBytes());
    this.line = new byte[limits.maxLineBytes()];
  }

  public static HeaderHexSource open(Path file) throws IOException {
    return open(file, Limits.DEFAULT);
  }

  public static HeaderHexSource open(Path file, Limits limits) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    return new HeaderHexSource(file, new BufferedInputStream(Channels.newInputStream(channel), limits.readBufferBytes()), limits);
  }

  /** Number of the last line read (the first line is 1). */
  public long lineNumber() {
    return lineNumber;
  }

  @Override
  public Optional<SourceBlock> next() throws SourceFormatException, IOException {
    while (!ended) {
      long lineStart = offset;
      int length = readLine(lineStart);
      int from = 0;
      int to = length;
      while (from < to && isBlank(line[from])) {
        from++;
      }
      while (to > from && isBlank(line[to - 1])) {
        to--;
      }
      if (from == to || line[from] == '#') {
        continue;
      }
      byte[] rlp = parseHex(from, to, lineStart);
      try {
        BlockHeader header = BlockHeader.decode(rlp);
        return Optional.of(new SourceBlock(header, null, null, file + ":" + (lineStart + from)));
      } catch (RlpException e) {
        throw error(lineStart + from, "header RLP (offset within the decoded bytes): " + e.getMessage(), e);
      }
    }
    return Optional.empty();
  }

  /** Reads one line into {@link #line}, without its terminator; returns its length. */
  private int readLine(long lineStart) throws SourceFormatException, IOException {
    lineNumber++;
    int length = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        ended = true;
        break;
      }
      offset++;
      if (b == '\n') {
        break;
      }
      if (length == line.length) {
        throw error(lineStart, "line longer than " + line.length + " bytes (HeaderHexSource.Limits.maxLineBytes)");
      }
      line[length++] = (byte) b;
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return length;
  }

  private byte[] parseHex(int from, int to, long lineStart) throws SourceFormatException {
    int digitsFrom = from;
    if (to - from >= 2 && line[from] == '0' && (line[from + 1] == 'x' || line[from + 1] == 'X')) {
      digitsFrom += 2;
    }
    for (int i = digitsFrom; i < to; i++) {
      if (Character.digit(line[i] & 0xFF, 16) < 0) {
        int c = line[i] & 0xFF;
        String what = isBlank(line[i])
            ? "a second field after the hex (one header RLP in hex a line, nothing else)"
            : c >= 0x21 && c < 0x7F ? "'" + (char) c + "', not a hex digit" : String.format("byte 0x%02x, not a hex digit", c);
        throw error(lineStart + i, "column " + (i + 1) + ": " + what);
      }
    }
    int digits = to - digitsFrom;
    if (digits % 2 != 0) {
      throw error(lineStart + from, "odd number of hex digits (" + digits + ")");
    }
    byte[] out = new byte[digits / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(line[digitsFrom + 2 * i], 16);
      int lo = Character.digit(line[digitsFrom + 2 * i + 1], 16);
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }

  private SourceFormatException error(long at, String reason) {
    return error(at, reason, null);
  }

  private SourceFormatException error(long at, String reason, Throwable cause) {
    return new SourceFormatException(file, at, "line " + lineNumber + ": " + reason, cause);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
