package io.headersync.p2p.discovery.enr;

/** A node record that is malformed, too large, or not validly signed. */
public final class EnrException extends Exception {

  /** Which check a record failed. */
  public enum Reason {
    /** Encoded size above the 300 bytes EIP-778 allows. */
    TOO_LARGE,
    /** Not an RLP list of signature, sequence and key/value pairs, or a standard entry of the wrong shape. */
    MALFORMED,
    /** Keys out of order or repeated. */
    KEYS_NOT_SORTED,
    /** No {@code id} entry, or an identity scheme other than "v4". */
    UNSUPPORTED_SCHEME,
    /** The {@code secp256k1} entry is missing or not a compressed public key on the curve. */
    BAD_PUBLIC_KEY,
    /** The signature is not 64 bytes, out of range, or does not verify against the record's key. */
    BAD_SIGNATURE,
    /** The text form is not {@code enr:} followed by URL-safe base64. */
    BAD_TEXT
  }

  private final Reason reason;

  public EnrException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public EnrException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
