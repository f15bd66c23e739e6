package io.headersync.p2p.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Elliptic-curve Diffie-Hellman over secp256k1 as RLPx uses it: the shared secret is the x
 * coordinate (32 bytes, big-endian) of {@code privateKey · remotePublicKey}.
 */
public final class Ecdh {

  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  static final ECCurve CURVE = PARAMS.getCurve();
  static final ECPoint G = PARAMS.getG();
  static final BigInteger N = PARAMS.getN();

  /** Size of the shared secret. */
  public static final int SECRET_SIZE = 32;

  private Ecdh() {}

  /**
   * The shared secret of {@code privateKey} and the 64-byte public key {@code remotePublicKey}
   * (x ‖ y, no {@code 0x04} prefix).
   *
   * @throws CryptoException when the public key is not a point of the curve
   */
  public static byte[] agree(BigInteger privateKey, byte[] remotePublicKey) throws CryptoException {
    if (privateKey.signum() <= 0 || privateKey.compareTo(N) >= 0) {
      throw new IllegalArgumentException("a private key must be in [1, n-1]");
    }
    ECPoint shared = decodePoint(remotePublicKey, 0).multiply(privateKey).normalize();
    if (shared.isInfinity()) {
      throw new CryptoException("key agreement gave the point at infinity");
    }
    return shared.getAffineXCoord().getEncoded();
  }

  /** The 64-byte public key (x ‖ y) of {@code privateKey}. */
  static byte[] publicKey(BigInteger privateKey) {
    byte[] encoded = G.multiply(privateKey).normalize().getEncoded(false);
    byte[] out = new byte[64];
    System.arraycopy(encoded, 1, out, 0, 64);
    return out;
  }

  /**
   * Reads the 64 bytes at {@code offset} as a public key (x ‖ y).
   *
   * @throws CryptoException when fewer bytes are there or they are not a point of the curve
   */
  static ECPoint decodePoint(byte[] source, int offset) throws CryptoException {
    if (offset < 0 || source.length - offset < 64) {
      throw new CryptoException("a public key is 64 bytes, only " + Math.max(0, source.length - offset) + " given");
    }
    byte[] uncompressed = new byte[65];
    uncompressed[0] = 0x04;
    System.arraycopy(source, offset, uncompressed, 1, 64);
    try {
      ECPoint point = CURVE.decodePoint(uncompressed);
      if (point.isInfinity() || !point.isValid()) {
        throw new CryptoException("public key is not a valid point of secp256k1");
      }
      return point;
    } catch (IllegalArgumentException notOnCurve) {
      throw new CryptoException("public key is not a point of secp256k1: " + notOnCurve.getMessage());
    }
  }
}
