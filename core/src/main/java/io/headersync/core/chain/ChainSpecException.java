package io.headersync.core.chain;

/**
 * A chain specification that cannot be used: a {@code genesis.json} or preset that is missing a
 * field, has a malformed value, or schedules forks in an impossible order.
 *
 * <p>Names where the problem is: {@link #source()} (the file or preset resource) and
 * {@link #field()} (a dotted path such as {@code config.londonBlock} or
 * {@code alloc.0x…​.balance}; empty when the whole document is at fault).
 */
public final class ChainSpecException extends RuntimeException {

  private final String source;
  private final String field;

  public ChainSpecException(String source, String field, String detail) {
    this(source, field, detail, null);
  }

  public ChainSpecException(String source, String field, String detail, Throwable cause) {
    super(source + (field == null || field.isEmpty() ? "" : ": field " + field) + ": " + detail, cause);
    this.source = source;
    this.field = field == null ? "" : field;
  }

  /** The file or resource the specification came from. */
  public String source() {
    return source;
  }

  /** Dotted path of the offending field, or empty when the document as a whole is at fault. */
  public String field() {
    return field;
  }
}
