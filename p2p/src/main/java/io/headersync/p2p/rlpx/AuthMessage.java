package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeId;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.util.Arrays;

/**
 * The initiator's first handshake message, decrypted: its signature over
 * {@code static-shared-secret ^ nonce} made with its ephemeral key, its static public key, its
 * nonce and the handshake version it speaks.
 *
 * @param signature 65 bytes, {@code r ‖ s ‖ recovery id}
 */
public record AuthMessage(byte[] signature, NodeId initiatorId, byte[] nonce, long version) {

  /** Size of the pre-EIP-8 plaintext: signature, ephemeral-key hash, public key, nonce, flag. */
  static final int LEGACY_SIZE = 65 + 32 + 64 + 32 + 1;
  /** The handshake version this implementation sends. */
  static final int VERSION = 4;

  public AuthMessage {
    if (signature.length != 65 || nonce.length != 32) {
      throw new IllegalArgumentException("auth signature is 65 bytes and nonce 32");
    }
    signature = signature.clone();
    nonce = nonce.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  /** The EIP-8 body: {@code [sig, initiator-pubk, initiator-nonce, auth-vsn]} (padding not included). */
  byte[] encodeEip8() {
    return new RlpWriter(200).startList()
        .writeBytes(signature).writeBytes(initiatorId.publicKey()).writeBytes(nonce).writeLong(version)
        .endList().toByteArray();
  }

  /**
   * Parses a decrypted auth body: EIP-8 (one RLP list, later elements and trailing padding
   * ignored) or pre-EIP-8 (exactly {@value #LEGACY_SIZE} bytes).
   *
   * @throws RlpxException with {@link RlpxException.Reason#HANDSHAKE_MALFORMED}
   */
  static AuthMessage decode(byte[] plain, boolean eip8) {
    if (!eip8) {
      if (plain.length != LEGACY_SIZE) {
        throw new RlpxException(RlpxException.Reason.HANDSHAKE_MALFORMED,
            "pre-EIP-8 auth is " + LEGACY_SIZE + " bytes, got " + plain.length);
      }
      // bytes 65..97 hold keccak(ephemeral public key), which the signature already determines
      return new AuthMessage(Arrays.copyOfRange(plain, 0, 65), NodeId.of(Arrays.copyOfRange(plain, 97, 161)),
          Arrays.copyOfRange(plain, 161, 193), VERSION);
    }
    try {
      RlpReader body = RlpReader.wrap(plain).readList();
      byte[] sig = body.readFixed(65);
      byte[] pub = body.readFixed(64);
      byte[] nonce = body.readFixed(32);
      body.requireNext("auth-vsn");
      long version = body.readLong();
      return new AuthMessage(sig, NodeId.of(pub), nonce, version);
    } catch (RlpException e) {
      throw new RlpxException(RlpxException.Reason.HANDSHAKE_MALFORMED, "EIP-8 auth body: " + e.getMessage(), e);
    }
  }
}
