package io.headersync.p2p.rlpx;

import io.headersync.p2p.crypto.CryptoException;
import io.headersync.p2p.crypto.Ecies;
import io.headersync.p2p.identity.NodeId;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Seals handshake bodies into wire packets and opens them again. An EIP-8 packet is
 * {@code size ‖ ecies(body ‖ padding)} with the two-byte size authenticated by the ECIES tag; a
 * pre-EIP-8 packet is the bare ECIES message of a fixed-size body.
 */
final class HandshakePackets {

  /** Random padding added to every EIP-8 body: at least 100 bytes so that an EIP-8 packet is
   * always longer than the fixed-size older one, at most 199 so its length tells an observer little. */
  private static final int MIN_PADDING = 100;
  private static final int PADDING_SPREAD = 100;

  private HandshakePackets() {}

  static byte[] sealEip8(NodeId recipient, byte[] body, SecureRandom random) {
    byte[] plain = new byte[body.length + MIN_PADDING + random.nextInt(PADDING_SPREAD)];
    System.arraycopy(body, 0, plain, 0, body.length);
    byte[] padding = new byte[plain.length - body.length];
    random.nextBytes(padding);
    System.arraycopy(padding, 0, plain, body.length, padding.length);
    int size = plain.length + Ecies.OVERHEAD;
    byte[] prefix = {(byte) (size >>> 8), (byte) size};
    byte[] sealed = encrypt(recipient, plain, prefix, random);
    return Secrets.concat(prefix, sealed);
  }

  static byte[] sealLegacy(NodeId recipient, byte[] body, SecureRandom random) {
    return encrypt(recipient, body, new byte[0], random);
  }

  /**
   * Decrypts a packet with our static key.
   *
   * @throws RlpxException {@link RlpxException.Reason#HANDSHAKE_DECRYPT} when it does not decrypt
   */
  static byte[] open(BigInteger staticKey, byte[] packet, boolean eip8) {
    try {
      if (eip8) {
        return Ecies.decrypt(staticKey, packet, 2, packet.length - 2, new byte[] {packet[0], packet[1]});
      }
      return Ecies.decrypt(staticKey, packet, 0, packet.length, new byte[0]);
    } catch (CryptoException e) {
      throw new RlpxException(RlpxException.Reason.HANDSHAKE_DECRYPT,
          (eip8 ? "EIP-8" : "pre-EIP-8") + " handshake message of " + packet.length + " bytes: " + e.getMessage(), e);
    }
  }

  private static byte[] encrypt(NodeId recipient, byte[] plain, byte[] prefix, SecureRandom random) {
    try {
      return Ecies.encrypt(recipient.publicKey(), plain, prefix, random);
    } catch (CryptoException e) {
      throw new IllegalArgumentException("remote node id " + recipient + " is not a secp256k1 public key", e);
    }
  }
}
