package io.headersync.core.portal;

/** A portal network content value that is not what its type says: the byte offset and the reason. */
public final class ContentFormatException extends Exception {

  private final long offset;
  private final String reason;

  public ContentFormatException(long offset, String reason) {
    this(offset, reason, null);
  }

  public ContentFormatException(long offset, String reason, Throwable cause) {
    super("content value at offset " + offset + ": " + reason, cause);
    this.offset = offset;
    this.reason = reason;
  }

  /** Offset within the content value. */
  public long offset() {
    return offset;
  }

  public String reason() {
    return reason;
  }
}
