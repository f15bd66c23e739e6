package io.headersync.store.rocksdb;

import io.headersync.store.kv.KeyValueHeaderStore;

/**
 * How the RocksDB store uses memory, disk and the file system. The defaults target a full
 * mainnet header sync (about 22 million headers, some 12 GB of header RLP) on a node that keeps
 * its whole heap and native footprint to a few hundred MB.
 *
 * @param blockCacheBytes size of the LRU cache shared by every table for data, index and filter
 *     blocks. Default 128 MiB: the hot set is the recent end of the canonical chain (serving
 *     peers, following the tip) plus index and filter blocks, which are kept in the cache rather
 *     than beside it so that this number bounds read memory.
 * @param writeBufferBytes size of one table's memtable before it is flushed to disk. Default
 *     64 MiB: about 100,000 headers, so a sync flushes every ten or so batches of 10,000 instead
 *     of every batch, and level 0 stays small. The total held in memtables across all tables is
 *     capped at twice this, and all tables flush together (see {@link RocksDbHeaderStore}).
 * @param bloomBitsPerKey bits of Bloom filter per key, 0 for none. Default 10 (about 1% false
 *     positives): lookups by hash are random and often miss ("do we have this header?"), and a
 *     filter answers most misses without reading a data block, for about 1.25 bytes a key.
 * @param compression compression of table files. Default none: a post-merge header is mostly
 *     hashes, a dense bloom and other random-looking fields (LZ4 takes 13% off a sample of recent
 *     mainnet headers), and every table file flushed pays the compression and every block a scan
 *     or lookup reads pays the decompression. Measured on the 1,000,000-header loopback sync, in
 *     back-to-back runs: about 2 µs of CPU a header less without (warm runs 16.1–20.2 µs against
 *     18.4–21.2 with LZ4), some 8% of all the sync's CPU, for about 13% more disk on the headers.
 *     LZ4 or ZSTD for a store where disk counts more than CPU; files written with one stay
 *     readable under another.
 * @param syncOnCommit whether each commit waits for its write-ahead log to reach the disk.
 *     Default false: every commit is written to the log before it returns, so a killed process
 *     loses nothing; only a power failure or kernel crash can lose the last commits, and
 *     recovery then stops at a consistent earlier batch (checkpoints are in the same batches),
 *     which a sync simply repeats. True costs one fsync per batch.
 * @param maxBackgroundJobs threads for flushes and compactions. Default 2: a header store writes
 *     little enough that two keep up, and the downloader needs the other cores for hashing and
 *     seal checks.
 * @param maxOpenFiles table files kept open, or -1 for all. Default 512: far more than the
 *     ~200 files of a full mainnet store at 64 MiB each, while keeping a bound on descriptors.
 * @param recentLinkSlots headers of a reverse walk (stored, not yet canonical) whose hash,
 *     parent hash and difficulty the store keeps in memory, 80 bytes each, so that the walk's
 *     canonical pass finds them without reading the headers back; 0 for none. Default {@link
 *     KeyValueHeaderStore#defaultRecentLinkSlots()}: a thirty-second of the maximum heap, at
 *     most 2^20 (80 MB). Measured on the 1,000,000-header loopback sync: reading a chunk's headers back
 *     took about 0.7 µs a header, and the pass fell from 1.6–1.8 s to 0.8–1.1 s without it.
 */
public record RocksDbConfig(
    long blockCacheBytes,
    long writeBufferBytes,
    int bloomBitsPerKey,
    Compression compression,
    boolean syncOnCommit,
    int maxBackgroundJobs,
    int maxOpenFiles,
    int recentLinkSlots) {

  /** Table file compression. */
  public enum Compression { NONE, SNAPPY, LZ4, ZSTD }

  private static final long MIB = 1L << 20;

  /** The defaults described above. */
  public static final RocksDbConfig DEFAULT = new RocksDbConfig(128 * MIB, 64 * MIB, 10, Compression.NONE, false, 2, 512,
      KeyValueHeaderStore.defaultRecentLinkSlots());

  public RocksDbConfig {
    if (blockCacheBytes < MIB) {
      throw new IllegalArgumentException("blockCacheBytes must be at least 1 MiB, got " + blockCacheBytes);
    }
    if (writeBufferBytes < MIB) {
      throw new IllegalArgumentException("writeBufferBytes must be at least 1 MiB, got " + writeBufferBytes);
    }
    if (bloomBitsPerKey < 0 || bloomBitsPerKey > 64) {
      throw new IllegalArgumentException("bloomBitsPerKey must be 0 to 64, got " + bloomBitsPerKey);
    }
    if (compression == null) {
      throw new IllegalArgumentException("compression must be set (NONE for none)");
    }
    if (maxBackgroundJobs < 1) {
      throw new IllegalArgumentException("maxBackgroundJobs must be at least 1, got " + maxBackgroundJobs);
    }
    if (maxOpenFiles != -1 && maxOpenFiles < 16) {
      throw new IllegalArgumentException("maxOpenFiles must be -1 (unlimited) or at least 16, got " + maxOpenFiles);
    }
    if (recentLinkSlots < 0) {
      throw new IllegalArgumentException("recentLinkSlots must be at least 0, got " + recentLinkSlots);
    }
  }

  public RocksDbConfig withSyncOnCommit(boolean sync) {
    return new RocksDbConfig(blockCacheBytes, writeBufferBytes, bloomBitsPerKey, compression, sync, maxBackgroundJobs, maxOpenFiles, recentLinkSlots);
  }

  public RocksDbConfig withBlockCacheBytes(long bytes) {
    return new RocksDbConfig(bytes, writeBufferBytes, bloomBitsPerKey, compression, syncOnCommit, maxBackgroundJobs, maxOpenFiles, recentLinkSlots);
  }

  public RocksDbConfig withWriteBufferBytes(long bytes) {
    return new RocksDbConfig(blockCacheBytes, bytes, bloomBitsPerKey, compression, syncOnCommit, maxBackgroundJobs, maxOpenFiles, recentLinkSlots);
  }

  public RocksDbConfig withRecentLinkSlots(int slots) {
    return new RocksDbConfig(blockCacheBytes, writeBufferBytes, bloomBitsPerKey, compression, syncOnCommit, maxBackgroundJobs, maxOpenFiles,
        slots);
  }

  public RocksDbConfig withCompression(Compression c) {
    return new RocksDbConfig(blockCacheBytes, writeBufferBytes, bloomBitsPerKey, c, syncOnCommit, maxBackgroundJobs, maxOpenFiles, recentLinkSlots);
  }
}
