package io.headersync.store.rocksdb;

import java.util.Arrays;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Reads RocksDB keys and values through a per-thread scratch array instead of letting the native
 * side allocate each result. An array allocated from native code takes the JVM's slow allocation
 * path and is zeroed there; a profile of a sync over devp2p spent more time in that than in
 * RocksDB's own lookups. Copying into a reused array and then into an exact-size one allocated in
 * Java costs one extra copy of a few hundred bytes.
 */
final class ValueCopy {

  /** Larger than any header, total difficulty or checkpoint; bodies may need a second read. */
  private static final int SCRATCH_BYTES = 4096;

  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_BYTES]);

  private ValueCopy() {}

  /** The value at {@code key} (a copy), or {@code null}. */
  static byte[] get(RocksDB db, ColumnFamilyHandle family, ReadOptions options, byte[] key) throws RocksDBException {
    byte[] scratch = SCRATCH.get();
    int n = options == null ? db.get(family, key, scratch) : db.get(family, options, key, scratch);
    if (n == RocksDB.NOT_FOUND) {
      return null;
    }
    if (n > scratch.length) {
      // Rare (a large body): the native side allocates this one.
      return options == null ? db.get(family, key) : db.get(family, options, key);
    }
    return Arrays.copyOf(scratch, n);
  }

  /** The iterator's current key (a copy). */
  static byte[] key(RocksIterator it) {
    byte[] scratch = SCRATCH.get();
    int n = it.key(scratch);
    return n <= scratch.length ? Arrays.copyOf(scratch, n) : it.key();
  }

  /** The iterator's current value (a copy). */
  static byte[] value(RocksIterator it) {
    byte[] scratch = SCRATCH.get();
    int n = it.value(scratch);
    return n <= scratch.length ? Arrays.copyOf(scratch, n) : it.value();
  }
}
