package io.headersync.core.source;

import java.nio.file.Path;

/** A file that is not what its format says: names the file, the byte offset and the reason. */
public final class SourceFormatException extends Exception {

  private final Path file;
  private final long offset;
  private final String reason;

  public SourceFormatException(Path file, long offset, String reason) {
    this(file, offset, reason, null);
  }

  public SourceFormatException(Path file, long offset, String reason, Throwable cause) {
    super(file + " at offset " + offset + ": " + reason, cause);
    this.file = file;
    this.offset = offset;
    this.reason = reason;
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }

  public String reason() {
    return reason;
  }
}
