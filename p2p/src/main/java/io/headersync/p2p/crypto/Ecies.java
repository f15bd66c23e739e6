package io.headersync.p2p.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.agreement.kdf.ConcatenationKDFGenerator;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.crypto.StreamCipher;
import org.bouncycastle.util.Arrays;

/**
 * ECIES as the RLPx handshake uses it. A message for the holder of public key {@code K} is
 * {@code R ‖ iv ‖ c ‖ d}: {@code R} a fresh 65-byte uncompressed public key {@code r·G}; the
 * shared secret {@code S} the x coordinate of {@code r·K}; {@code kE ‖ kM = KDF(S, 32)} with the
 * NIST SP 800-56 concatenation KDF over SHA-256; {@code c = AES-128-CTR(kE, iv, m)};
 * {@code d = HMAC-SHA-256(SHA-256(kM), iv ‖ c ‖ sharedMacData)}.
 *
 * <p>{@code sharedMacData} authenticates bytes that travel outside the ciphertext: EIP-8 passes
 * the two-byte size prefix, the older handshake nothing.
 */
public final class Ecies {

  private static final int PUBLIC_KEY_SIZE = 65;
  private static final int IV_SIZE = 16;
  private static final int TAG_SIZE = 32;
  /** Bytes ECIES adds to a plaintext: the ephemeral key, the IV and the tag. */
  public static final int OVERHEAD = PUBLIC_KEY_SIZE + IV_SIZE + TAG_SIZE;

  private Ecies() {}

  /**
   * Encrypts {@code plaintext} for the 64-byte public key {@code recipient} with a fresh
   * ephemeral key and IV from {@code random}.
   *
   * @throws CryptoException when {@code recipient} is not a point of the curve
   */
  public static byte[] encrypt(byte[] recipient, byte[] plaintext, byte[] sharedMacData, SecureRandom random)
      throws CryptoException {
    BigInteger ephemeral;
    do {
      byte[] k = new byte[32];
      random.nextBytes(k);
      ephemeral = new BigInteger(1, k);
    } while (ephemeral.signum() == 0 || ephemeral.compareTo(Ecdh.N) >= 0);
    byte[] iv = new byte[IV_SIZE];
    random.nextBytes(iv);
    return encrypt(recipient, plaintext, sharedMacData, ephemeral, iv);
  }

  /** Encrypts with a given ephemeral key and IV (tests pin both to get fixed output). */
  static byte[] encrypt(byte[] recipient, byte[] plaintext, byte[] sharedMacData, BigInteger ephemeral, byte[] iv)
      throws CryptoException {
    byte[] shared = Ecdh.agree(ephemeral, recipient);
    Keys keys = Keys.derive(shared);
    byte[] out = new byte[OVERHEAD + plaintext.length];
    out[0] = 0x04;
    System.arraycopy(Ecdh.publicKey(ephemeral), 0, out, 1, 64);
    System.arraycopy(iv, 0, out, PUBLIC_KEY_SIZE, IV_SIZE);
    int cipherAt = PUBLIC_KEY_SIZE + IV_SIZE;
    aesCtr(keys.encryption, iv).processBytes(plaintext, 0, plaintext.length, out, cipherAt);
    byte[] tag = tag(keys.mac, out, PUBLIC_KEY_SIZE, IV_SIZE + plaintext.length, sharedMacData);
    System.arraycopy(tag, 0, out, cipherAt + plaintext.length, TAG_SIZE);
    return out;
  }

  /**
   * Decrypts the {@code length} bytes of {@code message} at {@code offset} with {@code privateKey}.
   *
   * @throws CryptoException when the message is too short, its ephemeral key is not a point of
   *     the curve, or its tag does not authenticate it
   */
  public static byte[] decrypt(BigInteger privateKey, byte[] message, int offset, int length, byte[] sharedMacData)
      throws CryptoException {
    if (offset < 0 || length < 0 || offset > message.length - length) {
      throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + message.length);
    }
    if (length < OVERHEAD) {
      throw new CryptoException("an ECIES message is at least " + OVERHEAD + " bytes, got " + length);
    }
    if (message[offset] != 0x04) {
      throw new CryptoException("ECIES ephemeral key must be uncompressed (0x04), found 0x"
          + Integer.toHexString(message[offset] & 0xFF));
    }
    byte[] ephemeral = java.util.Arrays.copyOfRange(message, offset + 1, offset + PUBLIC_KEY_SIZE);
    Keys keys = Keys.derive(Ecdh.agree(privateKey, ephemeral));
    int ivAt = offset + PUBLIC_KEY_SIZE;
    int cipherLength = length - OVERHEAD;
    byte[] expected = tag(keys.mac, message, ivAt, IV_SIZE + cipherLength, sharedMacData);
    int tagAt = ivAt + IV_SIZE + cipherLength;
    if (!Arrays.constantTimeAreEqual(TAG_SIZE, expected, 0, message, tagAt)) {
      throw new CryptoException("ECIES tag does not authenticate the message (wrong key or altered bytes)");
    }
    byte[] iv = java.util.Arrays.copyOfRange(message, ivAt, ivAt + IV_SIZE);
    byte[] plain = new byte[cipherLength];
    aesCtr(keys.encryption, iv).processBytes(message, ivAt + IV_SIZE, cipherLength, plain, 0);
    return plain;
  }

  private record Keys(byte[] encryption, byte[] mac) {

    static Keys derive(byte[] sharedSecret) {
      ConcatenationKDFGenerator kdf = new ConcatenationKDFGenerator(new SHA256Digest());
      kdf.init(new KDFParameters(sharedSecret, new byte[0]));
      byte[] k = new byte[32];
      kdf.generateBytes(k, 0, k.length);
      byte[] encryption = java.util.Arrays.copyOfRange(k, 0, 16);
      SHA256Digest sha = new SHA256Digest();
      sha.update(k, 16, 16);
      byte[] mac = new byte[32];
      sha.doFinal(mac, 0);
      return new Keys(encryption, mac);
    }
  }

  private static StreamCipher aesCtr(byte[] key, byte[] iv) {
    StreamCipher cipher = SICBlockCipher.newInstance(AESEngine.newInstance());
    cipher.init(true, new ParametersWithIV(new KeyParameter(key), iv));
    return cipher;
  }

  private static byte[] tag(byte[] key, byte[] data, int offset, int length, byte[] sharedMacData) {
    HMac hmac = new HMac(new SHA256Digest());
    hmac.init(new KeyParameter(key));
    hmac.update(data, offset, length);
    hmac.update(sharedMacData, 0, sharedMacData.length);
    byte[] out = new byte[TAG_SIZE];
    hmac.doFinal(out, 0);
    return out;
  }
}
