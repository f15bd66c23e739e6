package io.headersync.p2p.discovery.wire;

/**
 * A datagram that is not a valid discv4 packet. The only exception the decoder throws: the reason
 * says which check failed, the message names the packet type and field where one applies.
 */
public final class PacketException extends Exception {

  /** Which check a datagram failed. */
  public enum Reason {
    /** Longer than the 1280 bytes discv4 allows. */
    TOO_LARGE,
    /** Shorter than hash, signature and type byte together. */
    TOO_SMALL,
    /** The leading hash does not match the rest of the datagram (not discv4, or corrupted). */
    HASH_MISMATCH,
    /** The signature is out of range or recovers no public key. */
    BAD_SIGNATURE,
    /** A type byte discv4 does not define; EIP-8 says such packets are dropped silently. */
    UNKNOWN_TYPE,
    /** The RLP payload is malformed, or a field has the wrong shape or size. */
    MALFORMED,
    /** The node record in an ENRResponse is malformed or not validly signed. */
    BAD_RECORD
  }

  private final Reason reason;

  public PacketException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public PacketException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
