package io.headersync.consensus.seal.ethash;

import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;

/**
 * The verification cache of one epoch: {@code n} 64-byte items kept as {@code 16·n}
 * little-endian words, with the sizes light verification needs.
 *
 * <p>Immutable once built and safe to share between threads.
 */
public final class EthashCache {

  private final long epoch;
  private final int[] words;
  private final int items;
  private final long datasetSize;
  private final FastMod itemMod;
  private final FastMod pageMod;

  EthashCache(long epoch, int[] words, long datasetSize) {
    if (words.length % 16 != 0 || words.length == 0) {
      throw new IllegalArgumentException("cache words must be a positive multiple of 16, got " + words.length);
    }
    this.epoch = epoch;
    this.words = words;
    this.items = words.length / 16;
    this.datasetSize = datasetSize;
    this.itemMod = new FastMod(items);
    this.pageMod = new FastMod(datasetSize / EthashParams.MIX_BYTES);
  }

  /**
   * Builds the cache of {@code epoch} as the specification does: a chain of Keccak-512 from the
   * seed, then three rounds of RandMemoHash. Takes about a second at epoch 0 and grows linearly.
   */
  public static EthashCache generate(long epoch) {
    if (epoch < 0 || epoch >= EthashParams.MAX_EPOCH) {
      throw new IllegalArgumentException("ethash epoch must be in [0, " + EthashParams.MAX_EPOCH + "), got " + epoch);
    }
    long size = EthashParams.cacheSize(epoch);
    int n = (int) (size / EthashParams.HASH_BYTES);
    int[] w = new int[n * 16];
    Keccak512Words k = new Keccak512Words();
    byte[] seed = EthashParams.seedHash(epoch).unsafeArray();
    k.hash512(seed, 0, seed.length, w, 0);
    for (int i = 1; i < n; i++) {
      System.arraycopy(w, (i - 1) * 16, w, i * 16, 16);
      k.hash512InPlace(w, i * 16);
    }
    int[] tmp = new int[16];
    for (int round = 0; round < EthashParams.CACHE_ROUNDS; round++) {
      for (int i = 0; i < n; i++) {
        int src = ((i - 1 + n) % n) * 16;
        int other = Integer.remainderUnsigned(w[i * 16], n) * 16;
        for (int j = 0; j < 16; j++) {
          tmp[j] = w[src + j] ^ w[other + j];
        }
        k.hash512InPlace(tmp, 0);
        System.arraycopy(tmp, 0, w, i * 16, 16);
      }
    }
    return new EthashCache(epoch, w, EthashParams.datasetSize(epoch));
  }

  public long epoch() {
    return epoch;
  }

  /** Size in bytes. */
  public long size() {
    return (long) items * EthashParams.HASH_BYTES;
  }

  /** Size of the full dataset of this epoch, in bytes. */
  public long datasetSize() {
    return datasetSize;
  }

  /** Keccak-256 of the cache's bytes, as the public vectors give it. */
  public Hash contentHash() {
    byte[] bytes = new byte[words.length * 4];
    Keccak512Words.toBytes(words, 0, words.length, bytes, 0);
    return Keccak.keccak256(bytes);
  }

  int[] words() {
    return words;
  }

  int items() {
    return items;
  }

  /** Remainder by the number of cache items. */
  FastMod itemMod() {
    return itemMod;
  }

  /** Remainder by the number of 128-byte dataset pages. */
  FastMod pageMod() {
    return pageMod;
  }
}
