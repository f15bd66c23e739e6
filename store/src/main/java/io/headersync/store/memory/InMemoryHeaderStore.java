package io.headersync.store.memory;

import io.headersync.core.bytes.Hash;
import io.headersync.store.CloseableIterator;
import io.headersync.store.StoreException;
import io.headersync.store.StoreException.Reason;
import io.headersync.store.kv.KeyValue;
import io.headersync.store.kv.KeyValueHeaderStore;
import io.headersync.store.kv.Table;
import io.headersync.store.kv.TableView;
import io.headersync.store.kv.TableWrite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link io.headersync.store.HeaderStore} in memory, with the same semantics as the RocksDB
 * store (both share {@link KeyValueHeaderStore}).
 *
 * <p>Its tables live in a {@link Database}, which outlives the store: closing the store and
 * opening another over the same database is how tests exercise a restart. A database admits one
 * open store at a time, as a RocksDB directory does.
 *
 * <p>Differences from RocksDB, none of which the {@code HeaderStore} contract promises either way:
 * a canonical walk reads the live tables page by page instead of one snapshot, so a commit
 * during the walk may end it early (it stops at the first gap or broken parent link, so what it
 * yields is still contiguous and linked); and nothing survives the JVM.
 */
public final class InMemoryHeaderStore extends KeyValueHeaderStore {

  /** Entries a scan copies per page under the read lock, so a walk never holds the lock for long. */
  private static final int SCAN_PAGE = 256;

  /** The tables, which survive closing the store that uses them. */
  public static final class Database {
    private final Map<Table, TreeMap<byte[], byte[]>> tables = new EnumMap<>(Table.class);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicBoolean inUse = new AtomicBoolean();

    public Database() {
      for (Table t : Table.values()) {
        tables.put(t, new TreeMap<>(Arrays::compareUnsigned));
      }
    }

    /** Entries in {@code table}, for tests that inspect the raw layout. */
    public int size(Table table) {
      lock.readLock().lock();
      try {
        return tables.get(table).size();
      } finally {
        lock.readLock().unlock();
      }
    }

    /** Writes a raw entry, bypassing every rule, so tests can plant corruption. */
    public void putRaw(Table table, byte[] key, byte[] value) {
      lock.writeLock().lock();
      try {
        tables.get(table).put(key.clone(), value.clone());
      } finally {
        lock.writeLock().unlock();
      }
    }

    /** Removes a raw entry, bypassing every rule, so tests can plant inconsistency. */
    public void deleteRaw(Table table, byte[] key) {
      lock.writeLock().lock();
      try {
        tables.get(table).remove(key);
      } finally {
        lock.writeLock().unlock();
      }
    }
  }

  private final Database db;

  private InMemoryHeaderStore(Database db) {
    this.db = db;
  }

  /** A store over a new, empty database for the chain whose genesis hash is {@code genesisHash}. */
  public static InMemoryHeaderStore create(Hash genesisHash) {
    return open(new Database(), genesisHash);
  }

  /**
   * Opens a store over {@code db}: records {@code genesisHash} if the database is new, or checks it.
   *
   * @throws io.headersync.store.ChainMismatchException when the database holds another chain
   * @throws StoreException {@link Reason#IO} when another store has the database open
   */
  public static InMemoryHeaderStore open(Database db, Hash genesisHash) {
    if (!db.inUse.compareAndSet(false, true)) {
      throw new StoreException(Reason.IO, "the in-memory database is already open in another store");
    }
    InMemoryHeaderStore store = new InMemoryHeaderStore(db);
    try {
      store.openChain(genesisHash);
      return store;
    } catch (RuntimeException e) {
      db.inUse.set(false);
      throw e;
    }
  }

  /** The database under this store, to reopen it after {@link #close()}. */
  public Database database() {
    return db;
  }

  @Override
  protected byte[] engineGet(Table table, byte[] key) {
    db.lock.readLock().lock();
    try {
      byte[] value = db.tables.get(table).get(key);
      return value == null ? null : value.clone();
    } finally {
      db.lock.readLock().unlock();
    }
  }

  @Override
  protected byte[] engineEdgeKey(Table table, boolean last) {
    db.lock.readLock().lock();
    try {
      TreeMap<byte[], byte[]> t = db.tables.get(table);
      if (t.isEmpty()) {
        return null;
      }
      return last ? t.lastKey() : t.firstKey();
    } finally {
      db.lock.readLock().unlock();
    }
  }

  @Override
  protected TableView engineSnapshot() {
    return new TableView() {
      @Override
      public byte[] get(Table table, byte[] key) {
        return engineGet(table, key);
      }

      @Override
      public CloseableIterator<KeyValue> scan(Table table, byte[] fromKey) {
        return new PagedScan(table, fromKey);
      }

      @Override
      public boolean isSnapshot() {
        return false;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  protected TableWrite engineBeginWrite() {
    return new TableWrite() {
      private final List<Change> changes = new ArrayList<>();

      @Override
      public void put(Table table, byte[] key, byte[] value) {
        changes.add(new Change(table, key.clone(), value.clone()));
      }

      @Override
      public void delete(Table table, byte[] key) {
        changes.add(new Change(table, key.clone(), null));
      }

      @Override
      public void commit() {
        db.lock.writeLock().lock();
        try {
          for (Change c : changes) {
            TreeMap<byte[], byte[]> t = db.tables.get(c.table());
            if (c.value() == null) {
              t.remove(c.key());
            } else {
              t.put(c.key(), c.value());
            }
          }
        } finally {
          db.lock.writeLock().unlock();
        }
        changes.clear();
      }

      @Override
      public void close() {
        changes.clear();
      }
    };
  }

  @Override
  protected void engineClose() {
    db.inUse.set(false);
  }

  @Override
  protected String location() {
    return "memory";
  }

  /** One pending put ({@code value != null}) or delete. */
  private record Change(Table table, byte[] key, byte[] value) {}

  /** Copies entries a page at a time, re-seeking after the last key it returned. */
  private final class PagedScan implements CloseableIterator<KeyValue> {
    private final Table table;
    private byte[] resumeAfter;
    private final byte[] from;
    private Iterator<KeyValue> page = List.<KeyValue>of().iterator();
    private boolean exhausted;

    PagedScan(Table table, byte[] fromKey) {
      this.table = table;
      this.from = fromKey.clone();
    }

    @Override
    public boolean hasNext() {
      if (!page.hasNext() && !exhausted) {
        fill();
      }
      return page.hasNext();
    }

    private void fill() {
      List<KeyValue> out = new ArrayList<>(SCAN_PAGE);
      db.lock.readLock().lock();
      try {
        TreeMap<byte[], byte[]> t = db.tables.get(table);
        var tail = resumeAfter == null ? t.tailMap(from, true) : t.tailMap(resumeAfter, false);
        for (var e : tail.entrySet()) {
          out.add(new KeyValue(e.getKey().clone(), e.getValue().clone()));
          if (out.size() == SCAN_PAGE) {
            break;
          }
        }
      } finally {
        db.lock.readLock().unlock();
      }
      if (out.size() < SCAN_PAGE) {
        exhausted = true;
      }
      if (!out.isEmpty()) {
        resumeAfter = out.get(out.size() - 1).key();
      }
      page = out.iterator();
    }

    @Override
    public KeyValue next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.next();
    }

    @Override
    public void close() {
      exhausted = true;
      page = List.<KeyValue>of().iterator();
    }
  }
}
