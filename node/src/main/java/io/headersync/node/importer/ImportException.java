package io.headersync.node.importer;

/**
 * An import or verification that had to stop: the message is one line naming the file, the
 * offset or block, and the reason.
 */
public final class ImportException extends Exception {

  /** What kind of failure, which decides the exit code. */
  public enum Kind {
    /** The input broke a consensus rule, a trust anchor, or its file format. */
    INVALID,
    /** A file or the database could not be read or written. */
    IO
  }

  private final Kind kind;

  public ImportException(Kind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  public ImportException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }
}
