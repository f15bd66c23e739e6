package io.headersync.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Pins the hand-built serialized batch against the RocksDB in use: the same changes made through
 * RocksDB's own {@link WriteBatch} must serialize to the very same bytes, and the hand-built
 * batch must write what it says.
 */
class SerializedWriteBatchTest {

  static {
    RocksDB.loadLibrary();
  }

  @TempDir
  Path dir;

  private DBOptions options;
  private RocksDB db;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();

  @BeforeEach
  void open() throws RocksDBException {
    options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    List<ColumnFamilyDescriptor> families = List.of(
        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
        new ColumnFamilyDescriptor("one".getBytes(StandardCharsets.US_ASCII)),
        new ColumnFamilyDescriptor("two".getBytes(StandardCharsets.US_ASCII)));
    db = RocksDB.open(options, dir.toString(), families, handles);
  }

  @AfterEach
  void close() {
    handles.forEach(ColumnFamilyHandle::close);
    db.close();
    options.close();
  }

  @Test
  void serializesLikeRocksDbItself() throws RocksDBException {
    Random random = new Random(7);
    SerializedWriteBatch ours = new SerializedWriteBatch(16); // tiny, so that it must grow
    try (WriteBatch theirs = new WriteBatch()) {
      // lengths around each varint32 boundary, empty values, and every family including the default
      int[] lengths = {0, 1, 127, 128, 300, 16_383, 16_384, 70_000};
      for (int i = 0; i < lengths.length; i++) {
        ColumnFamilyHandle family = handles.get(i % handles.size());
        byte[] key = bytes(random, 1 + i * 7);
        byte[] value = bytes(random, lengths[i]);
        theirs.put(family, key, value);
        ours.put(family.getID(), key, value);
        byte[] deleted = bytes(random, lengths[lengths.length - 1 - i] + 1);
        theirs.delete(family, deleted);
        ours.delete(family.getID(), deleted);
      }
      assertThat(ours.count()).isEqualTo(theirs.count()).isEqualTo(2 * lengths.length);
      byte[] serialized = ours.toByteArray();
      assertThat(serialized).hasSize(ours.size()).isEqualTo(theirs.data());
    }
  }

  @Test
  void anEmptyBatchIsTheBareHeader() throws RocksDBException {
    try (WriteBatch theirs = new WriteBatch()) {
      assertThat(new SerializedWriteBatch(0).toByteArray())
          .hasSize(SerializedWriteBatch.HEADER_SIZE)
          .isEqualTo(theirs.data());
    }
  }

  @Test
  void aSerializedBatchWritesItsPutsAndDeletes() throws RocksDBException {
    ColumnFamilyHandle one = handles.get(1);
    ColumnFamilyHandle two = handles.get(2);
    byte[] a = "a".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "b".getBytes(StandardCharsets.US_ASCII);
    db.put(two, b, new byte[] {9});

    SerializedWriteBatch ours = new SerializedWriteBatch(64);
    ours.put(one.getID(), a, new byte[] {1, 2, 3});
    ours.put(two.getID(), a, new byte[0]);
    ours.delete(two.getID(), b);
    try (WriteOptions write = new WriteOptions(); WriteBatch batch = new WriteBatch(ours.toByteArray());
        ReadOptions read = new ReadOptions()) {
      db.write(write, batch);
      assertThat(db.get(one, read, a)).containsExactly(1, 2, 3);
      assertThat(db.get(two, read, a)).isEmpty();
      assertThat(db.get(two, read, b)).isNull();
      assertThat(db.get(handles.get(0), read, a)).isNull();
    }
  }

  private static byte[] bytes(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }
}
