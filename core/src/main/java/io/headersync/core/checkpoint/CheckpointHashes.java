package io.headersync.core.checkpoint;

import io.headersync.core.bytes.Hash;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * Block hashes a node trusts at chosen heights, in ascending order of number. Immutable; about 40
 * bytes a checkpoint (a mainnet list every 192 blocks up to 20M is some 4 MB).
 *
 * <h2>File format</h2>
 * UTF-8 text, one checkpoint a line. Blank lines and lines starting with {@code #} are skipped.
 * A line is either
 * <ul>
 *   <li>a bare hash: 64 hex digits, with or without {@code 0x}; the {@code i}-th bare hash
 *       (counting from 0) is block {@code step·i}, where the caller names the step (192 for the
 *       published every-192 lists, whose first line is the genesis hash), or
 *   <li>{@code number hash}, separated by spaces or tabs, the number in decimal; numbers must rise
 *       strictly from line to line.
 * </ul>
 * One file uses one form: mixing them is ambiguous (does a bare line continue the step from 0, or
 * from the last number?) and is rejected.
 */
public final class CheckpointHashes {

  private static final CheckpointHashes EMPTY = new CheckpointHashes(new long[0], new byte[0]);

  private final long[] numbers;
  private final byte[] hashes;

  private CheckpointHashes(long[] numbers, byte[] hashes) {
    this.numbers = numbers;
    this.hashes = hashes;
  }

  public static CheckpointHashes empty() {
    return EMPTY;
  }

  /** Checkpoints from a map of number to hash. */
  public static CheckpointHashes of(SortedMap<Long, Hash> byNumber) {
    long[] numbers = new long[byNumber.size()];
    byte[] hashes = new byte[byNumber.size() * Hash.SIZE];
    int i = 0;
    for (Map.Entry<Long, Hash> e : byNumber.entrySet()) {
      if (e.getKey() < 0) {
        throw new IllegalArgumentException("checkpoint number must not be negative: " + e.getKey());
      }
      numbers[i] = e.getKey();
      System.arraycopy(Objects.requireNonNull(e.getValue(), "hash").unsafeArray(), 0, hashes, i * Hash.SIZE, Hash.SIZE);
      i++;
    }
    return new CheckpointHashes(numbers, hashes);
  }

  /** {@code hashes.get(i)} is block {@code step·i}. */
  public static CheckpointHashes stepped(long step, List<Hash> hashes) {
    requireStep(step);
    long[] numbers = new long[hashes.size()];
    byte[] flat = new byte[hashes.size() * Hash.SIZE];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = Math.multiplyExact(step, (long) i);
      System.arraycopy(hashes.get(i).unsafeArray(), 0, flat, i * Hash.SIZE, Hash.SIZE);
    }
    return new CheckpointHashes(numbers, flat);
  }

  /**
   * Reads a checkpoint file (see the class comment).
   *
   * @param step the distance in blocks between bare hashes; ignored for {@code number hash} files
   * @throws CheckpointFileException naming the file and line of the first defect, or {@code
   *     UNREADABLE} when the file cannot be read
   */
  public static CheckpointHashes read(Path file, long step) throws CheckpointFileException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.toString(), step);
    } catch (IOException e) {
      throw new CheckpointFileException(file.toString(), 0, CheckpointFileException.Reason.UNREADABLE,
          "cannot read: " + e.getMessage(), null, e);
    }
  }

  /** Parses checkpoint text from {@code in}; {@code source} names it in errors. */
  public static CheckpointHashes parse(Reader in, String source, long step) throws CheckpointFileException, IOException {
    requireStep(step);
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    long[] numbers = new long[1024];
    byte[] hashes = new byte[1024 * Hash.SIZE];
    int count = 0;
    Boolean bare = null;
    long lineNumber = 0;
    String line;
    while ((line = lines.readLine()) != null) {
      lineNumber++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] fields = text.split("[ \t]+");
      if (fields.length > 2) {
        throw new CheckpointFileException(source, lineNumber, CheckpointFileException.Reason.TOO_MANY_FIELDS,
            "expected a hash or \"number hash\", got " + fields.length + " fields", text);
      }
      boolean thisBare = fields.length == 1;
      if (bare == null) {
        bare = thisBare;
      } else if (bare != thisBare) {
        throw new CheckpointFileException(source, lineNumber, CheckpointFileException.Reason.MIXED_FORMS,
            bare ? "a \"number hash\" line in a file of bare hashes" : "a bare hash in a file of \"number hash\" lines", text);
      }
      long number;
      if (thisBare) {
        number = Math.multiplyExact(step, (long) count);
      } else {
        number = parseNumber(fields[0], source, lineNumber);
        if (count > 0 && number <= numbers[count - 1]) {
          throw new CheckpointFileException(source, lineNumber, CheckpointFileException.Reason.NOT_ASCENDING,
              "block " + number + " is not above the previous checkpoint, block " + numbers[count - 1], text);
        }
      }
      byte[] hash = parseHash(fields[fields.length - 1], source, lineNumber);
      if (count == numbers.length) {
        numbers = Arrays.copyOf(numbers, count * 2);
        hashes = Arrays.copyOf(hashes, count * 2 * Hash.SIZE);
      }
      numbers[count] = number;
      System.arraycopy(hash, 0, hashes, count * Hash.SIZE, Hash.SIZE);
      count++;
    }
    if (count == 0) {
      throw new CheckpointFileException(source, 0, CheckpointFileException.Reason.EMPTY, "no checkpoint in " + lineNumber + " lines", null);
    }
    return new CheckpointHashes(Arrays.copyOf(numbers, count), Arrays.copyOf(hashes, count * Hash.SIZE));
  }

  public int size() {
    return numbers.length;
  }

  public boolean isEmpty() {
    return numbers.length == 0;
  }

  /** The number of the {@code index}-th checkpoint (ascending). */
  public long number(int index) {
    return numbers[index];
  }

  /** The hash of the {@code index}-th checkpoint (ascending). */
  public Hash hash(int index) {
    return Hash.of(hashes, index * Hash.SIZE);
  }

  /** The checkpoint hash at {@code number}, if there is one. */
  public Optional<Hash> hashAt(long number) {
    int i = Arrays.binarySearch(numbers, number);
    return i >= 0 ? Optional.of(hash(i)) : Optional.empty();
  }

  /** The lowest checkpoint number at or above {@code number}. */
  public OptionalLong ceiling(long number) {
    int i = Arrays.binarySearch(numbers, number);
    int at = i >= 0 ? i : -i - 1;
    return at < numbers.length ? OptionalLong.of(numbers[at]) : OptionalLong.empty();
  }

  /** The highest checkpoint number at or below {@code number}. */
  public OptionalLong floor(long number) {
    int i = Arrays.binarySearch(numbers, number);
    int at = i >= 0 ? i : -i - 2;
    return at >= 0 ? OptionalLong.of(numbers[at]) : OptionalLong.empty();
  }

  /** The highest checkpoint's number. */
  public OptionalLong highest() {
    return numbers.length == 0 ? OptionalLong.empty() : OptionalLong.of(numbers[numbers.length - 1]);
  }

  @Override
  public String toString() {
    return numbers.length == 0 ? "no checkpoints"
        : numbers.length + " checkpoints, blocks " + numbers[0] + ".." + numbers[numbers.length - 1];
  }

  private static long parseNumber(String text, String source, long line) throws CheckpointFileException {
    boolean digits = !text.isEmpty() && text.length() <= 19 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits) {
      throw new CheckpointFileException(source, line, CheckpointFileException.Reason.BAD_NUMBER,
          "expected a non-negative decimal block number", text);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new CheckpointFileException(source, line, CheckpointFileException.Reason.BAD_NUMBER,
          "block number out of range", text, e);
    }
  }

  private static byte[] parseHash(String text, String source, long line) throws CheckpointFileException {
    String hex = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    if (hex.length() != 2 * Hash.SIZE) {
      throw new CheckpointFileException(source, line, CheckpointFileException.Reason.BAD_HASH,
          "expected 64 hex digits, got " + hex.length() + " characters", text);
    }
    byte[] out = new byte[Hash.SIZE];
    for (int i = 0; i < Hash.SIZE; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new CheckpointFileException(source, line, CheckpointFileException.Reason.BAD_HASH,
            "not a hex digit at character " + (text.length() - hex.length() + 2 * i + (hi < 0 ? 1 : 2)), text);
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  private static void requireStep(long step) {
    if (step < 1) {
      throw new IllegalArgumentException("checkpoint step must be positive, got " + step);
    }
  }
}
