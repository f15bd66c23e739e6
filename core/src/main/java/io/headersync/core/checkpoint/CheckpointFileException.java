package io.headersync.core.checkpoint;

import java.util.Objects;

/**
 * A checkpoint file that is not what its format promises: names the source (a file path or
 * another description), the 1-based line, what went wrong, and what was found.
 */
public final class CheckpointFileException extends Exception {

  /** What is wrong with the line. */
  public enum Reason {
    /** Not 64 hex digits (with or without {@code 0x}). */
    BAD_HASH,
    /** A block number that is not a non-negative decimal. */
    BAD_NUMBER,
    /** More than two fields on a line. */
    TOO_MANY_FIELDS,
    /** A {@code number hash} line in a file of bare hashes, or the other way round. */
    MIXED_FORMS,
    /** A block number not above the previous line's. */
    NOT_ASCENDING,
    /** No checkpoint at all. */
    EMPTY,
    /** The file could not be read. */
    UNREADABLE
  }

  private final String source;
  private final long line;
  private final Reason reason;
  private final String found;

  public CheckpointFileException(String source, long line, Reason reason, String detail, String found) {
    this(source, line, reason, detail, found, null);
  }

  public CheckpointFileException(String source, long line, Reason reason, String detail, String found, Throwable cause) {
    super(source + (line > 0 ? " line " + line : "") + ": " + reason + ": " + detail
        + (found == null ? "" : " (found \"" + abbreviate(found) + "\")"), cause);
    this.source = Objects.requireNonNull(source, "source");
    this.line = line;
    this.reason = Objects.requireNonNull(reason, "reason");
    this.found = found;
  }

  public String source() {
    return source;
  }

  /** The 1-based line, or 0 when the fault is not on one line (an empty or unreadable file). */
  public long line() {
    return line;
  }

  public Reason reason() {
    return reason;
  }

  /** The offending text, or null. */
  public String found() {
    return found;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
