package io.headersync.core.source;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an RLP chain file: full blocks {@code [header, transactions, ommers, (withdrawals), …]}
 * written one after the other with nothing between them, as {@code geth export} writes
 * {@code chain.rlp}.
 *
 * <p>Memory stays bounded whatever the file's size: the list header of each block is read from a
 * buffered stream, checked against {@link Limits#maxBlockBytes()}, and only then is that one
 * block read into an array. Each block is fully decoded (header, and the body's transactions,
 * ommers and withdrawals) so a malformed file fails here, with the offset of the offending item,
 * rather than later in whoever consumes the body.
 *
 * <p>{@link SourceBlock#bodyRlp()} is the block's items after the header, re-wrapped as the list
 * {@code [transactions, ommers, (withdrawals), …]}. Offsets are those of the stream the source
 * reads: for a compressed file opened through {@link BlockSources}, offsets in the decompressed
 * bytes.
 */
public final class ChainRlpSource implements BlockSource {

  /**
   * How much a chain file may ask of memory.
   *
   * @param maxBlockBytes the largest block (list header included) accepted. Default 64 MiB: a
   *     mainnet block is bounded by its gas limit to a few MiB of calldata, so this leaves an
   *     order of magnitude of headroom while refusing a corrupt length prefix that would claim
   *     gigabytes
   * @param readBufferBytes the read buffer. Default 1 MiB: large enough that a sequential read of
   *     a multi-GB file is a few thousand system calls per GB, small enough to be irrelevant to
   *     the heap
   */
  public record Limits(int maxBlockBytes, int readBufferBytes) {

    public static final Limits DEFAULT = new Limits(64 << 20, 1 << 20);

    public Limits {
      if (maxBlockBytes < 16 || readBufferBytes < 16) {
        throw new IllegalArgumentException("limits too small: " + maxBlockBytes + ", " + readBufferBytes);
      }
    }
  }

  private final Path file;
  private final InputStream in;
  private final Limits limits;
  private long offset;
  private long blocksRead;

  /**
   * Reads blocks from {@code in}, which this source closes.
   *
   * @param file the name used in errors and locations
   */
  public ChainRlpSource(Path file, InputStream in, Limits limits) {
    this.file = Objects.requireNonNull(file, "file");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, limits.readBufferBytes());
  }

  /** Opens an uncompressed chain file with the default limits. */
  public static ChainRlpSource open(Path file) throws IOException {
    return open(file, Limits.DEFAULT);
  }

  public static ChainRlpSource open(Path file, Limits limits) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    return new ChainRlpSource(file, new BufferedInputStream(Channels.newInputStream(channel), limits.readBufferBytes()), limits);
  }

  /** Offset of the next block in the stream. */
  public long position() {
    return offset;
  }

  /** Blocks returned so far. */
  public long blocksRead() {
    return blocksRead;
  }

  @Override
  public Optional<SourceBlock> next() throws SourceFormatException, IOException {
    long start = offset;
    int first = in.read();
    if (first < 0) {
      return Optional.empty();
    }
    offset++;
    byte[] block = readBlock(start, first);
    BlockHeader header;
    byte[] bodyRlp;
    try {
      RlpReader items = RlpReader.wrap(block).readList();
      items.requireNext("header");
      int headerStart = items.position();
      int headerEnd = headerStart + items.nextItemSize();
      try {
        header = BlockHeader.decode(Arrays.copyOfRange(block, headerStart, headerEnd));
      } catch (RlpException e) {
        throw error(start + headerStart + e.offset(), "header (offset relative to it): " + e.getMessage(), e);
      }
      items.skip();
      bodyRlp = wrapAsList(block, headerEnd, block.length - headerEnd);
      BlockBody.readItems(items); // checks the body's shape at its real offsets; the result is not kept
    } catch (RlpException e) {
      throw error(start + e.offset(), e.getMessage(), e);
    }
    blocksRead++;
    return Optional.of(new SourceBlock(header, bodyRlp, null, file + ":" + start));
  }

  /** Reads the rest of a block whose first byte was {@code first}, checking its list header. */
  private byte[] readBlock(long start, int first) throws SourceFormatException, IOException {
    if (first < 0xC0) {
      throw error(start, String.format("expected a block (an RLP list), found %s (first byte 0x%02x)",
          first < 0x80 ? "a single-byte string" : "an RLP string", first));
    }
    int headerSize;
    long payload;
    byte[] lengthBytes = new byte[0];
    if (first <= 0xF7) {
      headerSize = 1;
      payload = first - 0xC0;
    } else {
      int lengthOfLength = first - 0xF7;
      headerSize = 1 + lengthOfLength;
      lengthBytes = new byte[lengthOfLength];
      readFully(lengthBytes, 0, lengthOfLength, start, "the block's list header");
      if (lengthBytes[0] == 0) {
        throw error(start, "non-canonical block list header: length with a leading zero byte");
      }
      payload = 0;
      for (byte b : lengthBytes) {
        payload = (payload << 8) | (b & 0xFF);
      }
      if (payload <= 55) {
        throw error(start, "non-canonical block list header: long form for a payload of " + payload + " bytes");
      }
    }
    if (payload > limits.maxBlockBytes() - headerSize) {
      throw error(start, "block of " + (headerSize + payload) + " bytes exceeds the limit of "
          + limits.maxBlockBytes() + " bytes (ChainRlpSource.Limits.maxBlockBytes)");
    }
    byte[] block = new byte[headerSize + (int) payload];
    block[0] = (byte) first;
    System.arraycopy(lengthBytes, 0, block, 1, lengthBytes.length);
    readFully(block, headerSize, (int) payload, start, "the block");
    return block;
  }

  private void readFully(byte[] into, int at, int length, long itemStart, String what)
      throws SourceFormatException, IOException {
    int done = 0;
    try {
      while (done < length) {
        int n = in.read(into, at + done, length - done);
        if (n < 0) {
          throw new EOFException();
        }
        done += n;
        offset += n;
      }
    } catch (EOFException e) {
      throw error(itemStart, "truncated: " + what + " needs " + length + " more bytes, the file ends after " + done);
    }
  }

  private static byte[] wrapAsList(byte[] src, int from, int length) {
    int headerSize = length <= 55 ? 1 : 1 + byteLength(length);
    byte[] out = new byte[headerSize + length];
    if (length <= 55) {
      out[0] = (byte) (0xC0 + length);
    } else {
      int lengthOfLength = headerSize - 1;
      out[0] = (byte) (0xF7 + lengthOfLength);
      for (int i = 0; i < lengthOfLength; i++) {
        out[1 + i] = (byte) (length >>> (8 * (lengthOfLength - 1 - i)));
      }
    }
    System.arraycopy(src, from, out, headerSize, length);
    return out;
  }

  private static int byteLength(int value) {
    return (32 - Integer.numberOfLeadingZeros(value) + 7) / 8;
  }

  private SourceFormatException error(long at, String reason) {
    return error(at, reason, null);
  }

  private SourceFormatException error(long at, String reason, Throwable cause) {
    return new SourceFormatException(file, at, "file block " + blocksRead + " (from 0): " + reason, cause);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
