package io.headersync.store.kv;

import static io.headersync.store.kv.TableCodec.decodeHash;
import static io.headersync.store.kv.TableCodec.decodeNumber;
import static io.headersync.store.kv.TableCodec.numberHashKey;
import static io.headersync.store.kv.TableCodec.numberKey;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.ChainMismatchException;
import io.headersync.store.Checkpoint;
import io.headersync.store.CloseableIterator;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreException;
import io.headersync.store.StoreException.Reason;
import io.headersync.store.WriteBatch;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * {@link HeaderStore} over an ordered key-value engine: every rule of the interface lives here,
 * and a subclass supplies only reads, scans, snapshots and atomic writes of {@link Table}s.
 *
 * <p>A subclass opens its engine, then calls {@link #openChain(Hash)}, which records the chain
 * identity on first use (or checks it) and loads the head.
 */
public abstract class KeyValueHeaderStore implements HeaderStore {

  /** Version of the table layout; a store written with another version refuses to open. */
  public static final int SCHEMA_VERSION = 1;

  private static final byte[] META_GENESIS = "genesis_hash".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] META_SCHEMA = "schema_version".getBytes(StandardCharsets.US_ASCII);

  /** Close waits for in-flight operations; operations after close fail instead of touching a freed engine. */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final Object writeLock = new Object();
  private final Set<CloseableIterator<?>> openIterators = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private volatile BlockRef head;
  private volatile BlockRef oldest;
  private Hash genesisHash;
  /** Links of headers put by batches that only add; used and changed under {@link #writeLock}. */
  private final RecentLinks recentLinks;

  /** A store keeping the links of up to {@link #defaultRecentLinkSlots()} walked headers in memory. */
  protected KeyValueHeaderStore() {
    this(defaultRecentLinkSlots());
  }

  /**
   * A store keeping, for a reverse walk's canonical pass, the hash, parent hash and difficulty of
   * up to {@code recentLinkSlots} headers that batches which only add headers put (80 bytes a slot,
   * allocated as a walk needs them; 0 for none, and every pass reads its headers back).
   */
  protected KeyValueHeaderStore(int recentLinkSlots) {
    this.recentLinks = new RecentLinks(recentLinkSlots);
  }

  /**
   * A thirty-second of the heap the JVM may grow to, in slots of 80 bytes, and at most 2^20
   * (80 MB, reached with a heap of 2.5 GB): a heap of 2 GB keeps the lowest 838,860 headers of a
   * reverse walk, what its canonical pass reaches first; the launcher's 1 GB keeps 419,430 in
   * 32 MB; 256 MB keeps 8 MB, which a 10,000,000-header reverse sync in that heap can spare (its
   * peak heap was 251 MB with them, 238 MB with none, and all 256 MB with a sixteenth).
   */
  public static int defaultRecentLinkSlots() {
    return RecentLinks.defaultCapacity();
  }

  /** The {@link Table#META} key of the chain identity (a copy): set once the store is initialised. */
  public static byte[] metaGenesisKey() {
    return META_GENESIS.clone();
  }

  // ---- the engine a subclass supplies ----

  /** The value at {@code key}, or {@code null}. */
  protected abstract byte[] engineGet(Table table, byte[] key);

  /** The first ({@code last == false}) or last key of {@code table}, or {@code null} when it is empty. */
  protected abstract byte[] engineEdgeKey(Table table, boolean last);

  /**
   * The values at {@code keys} of one table, {@code null} where absent, in the order of the keys.
   * Engines that can look many keys up in one call (RocksDB's multi-get) override this; the
   * default reads them one by one.
   */
  protected List<byte[]> engineGetAll(Table table, List<byte[]> keys) {
    List<byte[]> values = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      values.add(engineGet(table, key));
    }
    return values;
  }

  /** A consistent view for a walk over several tables. */
  protected abstract TableView engineSnapshot();

  /** A new atomic write. */
  protected abstract TableWrite engineBeginWrite();

  /**
   * Moves buffered writes into the engine's files ({@link HeaderStore#flush()}); called with no
   * commit in flight. Engines that keep no write buffer keep this default, which does nothing.
   */
  protected void engineFlush() {
  }

  /** Releases the engine; called once, with no operation in flight. */
  protected abstract void engineClose();

  /** Where the store lives, for error messages (a path, or "memory"). */
  protected abstract String location();

  // ---- opening ----

  /**
   * Records {@code requestedGenesis} as the store's chain on first use, or checks it against the
   * recorded one, then loads the head. The identity is written last and alone, so a store whose
   * creation was interrupted is simply created again.
   */
  protected final void openChain(Hash requestedGenesis) {
    Objects.requireNonNull(requestedGenesis, "requestedGenesis");
    byte[] storedGenesis = engineGet(Table.META, META_GENESIS);
    byte[] storedSchema = engineGet(Table.META, META_SCHEMA);
    if (storedSchema != null) {
      int version = storedSchema.length == 4 ? ByteBuffer.wrap(storedSchema).getInt() : -1;
      if (version != SCHEMA_VERSION) {
        throw new StoreException(Reason.SCHEMA_MISMATCH, Table.META.tableName(), META_SCHEMA,
            "the store at " + location() + " has schema version " + (version < 0 ? "(unreadable)" : version)
                + ", this build reads version " + SCHEMA_VERSION);
      }
    }
    if (storedGenesis == null) {
      for (Table t : Table.values()) {
        if (t != Table.META && engineEdgeKey(t, false) != null) {
          throw new StoreException(Reason.CORRUPTION, Table.META.tableName(), META_GENESIS,
              "the store at " + location() + " holds data in '" + t.tableName() + "' but records no chain identity");
        }
      }
      try (TableWrite w = engineBeginWrite()) {
        w.put(Table.META, META_SCHEMA, ByteBuffer.allocate(4).putInt(SCHEMA_VERSION).array());
        w.put(Table.META, META_GENESIS, requestedGenesis.toArray());
        w.commit();
      }
      genesisHash = requestedGenesis;
    } else {
      Hash stored = decodeHash(Table.META, META_GENESIS, storedGenesis);
      if (!stored.equals(requestedGenesis)) {
        throw new ChainMismatchException(location(), stored, requestedGenesis);
      }
      genesisHash = stored;
    }
    head = canonicalEdge(true);
    oldest = canonicalEdge(false);
  }

  private BlockRef canonicalEdge(boolean last) {
    byte[] key = engineEdgeKey(Table.CANONICAL, last);
    if (key == null) {
      return null;
    }
    long number = decodeNumber(Table.CANONICAL, key, key);
    byte[] hash = engineGet(Table.CANONICAL, key);
    if (hash == null) {
      throw TableCodec.corrupt(Table.CANONICAL, key, "the engine listed this key but has no value for it");
    }
    return new BlockRef(number, decodeHash(Table.CANONICAL, key, hash));
  }

  // ---- reads ----

  @Override
  public final Hash genesisHash() {
    return genesisHash;
  }

  @Override
  public final Optional<BlockRef> head() {
    return reading(() -> Optional.ofNullable(head));
  }

  @Override
  public final Optional<BlockRef> oldestCanonical() {
    return reading(() -> Optional.ofNullable(oldest));
  }

  @Override
  public final Optional<Hash> canonicalHash(long number) {
    return reading(() -> Optional.ofNullable(readCanonical(number)));
  }

  @Override
  public final Optional<BlockHeader> header(Hash hash) {
    return reading(() -> {
      long number = readNumber(hash);
      return number < 0 ? Optional.empty() : Optional.ofNullable(readHeader(number, hash));
    });
  }

  @Override
  public final Optional<BlockHeader> header(long number, Hash hash) {
    Objects.requireNonNull(hash, "hash");
    return reading(() -> number < 0 ? Optional.empty() : Optional.ofNullable(readHeader(number, hash)));
  }

  @Override
  public final Optional<BlockHeader> canonicalHeader(long number) {
    return reading(() -> {
      Hash hash = readCanonical(number);
      if (hash == null) {
        return Optional.empty();
      }
      BlockHeader header = readHeader(number, hash);
      if (header == null) {
        throw TableCodec.corrupt(Table.HEADERS, numberHashKey(number, hash), "canonical block " + number + " has no header");
      }
      return Optional.of(header);
    });
  }

  @Override
  public final OptionalLong blockNumber(Hash hash) {
    return reading(() -> {
      long n = readNumber(hash);
      return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
    });
  }

  @Override
  public final Optional<BigInteger> totalDifficulty(Hash hash) {
    return reading(() -> {
      long n = readNumber(hash);
      return n < 0 ? Optional.empty() : readTotalDifficulty(n, hash);
    });
  }

  @Override
  public final Optional<BigInteger> totalDifficulty(long number, Hash hash) {
    return reading(() -> readTotalDifficulty(number, hash));
  }

  @Override
  public final Optional<byte[]> body(Hash hash) {
    return reading(() -> {
      long n = readNumber(hash);
      return n < 0 ? Optional.empty() : Optional.ofNullable(engineGet(Table.BODIES, numberHashKey(n, hash)));
    });
  }

  @Override
  public final Optional<Checkpoint> checkpoint(String stage) {
    return reading(() -> {
      byte[] key = TableCodec.stageKey(stage);
      byte[] value = engineGet(Table.CHECKPOINTS, key);
      return value == null ? Optional.empty() : Optional.of(TableCodec.decodeCheckpoint(key, value));
    });
  }

  @Override
  public final SortedMap<String, Checkpoint> checkpoints() {
    return reading(() -> {
      SortedMap<String, Checkpoint> out = new TreeMap<>();
      try (TableView view = engineSnapshot(); CloseableIterator<KeyValue> it = view.scan(Table.CHECKPOINTS, new byte[0])) {
        while (it.hasNext()) {
          KeyValue kv = it.next();
          out.put(TableCodec.stageName(kv.key()), TableCodec.decodeCheckpoint(kv.key(), kv.value()));
        }
      }
      return out;
    });
  }

  final Hash readCanonical(long number) {
    if (number < 0) {
      return null;
    }
    byte[] key = numberKey(number);
    byte[] value = engineGet(Table.CANONICAL, key);
    return value == null ? null : decodeHash(Table.CANONICAL, key, value);
  }

  /**
   * The values at {@code keys} of {@code table} ({@code null} where absent), for many at once: the
   * batch checks of {@link BatchPlanner}.
   */
  final List<byte[]> readAll(Table table, List<byte[]> keys) {
    return engineGetAll(table, keys);
  }

  /** A consistent view, for the batch's range reads ({@link StoredChain}). */
  final TableView snapshot() {
    return engineSnapshot();
  }

  /** The number of a stored header, or -1. */
  final long readNumber(Hash hash) {
    byte[] key = hash.unsafeArray();
    byte[] value = engineGet(Table.HEADER_NUMBERS, key);
    return value == null ? -1 : decodeNumber(Table.HEADER_NUMBERS, key, value);
  }

  final BlockHeader readHeader(long number, Hash hash) {
    byte[] key = numberHashKey(number, hash);
    byte[] rlp = engineGet(Table.HEADERS, key);
    return rlp == null ? null : TableCodec.decodeHeader(key, number, hash, rlp);
  }

  final Optional<BigInteger> readTotalDifficulty(long number, Hash hash) {
    if (number < 0) {
      return Optional.empty();
    }
    byte[] key = numberHashKey(number, hash);
    byte[] value = engineGet(Table.TOTAL_DIFFICULTY, key);
    return value == null ? Optional.empty() : Optional.of(TableCodec.decodeTotalDifficulty(key, value));
  }

  // ---- writes ----

  @Override
  public final void commit(WriteBatch batch) {
    Objects.requireNonNull(batch, "batch");
    if (batch.isEmpty()) {
      return;
    }
    reading(() -> {
      synchronized (writeLock) {
        BlockRef newHead;
        try (TableWrite write = engineBeginWrite()) {
          List<WriteBatch.Op> ops = batch.ops();
          RecentLinks links = BatchPlanner.onlyAdds(ops) ? recentLinks : null;
          BatchPlanner planner = new BatchPlanner(this, write, head, batch.size(), links);
          try {
            for (int i = 0; i < ops.size(); i++) {
              planner.apply(i, ops.get(i));
            }
            planner.checkDeferred();
            write.commit();
          } catch (RuntimeException | Error e) {
            if (links != null) {
              recentLinks.clear(); // it noted headers this batch did not store
            }
            throw e;
          }
          if (planner.deletedHeaders()) {
            recentLinks.clear();
          }
          newHead = planner.head();
        }
        if (oldest == null && newHead != null) {
          oldest = canonicalEdge(false);
        }
        head = newHead;
      }
      return null;
    });
  }

  @Override
  public final void flush() {
    reading(() -> {
      synchronized (writeLock) {
        engineFlush();
      }
      return null;
    });
  }

  @Override
  public final long unwindTo(long number) {
    if (number < 0) {
      throw new IllegalArgumentException("cannot unwind below block 0, got " + number);
    }
    return reading(() -> {
      synchronized (writeLock) {
        long removed = 0;
        try (TableWrite write = engineBeginWrite()) {
          BlockRef before = head;
          try (TableView view = engineSnapshot();
              CloseableIterator<KeyValue> it = view.scan(Table.CANONICAL, numberKey(Math.min(number, Long.MAX_VALUE - 1) + 1))) {
            while (before != null && number < before.number() && it.hasNext()) {
              KeyValue kv = it.next();
              long n = decodeNumber(Table.CANONICAL, kv.key(), kv.key());
              Hash hash = decodeHash(Table.CANONICAL, kv.key(), kv.value());
              byte[] nh = numberHashKey(n, hash);
              write.delete(Table.CANONICAL, kv.key());
              write.delete(Table.HEADERS, nh);
              write.delete(Table.HEADER_NUMBERS, hash.toArray());
              write.delete(Table.TOTAL_DIFFICULTY, nh);
              write.delete(Table.BODIES, nh);
              removed++;
            }
            try (CloseableIterator<KeyValue> cps = view.scan(Table.CHECKPOINTS, new byte[0])) {
              while (cps.hasNext()) {
                KeyValue kv = cps.next();
                if (TableCodec.decodeCheckpoint(kv.key(), kv.value()).number() > number) {
                  write.put(Table.CHECKPOINTS, kv.key(), TableCodec.encodeCheckpoint(Checkpoint.at(number)));
                }
              }
            }
          }
          write.commit();
        }
        if (removed > 0) {
          recentLinks.clear();
          head = canonicalEdge(true);
          oldest = head == null ? null : oldest;
        }
        return removed;
      }
    });
  }

  /** What {@link BatchPlanner} may take as stored without reading it; only under the write lock. */
  RecentLinks recentLinks() {
    return recentLinks;
  }

  // ---- iteration ----

  @Override
  public final CloseableIterator<BlockHeader> canonicalHeaders(long fromNumber) {
    return reading(() -> {
      TableView view = engineSnapshot();
      try {
        CanonicalWalk walk = new CanonicalWalk(view, Math.max(0, fromNumber));
        openIterators.add(walk);
        return walk;
      } catch (RuntimeException e) {
        view.close();
        throw e;
      }
    });
  }

  /** Canonical headers read from one view, stopping at the first gap in numbers. */
  private final class CanonicalWalk implements CloseableIterator<BlockHeader> {
    private final TableView view;
    private final CloseableIterator<KeyValue> canonical;
    private long expected;
    private boolean started;
    private Hash previous;
    private BlockHeader next;
    private boolean done;

    /**
     * The headers table read alongside the canonical one, in the same key order: one sequential
     * pass instead of a lookup per block (side-branch entries in between are stepped over).
     */
    private final CloseableIterator<KeyValue> headers;
    private KeyValue pendingHeader;

    CanonicalWalk(TableView view, long from) {
      this.view = view;
      this.canonical = view.scan(Table.CANONICAL, numberKey(from));
      this.headers = view.scan(Table.HEADERS, numberKey(from));
    }

    /** The header RLP at {@code key}, stepping the headers scan forward to it; null when it is not stored. */
    private byte[] headerAt(byte[] key) {
      while (true) {
        if (pendingHeader == null) {
          if (!headers.hasNext()) {
            return null;
          }
          pendingHeader = headers.next();
        }
        int c = Arrays.compareUnsigned(pendingHeader.key(), key);
        if (c == 0) {
          byte[] rlp = pendingHeader.value();
          pendingHeader = null;
          return rlp;
        }
        if (c > 0) {
          return null;
        }
        pendingHeader = null;
      }
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        reading(() -> {
          advance();
          return null;
        });
      }
      return next != null;
    }

    private void advance() {
      if (!canonical.hasNext()) {
        finish();
        return;
      }
      KeyValue kv = canonical.next();
      long number = decodeNumber(Table.CANONICAL, kv.key(), kv.key());
      if (started && number != expected) {
        finish();
        return;
      }
      Hash hash = decodeHash(Table.CANONICAL, kv.key(), kv.value());
      byte[] key = numberHashKey(number, hash);
      byte[] rlp = headerAt(key);
      if (rlp == null) {
        if (view.isSnapshot()) {
          throw TableCodec.corrupt(Table.HEADERS, key, "canonical block " + number + " has no header");
        }
        finish(); // unwound while we walked a live view
        return;
      }
      BlockHeader header = TableCodec.decodeHeader(key, number, hash, rlp);
      if (previous != null && !header.parentHash().equals(previous)) {
        if (view.isSnapshot()) {
          throw TableCodec.corrupt(Table.CANONICAL, kv.key(), "canonical block " + number + " does not link to block " + (number - 1));
        }
        finish(); // the canonical chain changed under a live view
        return;
      }
      next = header;
      previous = hash;
      started = true;
      expected = number + 1;
    }

    private void finish() {
      done = true;
      close();
    }

    @Override
    public BlockHeader next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      BlockHeader h = next;
      next = null;
      return h;
    }

    @Override
    public void close() {
      if (openIterators.remove(this)) {
        canonical.close();
        headers.close();
        view.close();
      }
      done = true;
    }
  }

  // ---- lifecycle ----

  @Override
  public final void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (CloseableIterator<?> it : new ArrayList<>(openIterators)) {
        it.close();
      }
      engineClose();
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /** Whether {@link #close()} has run. */
  public final boolean isClosed() {
    return closed;
  }

  /** Runs {@code read} unless the store is closed, keeping close from freeing the engine meanwhile. */
  protected final <T> T reading(Supplier<T> read) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new StoreException(Reason.CLOSED, "the store at " + location() + " is closed");
      }
      return read.get();
    } finally {
      lifecycle.readLock().unlock();
    }
  }
}
