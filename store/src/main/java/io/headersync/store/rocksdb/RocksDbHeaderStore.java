package io.headersync.store.rocksdb;

import io.headersync.core.bytes.Hash;
import io.headersync.store.CloseableIterator;
import io.headersync.store.StoreException;
import io.headersync.store.StoreException.Reason;
import io.headersync.store.kv.KeyValue;
import io.headersync.store.kv.KeyValueHeaderStore;
import io.headersync.store.kv.Table;
import io.headersync.store.kv.TableView;
import io.headersync.store.kv.TableWrite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.RocksObject;
import org.rocksdb.Snapshot;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The default {@link io.headersync.store.HeaderStore}: a RocksDB directory with one column family
 * per {@link Table}.
 *
 * <p>Atomicity and crash safety come from RocksDB itself: a commit is one RocksDB write batch
 * across column families, logged to the write-ahead log before it is applied; recovery replays
 * the log up to the last complete batch. All tables flush together ("atomic flush") so that a
 * damaged log tail can never leave one table ahead of another.
 *
 * <p>Creating a store creates every table, then records the chain identity; a creation cut short
 * is completed at the next open. An initialised store that lacks a table is corrupt and refuses
 * to open rather than silently starting that table empty.
 */
public final class RocksDbHeaderStore extends KeyValueHeaderStore {

  static {
    RocksDB.loadLibrary();
  }

  private static final byte[] DEFAULT_FAMILY = RocksDB.DEFAULT_COLUMN_FAMILY;
  /** Where a write batch's buffer starts; it doubles as needed (a 10,000-header chunk takes ~7 MB). */
  private static final int INITIAL_BATCH_BYTES = 64 * 1024;
  /**
   * The largest batch buffer kept for the next write: import chunks of up to ~50,000 headers fit;
   * a rarer, larger batch (a long unwind) allocates its own rather than pin the memory for good.
   */
  private static final int MAX_KEPT_BATCH_BYTES = 64 * 1024 * 1024;
  /**
   * Data block size of the tables read by number in long runs. A header is ~600 bytes, so RocksDB's
   * default 4 KiB holds six, and a walk paid a block fetch (cache lookup, checksum, decompression,
   * cache insert and eviction) every six headers; 16 KiB cut the CPU of a 1M-header loopback sync
   * by 7–10% (bench/scripts/p2p-benchmarks.sh). Random reads by number decompress a larger block:
   * rarer, and a few microseconds.
   */
  private static final int SCANNED_BLOCK_BYTES = 16 * 1024;
  /** Data block size of the hash-keyed tables, read one random key at a time: RocksDB's default. */
  private static final int POINT_READ_BLOCK_BYTES = 4 * 1024;

  /**
   * How old a file of the last level must be before RocksDB rewrites it only to zero its sequence
   * numbers (a "bottommost files" compaction, which follows the release of any snapshot). Headers
   * are written once, so the rewrite saves nothing soon; at RocksDB's default of no delay, a 1M-header
   * loopback sync rewrote ~530 MB of freshly moved files on the second core while its canonical
   * pass needed both (bench/scripts/p2p-benchmarks.sh). One day outlasts an initial sync and still
   * lets the space of unwound or pruned headers come back within a day.
   */
  private static final int BOTTOMMOST_REWRITE_DELAY_SECONDS = 24 * 60 * 60;

  private final Path directory;
  private final RocksDbConfig config;
  private final RocksDB db;
  private final Map<Table, ColumnFamilyHandle> handles;
  /** RocksDB's id of each table's column family, by {@link Table#ordinal()}, for serialized batches. */
  private final int[] familyIds;
  private final List<ColumnFamilyHandle> allHandles;
  private final WriteOptions writeOptions;
  /** The batch buffer of the last write, for the next one; {@code null} while a write holds it. */
  private SerializedWriteBatch spareBatch;
  /** Native option objects, closed after the database. */
  private final List<RocksObject> resources;

  private RocksDbHeaderStore(Path directory, RocksDbConfig config, RocksDB db, Map<Table, ColumnFamilyHandle> handles,
      List<ColumnFamilyHandle> allHandles, WriteOptions writeOptions, List<RocksObject> resources) {
    super(config.recentLinkSlots());
    this.directory = directory;
    this.config = config;
    this.db = db;
    this.handles = handles;
    this.familyIds = new int[Table.values().length];
    for (Table t : Table.values()) {
      familyIds[t.ordinal()] = handles.get(t).getID();
    }
    this.allHandles = allHandles;
    this.writeOptions = writeOptions;
    this.resources = resources;
  }

  /** Opens (creating if needed) the store in {@code directory} for the chain of {@code genesisHash}, with defaults. */
  public static RocksDbHeaderStore open(Path directory, Hash genesisHash) {
    return open(directory, genesisHash, RocksDbConfig.DEFAULT);
  }

  /**
   * Opens the store in {@code directory}, creating it if absent.
   *
   * @throws io.headersync.store.ChainMismatchException when the store holds another chain
   * @throws StoreException {@link Reason#IO} when RocksDB cannot open the directory (for example
   *     another process holds it), {@link Reason#MISSING_TABLE} when an initialised store lacks a
   *     table, {@link Reason#SCHEMA_MISMATCH} for another layout version
   */
  public static RocksDbHeaderStore open(Path directory, Hash genesisHash, RocksDbConfig config) {
    Path dir = directory.toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException(Reason.IO, "cannot create the store directory " + dir + ": " + e.getMessage(), e);
    }
    List<byte[]> existing = existingFamilies(dir);
    if (!existing.isEmpty()) {
      refuseIfTableMissing(dir, existing);
    }

    List<RocksObject> resources = new ArrayList<>();
    LRUCache cache = track(resources, new LRUCache(config.blockCacheBytes()));
    BloomFilter filter = config.bloomBitsPerKey() > 0 ? track(resources, new BloomFilter(config.bloomBitsPerKey())) : null;
    DBOptions dbOptions = track(resources, new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setAtomicFlush(true)
        .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
        .setMaxBackgroundJobs(config.maxBackgroundJobs())
        .setMaxOpenFiles(config.maxOpenFiles())
        .setDbWriteBufferSize(2 * config.writeBufferBytes())
        .setKeepLogFileNum(4));
    ColumnFamilyOptions tableOptions = track(resources, familyOptions(config, cache, filter, POINT_READ_BLOCK_BYTES));
    ColumnFamilyOptions scannedTableOptions = track(resources, familyOptions(config, cache, filter, SCANNED_BLOCK_BYTES));

    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(DEFAULT_FAMILY, tableOptions));
    for (Table t : Table.values()) {
      descriptors.add(new ColumnFamilyDescriptor(t.nameBytes(), isScannedByNumber(t) ? scannedTableOptions : tableOptions));
    }
    for (byte[] name : existing) {
      if (descriptors.stream().noneMatch(d -> Arrays.equals(d.getName(), name))) {
        descriptors.add(new ColumnFamilyDescriptor(name, tableOptions)); // RocksDB must open every family it has
      }
    }

    List<ColumnFamilyHandle> allHandles = new ArrayList<>();
    RocksDB db;
    try {
      db = RocksDB.open(dbOptions, dir.toString(), descriptors, allHandles);
    } catch (RocksDBException e) {
      closeAll(resources);
      throw new StoreException(Reason.IO, "cannot open the store at " + dir + ": " + e.getMessage(), e);
    }
    Map<Table, ColumnFamilyHandle> handles = new EnumMap<>(Table.class);
    for (Table t : Table.values()) {
      handles.put(t, allHandles.get(t.ordinal() + 1));
    }
    WriteOptions writeOptions = track(resources, new WriteOptions().setSync(config.syncOnCommit()));
    RocksDbHeaderStore store = new RocksDbHeaderStore(dir, config, db, handles, allHandles, writeOptions, resources);
    try {
      store.openChain(genesisHash);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * Bytes that RocksDB's compactions have read since the store was opened, over all tables: the
   * cost of merging table files whose key ranges overlap. Files moved down whole read nothing, so
   * a sync that writes disjoint runs keeps this near zero; a large figure means files were
   * rewritten (to about a kilobyte: RocksDB reports it in GiB with six decimals).
   */
  public long compactionBytesRead() {
    return reading(() -> {
      double gibibytes = 0;
      for (ColumnFamilyHandle h : allHandles) {
        try {
          gibibytes += Double.parseDouble(db.getMapProperty(h, "rocksdb.cfstats").getOrDefault("compaction.Sum.ReadGB", "0"));
        } catch (RocksDBException | NumberFormatException e) {
          throw new StoreException(Reason.IO, "cannot read the compaction statistics of the store at " + directory + ": "
              + e.getMessage(), e);
        }
      }
      return Math.round(gibibytes * (1L << 30));
    });
  }

  /** The directory holding the store. */
  public Path directory() {
    return directory;
  }

  public RocksDbConfig config() {
    return config;
  }

  /**
   * Whether a table is keyed by block number first and so read mostly in long ascending runs
   * (serving ranges, walking the canonical chain, the total difficulty stage).
   */
  private static boolean isScannedByNumber(Table t) {
    return switch (t) {
      case HEADERS, CANONICAL, TOTAL_DIFFICULTY, BODIES -> true;
      case HEADER_NUMBERS, CHECKPOINTS, META -> false;
    };
  }

  private static ColumnFamilyOptions familyOptions(RocksDbConfig config, LRUCache cache, BloomFilter filter, int blockBytes) {
    BlockBasedTableConfig table = new BlockBasedTableConfig()
        .setBlockCache(cache)
        .setCacheIndexAndFilterBlocks(true)
        .setPinL0FilterAndIndexBlocksInCache(true)
        .setBlockSize(blockBytes);
    if (filter != null) {
      table.setFilterPolicy(filter);
    }
    return familyOptionsWithBottommostDelay()
        .setTableFormatConfig(table)
        .setWriteBufferSize(config.writeBufferBytes())
        .setMaxWriteBufferNumber(2)
        .setLevelCompactionDynamicLevelBytes(true)
        .setCompressionType(switch (config.compression()) {
          case NONE -> CompressionType.NO_COMPRESSION;
          case SNAPPY -> CompressionType.SNAPPY_COMPRESSION;
          case LZ4 -> CompressionType.LZ4_COMPRESSION;
          case ZSTD -> CompressionType.ZSTD_COMPRESSION;
        });
  }

  /**
   * Fresh column family options with {@link #BOTTOMMOST_REWRITE_DELAY_SECONDS} set: the Java
   * binding has no setter for it, so it goes through RocksDB's own option parser.
   */
  private static ColumnFamilyOptions familyOptionsWithBottommostDelay() {
    Properties properties = new Properties();
    properties.setProperty("bottommost_file_compaction_delay", Integer.toString(BOTTOMMOST_REWRITE_DELAY_SECONDS));
    ColumnFamilyOptions options = ColumnFamilyOptions.getColumnFamilyOptionsFromProps(properties);
    if (options == null) {
      throw new StoreException(Reason.IO, "this RocksDB library does not know the option bottommost_file_compaction_delay");
    }
    return options;
  }

  /** The column families of an existing database, or none when the directory holds no database. */
  private static List<byte[]> existingFamilies(Path dir) {
    if (!Files.exists(dir.resolve("CURRENT"))) {
      return List.of();
    }
    try (Options options = new Options()) {
      return RocksDB.listColumnFamilies(options, dir.toString());
    } catch (RocksDBException e) {
      throw new StoreException(Reason.IO, "cannot list the tables of the store at " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The genesis hash recorded in the store at {@code directory}, read without opening it for
   * writing; empty when there is no initialised store there. Lets a command open a data directory
   * whose chain it is not told.
   */
  public static Optional<Hash> storedGenesis(Path directory) {
    Path dir = directory.toAbsolutePath();
    List<byte[]> existing = existingFamilies(dir);
    if (existing.stream().noneMatch(n -> Arrays.equals(n, Table.META.nameBytes()))) {
      return Optional.empty();
    }
    byte[] genesis = readStoredGenesis(dir, existing);
    return genesis == null || genesis.length != Hash.SIZE ? Optional.empty() : Optional.of(Hash.of(genesis));
  }

  /** Reads the recorded genesis hash through a read-only open, which never creates anything. */
  private static byte[] readStoredGenesis(Path dir, List<byte[]> existing) {
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (byte[] name : existing) {
      descriptors.add(new ColumnFamilyDescriptor(name));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions(); RocksDB readOnly = RocksDB.openReadOnly(options, dir.toString(), descriptors, handles)) {
      int meta = -1;
      for (int i = 0; i < existing.size(); i++) {
        if (Arrays.equals(existing.get(i), Table.META.nameBytes())) {
          meta = i;
        }
      }
      byte[] genesis = readOnly.get(handles.get(meta), KeyValueHeaderStore.metaGenesisKey());
      handles.forEach(ColumnFamilyHandle::close);
      return genesis;
    } catch (RocksDBException e) {
      throw new StoreException(Reason.IO, "cannot read the store at " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * A missing table is only allowed while the store is being created, i.e. before the chain
   * identity is recorded; reading that takes a read-only open, which never creates anything.
   */
  private static void refuseIfTableMissing(Path dir, List<byte[]> existing) {
    List<Table> missing = new ArrayList<>();
    for (Table t : Table.values()) {
      if (existing.stream().noneMatch(n -> Arrays.equals(n, t.nameBytes()))) {
        missing.add(t);
      }
    }
    if (missing.isEmpty() || missing.contains(Table.META)) {
      return;
    }
    byte[] genesis = readStoredGenesis(dir, existing);
    if (genesis != null) {
      throw new StoreException(Reason.MISSING_TABLE, missing.get(0).tableName(), null,
          "the store at " + dir + " is initialised but has no table " + missing.stream().map(Table::tableName).toList());
    }
  }

  // ---- engine ----

  @Override
  protected byte[] engineGet(Table table, byte[] key) {
    try {
      return ValueCopy.get(db, handles.get(table), null, key);
    } catch (RocksDBException e) {
      throw ioError(table, key, "read failed", e);
    }
  }

  /** One multi-get: RocksDB sorts the keys and looks them up together, far cheaper than a get each. */
  @Override
  protected List<byte[]> engineGetAll(Table table, List<byte[]> keys) {
    if (keys.size() < 2) {
      return super.engineGetAll(table, keys);
    }
    ColumnFamilyHandle handle = handles.get(table);
    try {
      return db.multiGetAsList(java.util.Collections.nCopies(keys.size(), handle), keys);
    } catch (RocksDBException e) {
      throw ioError(table, null, "multi-get of " + keys.size() + " keys failed", e);
    }
  }

  @Override
  protected byte[] engineEdgeKey(Table table, boolean last) {
    try (RocksIterator it = db.newIterator(handles.get(table))) {
      if (last) {
        it.seekToLast();
      } else {
        it.seekToFirst();
      }
      if (!it.isValid()) {
        checkStatus(it, table);
        return null;
      }
      return it.key();
    }
  }

  @Override
  protected TableView engineSnapshot() {
    return new SnapshotView();
  }

  @Override
  protected TableWrite engineBeginWrite() {
    return new BatchWrite();
  }

  @Override
  protected void engineFlush() {
    try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
      db.flush(options, allHandles);
    } catch (RocksDBException e) {
      throw new StoreException(Reason.IO, "flush failed in the store at " + directory + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected void engineClose() {
    for (ColumnFamilyHandle h : allHandles) {
      h.close();
    }
    db.close();
    closeAll(resources);
  }

  @Override
  protected String location() {
    return directory.toString();
  }

  private StoreException ioError(Table table, byte[] key, String what, RocksDBException e) {
    return new StoreException(Reason.IO, table.tableName(), key, what + " in the store at " + directory + ": " + e.getMessage(), e);
  }

  private void checkStatus(RocksIterator it, Table table) {
    try {
      it.status();
    } catch (RocksDBException e) {
      throw ioError(table, null, "scan failed", e);
    }
  }

  /** Reads pinned to one RocksDB snapshot. */
  private final class SnapshotView implements TableView {
    private final Snapshot snapshot = db.getSnapshot();
    private final ReadOptions readOptions = new ReadOptions().setSnapshot(snapshot);
    /**
     * Scans leave the block cache as it was: they are long walks (serving a range, the total
     * difficulty stage, chain checks) that would each evict the cache's hot set (index and filter
     * blocks, the recent end of the chain) for blocks read once. Measured on the 1M-header loopback
     * sync: 4–10% less CPU.
     */
    private final ReadOptions scanOptions = new ReadOptions().setSnapshot(snapshot).setFillCache(false);
    private boolean closed;

    @Override
    public byte[] get(Table table, byte[] key) {
      try {
        return ValueCopy.get(db, handles.get(table), readOptions, key);
      } catch (RocksDBException e) {
        throw ioError(table, key, "read failed", e);
      }
    }

    @Override
    public CloseableIterator<KeyValue> scan(Table table, byte[] fromKey) {
      return new Scan(table, db.newIterator(handles.get(table), scanOptions), fromKey);
    }

    @Override
    public boolean isSnapshot() {
      return true;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        readOptions.close();
        scanOptions.close();
        db.releaseSnapshot(snapshot);
      }
    }
  }

  /** Ascending entries of one table from a RocksDB iterator. */
  private final class Scan implements CloseableIterator<KeyValue> {
    private final Table table;
    private final RocksIterator it;
    private boolean closed;

    Scan(Table table, RocksIterator it, byte[] fromKey) {
      this.table = table;
      this.it = it;
      it.seek(fromKey);
    }

    @Override
    public boolean hasNext() {
      if (closed) {
        return false;
      }
      if (!it.isValid()) {
        checkStatus(it, table);
        return false;
      }
      return true;
    }

    @Override
    public KeyValue next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      KeyValue kv = new KeyValue(ValueCopy.key(it), ValueCopy.value(it));
      it.next();
      return kv;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        it.close();
      }
    }
  }

  /**
   * One RocksDB write batch, written with the configured sync setting. The changes are gathered in
   * RocksDB's serialized form on the Java heap and handed to RocksDB in one call at commit: one
   * native call per put cost more CPU than RocksDB's own write of the batch.
   */
  private final class BatchWrite implements TableWrite {
    private final SerializedWriteBatch batch = takeSpareBatch();
    /** Changes to the hash-keyed table, appended in key order at commit (see {@link KeyOrderedRecords}). */
    private final KeyOrderedRecords byHash = new KeyOrderedRecords();

    @Override
    public void put(Table table, byte[] key, byte[] value) {
      if (table == Table.HEADER_NUMBERS) {
        byHash.put(key, value);
        return;
      }
      try {
        batch.put(familyIds[table.ordinal()], key, value);
      } catch (IllegalStateException e) {
        throw tooLarge(table, key, e);
      }
    }

    @Override
    public void delete(Table table, byte[] key) {
      if (table == Table.HEADER_NUMBERS) {
        byHash.delete(key);
        return;
      }
      try {
        batch.delete(familyIds[table.ordinal()], key);
      } catch (IllegalStateException e) {
        throw tooLarge(table, key, e);
      }
    }

    private StoreException tooLarge(Table table, byte[] key, IllegalStateException e) {
      return new StoreException(Reason.REJECTED_WRITE, table.tableName(), key,
          "the batch is too large for one write to the store at " + directory + ", nothing written: " + e.getMessage(), e);
    }

    @Override
    public void commit() {
      if (byHash.size() > 0) {
        try {
          byHash.appendTo(batch, familyIds[Table.HEADER_NUMBERS.ordinal()]);
        } catch (IllegalStateException e) {
          throw tooLarge(Table.HEADER_NUMBERS, null, e);
        }
        byHash.clear();
      }
      if (batch.count() == 0) {
        return;
      }
      try (WriteBatch rocksBatch = new WriteBatch(batch.toByteArray())) {
        db.write(writeOptions, rocksBatch);
      } catch (RocksDBException e) {
        throw new StoreException(Reason.IO, "writing a batch of " + batch.count() + " changes to the store at "
            + directory + " failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      // nothing native is held until commit, which frees what it takes
      returnSpareBatch(batch);
    }
  }

  private synchronized SerializedWriteBatch takeSpareBatch() {
    SerializedWriteBatch batch = spareBatch;
    spareBatch = null;
    return batch != null ? batch : new SerializedWriteBatch(INITIAL_BATCH_BYTES);
  }

  private synchronized void returnSpareBatch(SerializedWriteBatch batch) {
    if (batch.capacity() <= MAX_KEPT_BATCH_BYTES) {
      batch.clear();
      spareBatch = batch;
    }
  }

  private static <T extends RocksObject> T track(List<RocksObject> resources, T resource) {
    resources.add(resource);
    return resource;
  }

  private static void closeAll(List<RocksObject> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }
}
