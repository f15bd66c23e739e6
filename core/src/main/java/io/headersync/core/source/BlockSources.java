package io.headersync.core.source;

import io.headersync.core.era.Era1Source;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Opens a block file in whichever format it is, judged by its first bytes (and the {@code .era1}
 * extension):
 *
 * <ul>
 *   <li>era1 ({@link Era1Source}, default config: bodies read, accumulator checked): an e2store
 *       version record ({@code 65 32 00 00 00 00 00 00}) or a {@code .era1} name;
 *   <li>RLP chain file: starts with an RLP list header (first byte 0xc0 or above);
 *   <li>header hex text: starts with a hex digit, {@code #} or white space (or is empty).
 * </ul>
 *
 * A gzip file ({@code 1f 8b}) is decompressed as it is read and judged by what it holds; the
 * offsets its errors name are then offsets in the decompressed bytes.
 */
public final class BlockSources {

  private static final int SNIFF_BYTES = 8;
  private static final int BUFFER_BYTES = 1 << 20;

  private BlockSources() {}

  /** The format {@link #open} would read {@code file} as, for messages and tools. */
  public enum Format {
    ERA1, CHAIN_RLP, HEADER_HEX
  }

  /**
   * Opens {@code file} with the default limits of its format.
   *
   * @throws SourceFormatException at offset 0 when the first bytes match no format
   */
  public static BlockSource open(Path file) throws IOException, SourceFormatException {
    if (isEra1Name(file)) {
      return openEra1(file);
    }
    InputStream in = new BufferedInputStream(Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ)), BUFFER_BYTES);
    try {
      byte[] head = peek(in);
      boolean gzip = head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
      if (gzip) {
        in = new BufferedInputStream(new GZIPInputStream(in, 64 << 10), BUFFER_BYTES);
        head = peek(in);
      }
      Format format = detect(file, head, gzip);
      return switch (format) {
        case ERA1 -> {
          in.close();
          yield openEra1(file);
        }
        case CHAIN_RLP -> new ChainRlpSource(file, in, ChainRlpSource.Limits.DEFAULT);
        case HEADER_HEX -> new HeaderHexSource(file, in, HeaderHexSource.Limits.DEFAULT);
      };
    } catch (IOException | SourceFormatException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * The format of a file that starts with {@code head}.
   *
   * @param compressed whether {@code head} was read after gzip decompression (era1 files are
   *     read in place, never through a decompressor)
   */
  public static Format detect(Path file, byte[] head, boolean compressed) throws SourceFormatException {
    if (head.length == 0) {
      return Format.HEADER_HEX;
    }
    if (!compressed && head.length >= SNIFF_BYTES && (head[0] & 0xFF) == 0x65 && (head[1] & 0xFF) == 0x32
        && isZero(head, 2, SNIFF_BYTES)) {
      return Format.ERA1;
    }
    int first = head[0] & 0xFF;
    if (first >= 0xC0) {
      return Format.CHAIN_RLP;
    }
    if (Character.digit(first, 16) >= 0 || first == '#' || first == ' ' || first == '\t' || first == '\r' || first == '\n') {
      return Format.HEADER_HEX;
    }
    throw new SourceFormatException(file, 0, String.format(
        "unrecognised block file: first byte 0x%02x is neither an RLP list (chain file), hex text (headers) "
            + "nor an e2store version record (era1)%s", first, compressed ? " (after gzip decompression)" : ""));
  }

  private static boolean isEra1Name(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".era1");
  }

  private static BlockSource openEra1(Path file) throws IOException, SourceFormatException {
    return Era1Source.open(file);
  }

  private static byte[] peek(InputStream in) throws IOException {
    in.mark(SNIFF_BYTES);
    byte[] head = in.readNBytes(SNIFF_BYTES);
    in.reset();
    return head;
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
