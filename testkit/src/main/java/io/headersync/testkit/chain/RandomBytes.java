package io.headersync.testkit.chain;

import io.headersync.core.bytes.Hash;
import java.util.SplittableRandom;

/** Random-looking field values drawn from a seeded stream. */
final class RandomBytes {

  private static final byte[] TAG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789.-/ ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private RandomBytes() {}

  static byte[] bytes(SplittableRandom random, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i += 8) {
      long v = random.nextLong();
      for (int j = 0; j < 8 && i + j < length; j++) {
        b[i + j] = (byte) (v >>> (8 * j));
      }
    }
    return b;
  }

  static Hash hash(SplittableRandom random) {
    return Hash.wrap(bytes(random, Hash.SIZE));
  }

  /**
   * A 256-byte bloom in which each bit is set with probability 2^-{@code sparseness} (1: half the
   * bits, as in a busy mainnet block; 6: about 32 bits, as in a quiet early one).
   */
  static byte[] bloom(SplittableRandom random, int sparseness) {
    byte[] bloom = new byte[256];
    for (int i = 0; i < 256; i += 8) {
      long v = -1L;
      for (int k = 0; k < sparseness; k++) {
        v &= random.nextLong();
      }
      for (int j = 0; j < 8; j++) {
        bloom[i + j] = (byte) (v >>> (8 * j));
      }
    }
    return bloom;
  }

  /** Printable text like a client or builder tag. */
  static byte[] tag(SplittableRandom random, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = TAG_ALPHABET[random.nextInt(TAG_ALPHABET.length)];
    }
    return b;
  }

  /** Mixes a seed and a block number into the seed of that block's random stream. */
  static long mix(long seed, long number) {
    long z = seed + 0x9E3779B97F4A7C15L * (number + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
