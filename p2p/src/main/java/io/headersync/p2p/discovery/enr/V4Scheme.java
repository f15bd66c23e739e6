package io.headersync.p2p.discovery.enr;

import io.headersync.core.crypto.Secp256k1;
import io.headersync.p2p.identity.NodeKey;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The "v4" identity scheme's curve operations: 33-byte compressed keys and 64-byte {@code r ‖ s}
 * signatures over the Keccak-256 of the record content.
 */
final class V4Scheme {

  static final int COMPRESSED_KEY_SIZE = 33;
  static final int SIGNATURE_SIZE = 64;

  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
  private static final BigInteger HALF_N = Secp256k1.N.shiftRight(1);

  private V4Scheme() {}

  /** The compressed form of a 64-byte {@code x ‖ y} public key. */
  static byte[] compress(byte[] publicKey) {
    byte[] out = new byte[COMPRESSED_KEY_SIZE];
    out[0] = (byte) ((publicKey[63] & 1) == 0 ? 0x02 : 0x03);
    System.arraycopy(publicKey, 0, out, 1, 32);
    return out;
  }

  /** The 64-byte {@code x ‖ y} key of a compressed one; throws when it is not a point on the curve. */
  static byte[] decompress(byte[] compressed) throws EnrException {
    return Arrays.copyOfRange(point(compressed).getEncoded(false), 1, 65);
  }

  private static ECPoint point(byte[] compressed) throws EnrException {
    if (compressed.length != COMPRESSED_KEY_SIZE || (compressed[0] != 0x02 && compressed[0] != 0x03)) {
      throw new EnrException(EnrException.Reason.BAD_PUBLIC_KEY,
          "secp256k1 entry must be a 33-byte compressed key, got " + compressed.length + " bytes");
    }
    try {
      return DOMAIN.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException e) {
      throw new EnrException(EnrException.Reason.BAD_PUBLIC_KEY, "secp256k1 entry is not a point on the curve", e);
    }
  }

  static byte[] sign(byte[] hash, NodeKey key) {
    return Arrays.copyOf(key.sign(hash).toCompact(), SIGNATURE_SIZE);
  }

  /** Checks a 64-byte signature, which must have a low {@code s}, as libsecp256k1 demands. */
  static void verify(byte[] hash, byte[] signature, byte[] compressedKey) throws EnrException {
    if (signature.length != SIGNATURE_SIZE) {
      throw new EnrException(EnrException.Reason.BAD_SIGNATURE, "v4 signature must be 64 bytes, got " + signature.length);
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    if (r.signum() == 0 || r.compareTo(Secp256k1.N) >= 0 || s.signum() == 0 || s.compareTo(HALF_N) > 0) {
      throw new EnrException(EnrException.Reason.BAD_SIGNATURE, "signature r or s out of range (s must be at most n/2)");
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(point(compressedKey), DOMAIN));
    if (!verifier.verifySignature(hash, r, s)) {
      throw new EnrException(EnrException.Reason.BAD_SIGNATURE, "signature does not match the record's secp256k1 key");
    }
  }
}
