package io.headersync.consensus.seal.ethash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-512 and Keccak-256 over little-endian 32-bit words, as ethash reads its hashes.
 *
 * <p>Not thread-safe: each verifying thread owns one (see {@link Hashimoto}). It keeps its
 * digests and byte buffer so that hashing a dataset item allocates nothing.
 */
final class Keccak512Words {

  private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final KeccakDigest k512 = new KeccakDigest(512);
  private final KeccakDigest k256 = new KeccakDigest(256);
  private final byte[] buffer = new byte[96];

  /** Replaces the 16 words at {@code words[offset..offset+16)} by their Keccak-512. */
  void hash512InPlace(int[] words, int offset) {
    byte[] b = buffer;
    for (int i = 0; i < 16; i++) {
      LE_INT.set(b, i * 4, words[offset + i]);
    }
    k512.update(b, 0, 64);
    k512.doFinal(b, 0);
    for (int i = 0; i < 16; i++) {
      words[offset + i] = (int) LE_INT.get(b, i * 4);
    }
  }

  /** Keccak-512 of {@code length} bytes of {@code in}, as 16 words into {@code out[offset..]}. */
  void hash512(byte[] in, int inOffset, int length, int[] out, int offset) {
    byte[] b = buffer;
    k512.update(in, inOffset, length);
    k512.doFinal(b, 0);
    for (int i = 0; i < 16; i++) {
      out[offset + i] = (int) LE_INT.get(b, i * 4);
    }
  }

  /** Keccak-256 of the bytes of {@code a} (as many words as given) followed by those of {@code b}. */
  byte[] hash256(int[] a, int aWords, int[] c, int cWords) {
    byte[] b = buffer;
    int p = 0;
    for (int i = 0; i < aWords; i++, p += 4) {
      LE_INT.set(b, p, a[i]);
    }
    for (int i = 0; i < cWords; i++, p += 4) {
      LE_INT.set(b, p, c[i]);
    }
    k256.update(b, 0, p);
    byte[] out = new byte[32];
    k256.doFinal(out, 0);
    return out;
  }

  static void toBytes(int[] words, int wordOffset, int count, byte[] out, int outOffset) {
    for (int i = 0; i < count; i++) {
      LE_INT.set(out, outOffset + i * 4, words[wordOffset + i]);
    }
  }
}
