package io.headersync.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreException;
import io.headersync.store.StoreException.Reason;
import io.headersync.store.WriteBatch;
import io.headersync.store.kv.KeyValueHeaderStore;
import io.headersync.store.kv.Table;
import io.headersync.store.kv.TableCodec;
import io.headersync.store.testing.HeaderStoreContract;
import io.headersync.store.testing.SyntheticChain;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

class RocksDbHeaderStoreTest extends HeaderStoreContract {

  /** Small buffers: tests write little, and several test JVMs may share the machine. */
  private static final RocksDbConfig TEST_CONFIG = RocksDbConfig.DEFAULT
      .withBlockCacheBytes(8L << 20).withWriteBufferBytes(4L << 20);

  @TempDir
  Path dir;

  @Override
  protected HeaderStore open(Hash genesis) {
    return RocksDbHeaderStore.open(dir.resolve("db"), genesis, TEST_CONFIG);
  }

  /** Closes the store and runs {@code edit} on the raw RocksDB with every family open. */
  private void editRaw(Consumer<RawDb> edit) {
    store.close();
    store = null;
    Path db = dir.resolve("db");
    try (Options options = new Options()) {
      List<byte[]> names = RocksDB.listColumnFamilies(options, db.toString());
      List<ColumnFamilyDescriptor> descriptors = names.stream().map(ColumnFamilyDescriptor::new).toList();
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      try (DBOptions dbOptions = new DBOptions(); RocksDB raw = RocksDB.open(dbOptions, db.toString(), descriptors, handles)) {
        edit.accept(new RawDb(raw, names, handles));
        handles.forEach(ColumnFamilyHandle::close);
      }
    } catch (RocksDBException e) {
      throw new AssertionError(e);
    }
  }

  private record RawDb(RocksDB db, List<byte[]> names, List<ColumnFamilyHandle> handles) {
    ColumnFamilyHandle handle(Table t) {
      for (int i = 0; i < names.size(); i++) {
        if (Arrays.equals(names.get(i), t.nameBytes())) {
          return handles.get(i);
        }
      }
      throw new AssertionError("no family " + t);
    }

    void put(Table t, byte[] key, byte[] value) {
      try {
        db.put(handle(t), key, value);
      } catch (RocksDBException e) {
        throw new AssertionError(e);
      }
    }

    void drop(Table t) {
      try {
        db.dropColumnFamily(handle(t));
      } catch (RocksDBException e) {
        throw new AssertionError(e);
      }
    }
  }

  private long tableFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("db"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".sst")).count();
    }
  }

  @Test
  void aFlushMovesWhatCommitsWroteIntoTableFiles() throws IOException {
    commitCanonical(store, SyntheticChain.build(SEED, 50), BigInteger.ZERO);
    long before = tableFiles();
    store.flush();
    assertThat(tableFiles()).as("table files after the flush").isGreaterThan(before);
    long after = tableFiles();
    store.flush();
    assertThat(tableFiles()).as("a flush with nothing buffered writes no file").isEqualTo(after);
  }

  @Test
  void compactionsThatMergeOverlappingFilesAreCounted() throws InterruptedException {
    RocksDbHeaderStore rocks = (RocksDbHeaderStore) store;
    commitCanonical(store, chain(2), BigInteger.ZERO);
    assertThat(rocks.compactionBytesRead()).as("a fresh store").isZero();
    // Side branches over the same numbers: each flushed file spans the range of the others, and
    // the fourth level-0 file starts a compaction that must read and merge them.
    for (int branch = 0; branch < 4; branch++) {
      WriteBatch batch = new WriteBatch();
      SyntheticChain.extend(GENESIS, 200, FORK_SEED + branch).forEach(batch::putHeader);
      store.commit(batch);
      store.flush();
    }
    // Each table compacts on its own: the first to finish (the small hash index) shows before the
    // headers' compaction has read its files, so wait for the bound itself, not for any count.
    long atLeast = 4 * 200 * 100L;
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (rocks.compactionBytesRead() <= atLeast && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(rocks.compactionBytesRead()).as("bytes read by compactions").isGreaterThan(atLeast);
    store.close();
    assertThatThrownBy(rocks::compactionBytesRead).isInstanceOfSatisfying(StoreException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
    store = null;
  }

  /** Headers are written once: the files of the last level are not rewritten just to zero their sequence numbers. */
  @Test
  void filesOfTheLastLevelAreNotRewrittenSoonAfterTheyArrive() throws IOException {
    Path options;
    try (Stream<Path> files = Files.list(dir.resolve("db"))) {
      options = files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-")).max(Path::compareTo).orElseThrow();
    }
    String text = Files.readString(options);
    long families = text.lines().filter(l -> l.startsWith("[CFOptions ")).count();
    assertThat(families).isEqualTo(Table.values().length + 1L);
    assertThat(text.lines().filter(l -> l.trim().equals("bottommost_file_compaction_delay=86400")).count())
        .as("families with a one-day delay").isEqualTo(families);
  }

  /**
   * The hash-keyed table's changes reach RocksDB sorted by key, not in batch order: the last
   * change to a hash in a batch must still be the one that stays.
   */
  @Test
  void theLastChangeToAHashInABatchWinsWhateverTheKeyOrder() {
    List<BlockHeader> chain = SyntheticChain.build(SEED, 40);
    commitCanonical(store, chain.subList(0, 2), BigInteger.ZERO);
    List<BlockHeader> side = SyntheticChain.extend(chain.get(1), 30, FORK_SEED);
    WriteBatch first = new WriteBatch();
    side.forEach(first::putHeader);
    store.commit(first);

    WriteBatch second = new WriteBatch();
    for (int i = 0; i < side.size(); i++) {
      BlockHeader h = side.get(i);
      if (i % 2 == 0) {
        second.deleteHeader(h.hash()).putHeader(h); // put back: stays
      } else {
        second.putHeader(h).deleteHeader(h.hash()); // put again, then deleted: gone
      }
    }
    store.commit(second);

    for (int i = 0; i < side.size(); i++) {
      BlockHeader h = side.get(i);
      if (i % 2 == 0) {
        assertThat(store.blockNumber(h.hash())).as("block %d", h.number()).hasValue(h.number());
      } else {
        assertThat(store.blockNumber(h.hash())).as("block %d", h.number()).isEmpty();
      }
    }
    store.close();
    store = open(GENESIS.hash()); // and the same after the write-ahead log is replayed
    for (int i = 0; i < side.size(); i++) {
      assertThat(store.blockNumber(side.get(i).hash()).isPresent()).isEqualTo(i % 2 == 0);
    }
  }

  @Test
  void eachTableIsAColumnFamily() throws RocksDBException {
    store.close();
    store = null;
    try (Options options = new Options()) {
      List<String> names = RocksDB.listColumnFamilies(options, dir.resolve("db").toString()).stream()
          .map(b -> new String(b, StandardCharsets.US_ASCII)).toList();
      assertThat(names).contains("headers", "canonical", "header_numbers", "total_difficulty", "checkpoints", "bodies", "meta");
    }
  }

  @Test
  void aSecondOpenOfTheSameDirectoryFailsWithAnIoError() {
    assertThatThrownBy(() -> open(GENESIS.hash()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IO))
        .hasMessageContaining(dir.resolve("db").toAbsolutePath().toString());
  }

  @Test
  void aTruncatedHashOnOpenIsCorruption() {
    commitCanonical(store, SyntheticChain.build(SEED, 3), BigInteger.ZERO);
    byte[] key = TableCodec.numberKey(2);
    editRaw(raw -> raw.put(Table.CANONICAL, key, new byte[31]));
    assertThatThrownBy(() -> open(GENESIS.hash()))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.CORRUPTION);
          assertThat(e.table()).isEqualTo("canonical");
          assertThat(e.key()).isEqualTo(key);
        })
        .hasMessageContaining("32-byte hash, found 31");
  }

  @Test
  void anUndecodableHeaderIsCorruption() {
    commitCanonical(store, SyntheticChain.build(SEED, 3), BigInteger.ZERO);
    Hash hash = store.canonicalHash(1).orElseThrow();
    byte[] key = TableCodec.numberHashKey(1, hash);
    editRaw(raw -> raw.put(Table.HEADERS, key, new byte[] {(byte) 0xc1}));
    store = open(GENESIS.hash());
    assertThatThrownBy(() -> store.header(hash))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.CORRUPTION);
          assertThat(e.table()).isEqualTo("headers");
          assertThat(e.key()).isEqualTo(key);
        });
  }

  @Test
  void anInitialisedStoreMissingATableRefusesToOpen() {
    editRaw(raw -> raw.drop(Table.BODIES));
    assertThatThrownBy(() -> open(GENESIS.hash()))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.MISSING_TABLE);
          assertThat(e.table()).isEqualTo("bodies");
        });
  }

  @Test
  void aCreationCutShortIsCompletedOnTheNextOpen() throws RocksDBException {
    store.close();
    store = null;
    Path half = dir.resolve("half");
    List<ColumnFamilyDescriptor> some = List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
        new ColumnFamilyDescriptor(Table.HEADERS.nameBytes()), new ColumnFamilyDescriptor(Table.CANONICAL.nameBytes()));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions o = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)) {
      RocksDB raw = RocksDB.open(o, half.toString(), some, handles);
      handles.forEach(ColumnFamilyHandle::close);
      raw.close(); // as if the process died before the other tables and the chain identity were written
    }
    try (HeaderStore reopened = RocksDbHeaderStore.open(half, GENESIS.hash(), TEST_CONFIG)) {
      assertThat(reopened.genesisHash()).isEqualTo(GENESIS.hash());
      commitCanonical(reopened, SyntheticChain.build(SEED, 2), BigInteger.ZERO);
      assertThat(reopened.head().orElseThrow().number()).isEqualTo(1);
    }
  }

  @Test
  void anotherSchemaVersionRefusesToOpen() {
    editRaw(raw -> raw.put(Table.META, "schema_version".getBytes(StandardCharsets.US_ASCII), ByteBuffer.allocate(4).putInt(99).array()));
    assertThatThrownBy(() -> open(GENESIS.hash()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SCHEMA_MISMATCH))
        .hasMessageContaining("99");
  }

  @Test
  void theStoredGenesisCanBeReadWithoutKnowingTheChain() {
    assertThat(RocksDbHeaderStore.storedGenesis(dir.resolve("db"))).contains(GENESIS.hash()); // while the store is open
    store.close();
    store = null;
    assertThat(RocksDbHeaderStore.storedGenesis(dir.resolve("db"))).contains(GENESIS.hash());
    assertThat(RocksDbHeaderStore.storedGenesis(dir.resolve("nothing-here"))).isEmpty();
  }

  @Test
  void configRejectsNonsense() {
    assertThatThrownBy(() -> RocksDbConfig.DEFAULT.withBlockCacheBytes(10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blockCacheBytes");
    assertThatThrownBy(() -> RocksDbConfig.DEFAULT.withCompression(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(RocksDbConfig.DEFAULT.syncOnCommit()).isFalse();
    assertThatThrownBy(() -> RocksDbConfig.DEFAULT.withRecentLinkSlots(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recentLinkSlots");
    assertThat(RocksDbConfig.DEFAULT.recentLinkSlots()).isEqualTo(KeyValueHeaderStore.defaultRecentLinkSlots()).isPositive();
  }

  @Test
  void aWalkIsMadeCanonicalAlikeFromMemoryAfterAReopenAndWithNoSlots() {
    store.close();
    store = null;
    List<BlockHeader> headers = SyntheticChain.build(SEED, 3_000);
    List<BigInteger> expected = SyntheticChain.totalDifficulties(headers, BigInteger.ZERO);
    for (String mode : List.of("memory", "reopened", "no-slots")) {
      Path where = dir.resolve(mode);
      RocksDbConfig config = mode.equals("no-slots") ? TEST_CONFIG.withRecentLinkSlots(0) : TEST_CONFIG;
      HeaderStore s = RocksDbHeaderStore.open(where, GENESIS.hash(), config);
      commitCanonical(s, headers.subList(0, 1), BigInteger.ZERO);
      for (int top = 2_999; top >= 1; top -= 500) {
        WriteBatch walk = new WriteBatch();
        for (int n = top; n > Math.max(0, top - 500); n--) {
          walk.putHeader(headers.get(n));
        }
        s.commit(walk);
      }
      if (mode.equals("reopened")) {
        s.close();
        s = RocksDbHeaderStore.open(where, GENESIS.hash(), config);
      }
      s.commit(new WriteBatch().setCanonicalChain(1_000, headers.get(1_000).hash()));
      s.commit(new WriteBatch().setCanonicalChain(2_999, headers.get(2_999).hash()));
      for (int n = 0; n < 3_000; n += 7) {
        assertThat(s.canonicalHash(n)).as("%s: block %d", mode, n).contains(headers.get(n).hash());
        assertThat(s.totalDifficulty(n, headers.get(n).hash())).as("%s: total difficulty %d", mode, n).contains(expected.get(n));
      }
      assertThat(s.head()).contains(new BlockRef(2_999, headers.get(2_999).hash()));
      s.close();
    }
  }

  @Test
  void syncOnCommitAndEveryCompressionWork() {
    store.close();
    store = null;
    for (RocksDbConfig.Compression c : RocksDbConfig.Compression.values()) {
      try (HeaderStore s = RocksDbHeaderStore.open(dir.resolve(c.name()), GENESIS.hash(), TEST_CONFIG.withCompression(c).withSyncOnCommit(true))) {
        commitCanonical(s, SyntheticChain.build(SEED, 10), BigInteger.ZERO);
      }
      try (HeaderStore s = RocksDbHeaderStore.open(dir.resolve(c.name()), GENESIS.hash(), TEST_CONFIG.withCompression(c))) {
        assertThat(s.head().orElseThrow().number()).as(c.name()).isEqualTo(9);
      }
    }
  }
}
