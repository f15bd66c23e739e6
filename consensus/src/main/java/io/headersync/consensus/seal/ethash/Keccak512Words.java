package io.headersync.consensus.seal.ethash;

import io.headersync.core.crypto.Keccak;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Keccak-512 and Keccak-256 over little-endian 32-bit words, as ethash reads its hashes.
 *
 * <p>Not thread-safe: each verifying thread owns one (see {@link Hashimoto}). It keeps its byte
 * buffer so that hashing a dataset item allocates no buffer of its own.
 */
final class Keccak512Words {

  private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] buffer = new byte[96];

  /** Replaces the 16 words at {@code words[offset..offset+16)} by their Keccak-512. */
  void hash512InPlace(int[] words, int offset) {
    byte[] b = buffer;
    for (int i = 0; i < 16; i++) {
      LE_INT.set(b, i * 4, words[offset + i]);
    }
    Keccak.keccak512(b, 0, 64, b, 0);
    for (int i = 0; i < 16; i++) {
      words[offset + i] = (int) LE_INT.get(b, i * 4);
    }
  }

  /** Keccak-512 of {@code length} bytes of {@code in}, as 16 words into {@code out[offset..]}. */
  void hash512(byte[] in, int inOffset, int length, int[] out, int offset) {
    byte[] b = buffer;
    Keccak.keccak512(in, inOffset, length, b, 0);
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
    byte[] out = new byte[32];
    Keccak.keccak256(b, 0, p, out, 0);
    return out;
  }

  static void toBytes(int[] words, int wordOffset, int count, byte[] out, int outOffset) {
    for (int i = 0; i < count; i++) {
      LE_INT.set(out, outOffset + i * 4, words[wordOffset + i]);
    }
  }
}
