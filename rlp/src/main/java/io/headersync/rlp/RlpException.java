package io.headersync.rlp;

/** A malformed or non-canonical RLP input, with the reason and the offset where it was found. */
public final class RlpException extends RuntimeException {

  /** Why an input was rejected. */
  public enum Reason {
    /** No bytes where an item was expected. */
    EMPTY_INPUT,
    /** A length prefix claims more bytes than remain. */
    TRUNCATED,
    /** A single byte below 0x80 wrapped in a one-byte string header. */
    NON_CANONICAL_SINGLE_BYTE,
    /** A long-form length used for a payload of 55 bytes or fewer. */
    NON_CANONICAL_LENGTH,
    /** A long-form length with leading zero bytes. */
    LEADING_ZEROS_IN_LENGTH,
    /** A length that does not fit in an int. */
    LENGTH_OVERFLOW,
    /** An integer scalar with leading zero bytes. */
    LEADING_ZEROS_IN_INTEGER,
    /** An integer larger than the type that reads it. */
    INTEGER_OVERFLOW,
    /** A string where a list was expected, or a list where a string was expected. */
    UNEXPECTED_TYPE,
    /** Bytes left over after the last item of a list or of the input. */
    TRAILING_BYTES,
    /** A string of the wrong fixed size (a hash that is not 32 bytes, for example). */
    WRONG_SIZE,
    /** A list ended before an item that is required. */
    MISSING_ITEM
  }

  private final Reason reason;
  private final int offset;

  public RlpException(Reason reason, int offset, String detail) {
    super(reason + " at offset " + offset + (detail == null || detail.isEmpty() ? "" : ": " + detail));
    this.reason = reason;
    this.offset = offset;
  }

  public Reason reason() {
    return reason;
  }

  /** Offset of the offending item within the array the reader was opened on. */
  public int offset() {
    return offset;
  }
}
