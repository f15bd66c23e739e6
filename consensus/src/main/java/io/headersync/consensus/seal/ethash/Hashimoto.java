package io.headersync.consensus.seal.ethash;

import io.headersync.core.bytes.Hash;

/**
 * Light-mode hashimoto: the 64 dataset accesses of one proof of work, each dataset item
 * computed on demand from the epoch's cache (256 FNV-mixed parents between two Keccak-512).
 *
 * <p>Not thread-safe: one instance per thread, reused, so that a verification allocates only
 * its two result hashes. The loops work on {@code int} words in place; the modulo by the
 * cache's item count, done 32,768 times per verification, uses a precomputed reciprocal
 * (see {@link FastMod}) instead of a division.
 */
final class Hashimoto {

  private static final int FNV_PRIME = 0x01000193;
  private static final int MIX_WORDS = EthashParams.MIX_BYTES / EthashParams.WORD_BYTES; // 32
  private static final int ITEM_WORDS = EthashParams.HASH_BYTES / EthashParams.WORD_BYTES; // 16

  private final Keccak512Words keccak = new Keccak512Words();
  private final byte[] seedInput = new byte[40];
  private final int[] seed = new int[ITEM_WORDS];
  private final int[] mix = new int[MIX_WORDS];
  private final int[] itemA = new int[ITEM_WORDS];
  private final int[] itemB = new int[ITEM_WORDS];
  private final int[] digest = new int[8];

  /**
   * Computes the mix digest and result of {@code sealHash} (32 bytes) with {@code nonce} in the
   * epoch of {@code cache}.
   */
  EthashResult compute(EthashCache cache, byte[] sealHash, long nonce) {
    byte[] in = seedInput;
    System.arraycopy(sealHash, 0, in, 0, 32);
    for (int i = 0; i < 8; i++) {
      in[32 + i] = (byte) (nonce >>> (8 * i));
    }
    int[] s = seed;
    keccak.hash512(in, 0, 40, s, 0);
    int[] m = mix;
    System.arraycopy(s, 0, m, 0, ITEM_WORDS);
    System.arraycopy(s, 0, m, ITEM_WORDS, ITEM_WORDS);

    FastMod pageMod = cache.pageMod();
    FastMod itemMod = cache.itemMod();
    int[] c = cache.words();
    int s0 = s[0];
    for (int i = 0; i < EthashParams.ACCESSES; i++) {
      int p = pageMod.mod(fnv(i ^ s0, m[i % MIX_WORDS])) * 2;
      mixPage(c, itemMod, p);
    }
    int[] d = digest;
    for (int i = 0; i < 8; i++) {
      d[i] = fnv(fnv(fnv(m[4 * i], m[4 * i + 1]), m[4 * i + 2]), m[4 * i + 3]);
    }
    byte[] mixDigest = new byte[32];
    Keccak512Words.toBytes(d, 0, 8, mixDigest, 0);
    byte[] result = keccak.hash256(s, ITEM_WORDS, d, 8);
    return new EthashResult(Hash.wrap(mixDigest), Hash.wrap(result));
  }

  /**
   * Computes dataset items {@code index} and {@code index + 1} and FNV-folds them into the
   * mix. The two items are independent, so their parent chains are walked side by side: each
   * parent is a dependent load from anywhere in the cache (a cache miss, usually a TLB miss
   * too), and interleaving two chains lets the processor wait for two misses at once.
   */
  private void mixPage(int[] c, FastMod itemMod, int index) {
    int[] a = itemA;
    int[] b = itemB;
    int indexB = index + 1;
    System.arraycopy(c, itemMod.mod(index) * ITEM_WORDS, a, 0, ITEM_WORDS);
    System.arraycopy(c, itemMod.mod(indexB) * ITEM_WORDS, b, 0, ITEM_WORDS);
    a[0] ^= index;
    b[0] ^= indexB;
    keccak.hash512InPlace(a, 0);
    keccak.hash512InPlace(b, 0);
    for (int j = 0; j < EthashParams.DATASET_PARENTS; j++) {
      int pa = itemMod.mod(fnv(index ^ j, a[j & 15])) * ITEM_WORDS;
      int pb = itemMod.mod(fnv(indexB ^ j, b[j & 15])) * ITEM_WORDS;
      for (int k = 0; k < ITEM_WORDS; k++) {
        a[k] = a[k] * FNV_PRIME ^ c[pa + k];
      }
      for (int k = 0; k < ITEM_WORDS; k++) {
        b[k] = b[k] * FNV_PRIME ^ c[pb + k];
      }
    }
    keccak.hash512InPlace(a, 0);
    keccak.hash512InPlace(b, 0);
    int[] m = mix;
    for (int k = 0; k < ITEM_WORDS; k++) {
      m[k] = m[k] * FNV_PRIME ^ a[k];
      m[ITEM_WORDS + k] = m[ITEM_WORDS + k] * FNV_PRIME ^ b[k];
    }
  }

  private static int fnv(int a, int b) {
    return a * FNV_PRIME ^ b;
  }
}
