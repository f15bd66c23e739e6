package io.headersync.consensus.seal.ethash;

import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;

/**
 * The numbers of the ethash specification and the per-epoch sizes derived from them.
 *
 * <p>Cache and dataset sizes are computed by the specification's rule (start from the linear
 * size, step down until the size in items is prime) rather than read from a table, so every
 * epoch up to {@link #MAX_EPOCH} is covered by the same few lines.
 */
public final class EthashParams {

  /** Blocks per epoch: the cache and dataset change every this many blocks. */
  public static final long EPOCH_LENGTH = 30_000;
  /**
   * Epochs this verifier accepts. Epoch 2048 starts at block 61,440,000, far beyond any ethash
   * chain; the limit bounds a cache's size (about 272 MiB there) whatever a peer claims.
   */
  public static final long MAX_EPOCH = 2048;

  static final int WORD_BYTES = 4;
  static final long DATASET_BYTES_INIT = 1L << 30;
  static final long DATASET_BYTES_GROWTH = 1L << 23;
  static final long CACHE_BYTES_INIT = 1L << 24;
  static final long CACHE_BYTES_GROWTH = 1L << 17;
  static final int MIX_BYTES = 128;
  static final int HASH_BYTES = 64;
  static final int DATASET_PARENTS = 256;
  static final int CACHE_ROUNDS = 3;
  static final int ACCESSES = 64;

  private EthashParams() {}

  public static long epoch(long blockNumber) {
    return blockNumber / EPOCH_LENGTH;
  }

  /** Size of the verification cache of {@code epoch}, in bytes. */
  public static long cacheSize(long epoch) {
    long size = CACHE_BYTES_INIT + CACHE_BYTES_GROWTH * epoch - HASH_BYTES;
    while (!isPrime(size / HASH_BYTES)) {
      size -= 2 * HASH_BYTES;
    }
    return size;
  }

  /** Size of the full dataset of {@code epoch}, in bytes (light verification only indexes it). */
  public static long datasetSize(long epoch) {
    long size = DATASET_BYTES_INIT + DATASET_BYTES_GROWTH * epoch - MIX_BYTES;
    while (!isPrime(size / MIX_BYTES)) {
      size -= 2 * MIX_BYTES;
    }
    return size;
  }

  /** The seed of {@code epoch}: Keccak-256 applied {@code epoch} times to 32 zero bytes. */
  public static Hash seedHash(long epoch) {
    byte[] seed = new byte[32];
    for (long i = 0; i < epoch; i++) {
      Keccak.keccak256(seed, 0, 32, seed, 0);
    }
    return Hash.wrap(seed);
  }

  static boolean isPrime(long n) {
    if (n < 2) {
      return false;
    }
    if (n % 2 == 0) {
      return n == 2;
    }
    for (long d = 3; d * d <= n; d += 2) {
      if (n % d == 0) {
        return false;
      }
    }
    return true;
  }
}
