package io.headersync.core.crypto;

import io.headersync.core.bytes.Address;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * ECDSA over secp256k1 as Ethereum uses it: 32-byte message hashes, signatures of {@code r},
 * {@code s} and a recovery id, public keys recovered from a signature, and addresses derived
 * from public keys.
 *
 * <p>The curve arithmetic is Bouncy Castle's; public-key recovery (SEC 1 section 4.1.6) is
 * written here because Bouncy Castle's signer does not offer it. Signing is deterministic
 * (RFC 6979) and always produces the low {@code s} ({@code s <= n/2}) Ethereum requires of
 * transactions; recovery accepts any {@code s} in {@code [1, n-1]}, as block seals may carry
 * either.
 */
public final class Secp256k1 {

  private static final X9ECParameters CURVE_PARAMS = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters CURVE = new ECDomainParameters(
      CURVE_PARAMS.getCurve(), CURVE_PARAMS.getG(), CURVE_PARAMS.getN(), CURVE_PARAMS.getH());
  /** The group order. */
  public static final BigInteger N = CURVE.getN();
  private static final BigInteger HALF_N = N.shiftRight(1);
  private static final BigInteger P = CURVE.getCurve().getField().getCharacteristic();

  /** Length of a public key without its {@code 0x04} prefix: x then y, 32 bytes each. */
  public static final int PUBLIC_KEY_SIZE = 64;
  /** Length of a compact signature: r, s (32 bytes each), recovery id (1 byte). */
  public static final int SIGNATURE_SIZE = 65;

  private Secp256k1() {}

  /**
   * A signature with its recovery id (0 to 3; 0 or 1 in practice, 2 and 3 only when {@code r}
   * overflowed the group order).
   */
  public record Signature(BigInteger r, BigInteger s, int recoveryId) {

    public Signature {
      if (r.signum() <= 0 || r.compareTo(N) >= 0) {
        throw new IllegalArgumentException("signature r must be in [1, n-1], got 0x" + r.toString(16));
      }
      if (s.signum() <= 0 || s.compareTo(N) >= 0) {
        throw new IllegalArgumentException("signature s must be in [1, n-1], got 0x" + s.toString(16));
      }
      if (recoveryId < 0 || recoveryId > 3) {
        throw new IllegalArgumentException("signature recovery id must be 0 to 3, got " + recoveryId);
      }
    }

    /**
     * Reads {@code r ‖ s ‖ v} (65 bytes) at {@code offset}, {@code v} being the recovery id.
     *
     * @throws SignatureException naming the field out of range
     */
    public static Signature fromCompact(byte[] bytes, int offset) throws SignatureException {
      if (offset < 0 || bytes.length - offset < SIGNATURE_SIZE) {
        throw new SignatureException("a compact signature is 65 bytes, only " + Math.max(0, bytes.length - offset) + " available");
      }
      BigInteger r = new BigInteger(1, Arrays.copyOfRange(bytes, offset, offset + 32));
      BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, offset + 32, offset + 64));
      int v = bytes[offset + 64] & 0xFF;
      try {
        return new Signature(r, s, v);
      } catch (IllegalArgumentException e) {
        throw new SignatureException(e.getMessage());
      }
    }

    /** {@code r ‖ s ‖ v}: 32 + 32 + 1 bytes. */
    public byte[] toCompact() {
      byte[] out = new byte[SIGNATURE_SIZE];
      writeUnsigned(r, out, 0);
      writeUnsigned(s, out, 32);
      out[64] = (byte) recoveryId;
      return out;
    }
  }

  /** The 64-byte public key (x ‖ y) of {@code privateKey}. */
  public static byte[] publicKey(BigInteger privateKey) {
    requirePrivateKey(privateKey);
    ECPoint q = new FixedPointCombMultiplier().multiply(CURVE.getG(), privateKey).normalize();
    return withoutPrefix(q);
  }

  /** The address of a 64-byte public key: the last 20 bytes of its Keccak-256. */
  public static Address address(byte[] publicKey) {
    if (publicKey.length != PUBLIC_KEY_SIZE) {
      throw new IllegalArgumentException("a public key is 64 bytes (x ‖ y), got " + publicKey.length);
    }
    byte[] h = Keccak.keccak256(publicKey).unsafeArray();
    return Address.of(Arrays.copyOfRange(h, 12, 32));
  }

  /** Signs a 32-byte hash deterministically; the result has a low {@code s}. */
  public static Signature sign(byte[] hash, BigInteger privateKey) {
    requireHash(hash);
    requirePrivateKey(privateKey);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(privateKey, CURVE));
    BigInteger[] rs = signer.generateSignature(hash);
    BigInteger r = rs[0];
    BigInteger s = rs[1].compareTo(HALF_N) > 0 ? N.subtract(rs[1]) : rs[1];
    byte[] expected = publicKey(privateKey);
    for (int id = 0; id < 4; id++) {
      byte[] recovered = recover(hash, r, s, id);
      if (recovered != null && Arrays.equals(recovered, expected)) {
        return new Signature(r, s, id);
      }
    }
    throw new IllegalStateException("no recovery id reproduces the signer's key; the curve arithmetic is broken");
  }

  /**
   * The 64-byte public key that produced {@code signature} over {@code hash}.
   *
   * @throws SignatureException when no key does (r is not an x coordinate on the curve, or the
   *     recovered point is at infinity)
   */
  public static byte[] recoverPublicKey(byte[] hash, Signature signature) throws SignatureException {
    requireHash(hash);
    byte[] key = recover(hash, signature.r(), signature.s(), signature.recoveryId());
    if (key == null) {
      throw new SignatureException("no public key recovers from this signature (r=0x" + signature.r().toString(16)
          + ", recovery id " + signature.recoveryId() + ")");
    }
    return key;
  }

  /** The address that produced {@code signature} over {@code hash}. */
  public static Address recoverAddress(byte[] hash, Signature signature) throws SignatureException {
    return address(recoverPublicKey(hash, signature));
  }

  private static byte[] recover(byte[] hash, BigInteger r, BigInteger s, int recoveryId) {
    BigInteger x = r.add(N.multiply(BigInteger.valueOf(recoveryId >> 1)));
    if (x.compareTo(P) >= 0) {
      return null;
    }
    ECPoint bigR;
    try {
      byte[] compressed = new byte[33];
      compressed[0] = (byte) (0x02 | (recoveryId & 1));
      writeUnsigned(x, compressed, 1);
      bigR = CURVE.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException notOnCurve) {
      return null;
    }
    // The curve's cofactor is 1, so every point on it has order n: no check of n·R needed.
    BigInteger e = new BigInteger(1, hash);
    BigInteger rInv = r.modInverse(N);
    BigInteger u1 = N.subtract(e).multiply(rInv).mod(N);
    BigInteger u2 = s.multiply(rInv).mod(N);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), u1, bigR, u2).normalize();
    if (q.isInfinity()) {
      return null;
    }
    return withoutPrefix(q);
  }

  private static byte[] withoutPrefix(ECPoint q) {
    byte[] encoded = q.getEncoded(false);
    return Arrays.copyOfRange(encoded, 1, 65);
  }

  private static void requireHash(byte[] hash) {
    if (hash.length != 32) {
      throw new IllegalArgumentException("secp256k1 signs 32-byte hashes, got " + hash.length + " bytes");
    }
  }

  private static void requirePrivateKey(BigInteger key) {
    if (key.signum() <= 0 || key.compareTo(N) >= 0) {
      throw new IllegalArgumentException("a private key must be in [1, n-1]");
    }
  }

  private static void writeUnsigned(BigInteger v, byte[] out, int offset) {
    byte[] b = v.toByteArray();
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, offset + 32 - len, len);
  }
}
