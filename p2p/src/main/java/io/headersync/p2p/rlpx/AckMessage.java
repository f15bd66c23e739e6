package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeId;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.util.Arrays;

/**
 * The recipient's handshake answer, decrypted: its ephemeral public key, its nonce and the
 * handshake version it speaks.
 */
public record AckMessage(NodeId ephemeralId, byte[] nonce, long version) {

  /** Size of the pre-EIP-8 plaintext: ephemeral public key, nonce, flag. */
  static final int LEGACY_SIZE = 64 + 32 + 1;

  public AckMessage {
    if (nonce.length != 32) {
      throw new IllegalArgumentException("ack nonce is 32 bytes");
    }
    nonce = nonce.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  /** The EIP-8 body: {@code [recipient-ephemeral-pubk, recipient-nonce, ack-vsn]}. */
  byte[] encodeEip8() {
    return new RlpWriter(120).startList()
        .writeBytes(ephemeralId.publicKey()).writeBytes(nonce).writeLong(version)
        .endList().toByteArray();
  }

  /** The pre-EIP-8 body, sent only in answer to a pre-EIP-8 auth. */
  byte[] encodeLegacy() {
    byte[] out = new byte[LEGACY_SIZE];
    System.arraycopy(ephemeralId.publicKey(), 0, out, 0, 64);
    System.arraycopy(nonce, 0, out, 64, 32);
    return out;
  }

  /**
   * Parses a decrypted ack body, EIP-8 or pre-EIP-8.
   *
   * @throws RlpxException with {@link RlpxException.Reason#HANDSHAKE_MALFORMED}
   */
  static AckMessage decode(byte[] plain, boolean eip8) {
    if (!eip8) {
      if (plain.length != LEGACY_SIZE) {
        throw new RlpxException(RlpxException.Reason.HANDSHAKE_MALFORMED,
            "pre-EIP-8 ack is " + LEGACY_SIZE + " bytes, got " + plain.length);
      }
      return new AckMessage(NodeId.of(Arrays.copyOfRange(plain, 0, 64)), Arrays.copyOfRange(plain, 64, 96),
          AuthMessage.VERSION);
    }
    try {
      RlpReader body = RlpReader.wrap(plain).readList();
      byte[] pub = body.readFixed(64);
      byte[] nonce = body.readFixed(32);
      body.requireNext("ack-vsn");
      long version = body.readLong();
      return new AckMessage(NodeId.of(pub), nonce, version);
    } catch (RlpException e) {
      throw new RlpxException(RlpxException.Reason.HANDSHAKE_MALFORMED, "EIP-8 ack body: " + e.getMessage(), e);
    }
  }
}
