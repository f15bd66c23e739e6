package io.headersync.store.kv;

import static io.headersync.store.kv.TableCodec.numberHashKey;
import static io.headersync.store.kv.TableCodec.numberKey;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.CloseableIterator;
import io.headersync.store.StoreException;
import io.headersync.store.StoreException.Reason;
import io.headersync.store.WriteBatch;
import io.headersync.store.WriteBatch.DeleteBody;
import io.headersync.store.WriteBatch.DeleteCheckpoint;
import io.headersync.store.WriteBatch.DeleteHeader;
import io.headersync.store.WriteBatch.PutBody;
import io.headersync.store.WriteBatch.PutHeader;
import io.headersync.store.WriteBatch.PutTotalDifficulty;
import io.headersync.store.WriteBatch.SetCanonical;
import io.headersync.store.WriteBatch.SetCheckpoint;
import io.headersync.store.WriteBatch.UnwindCanonical;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks each change of a batch against the store as the batch's earlier changes leave it, and
 * turns the change into table writes. It sees committed state through the store and the batch's
 * own effects through its own small records, so a batch may put a header and make it canonical in
 * one go.
 *
 * <p>Commits run once per imported chunk of thousands of headers, so the bookkeeping per header is
 * kept to one map entry: a header's number is read from the header itself, the canonical entries a
 * batch adds are a contiguous run kept in a list, and the common pair "put header, make it
 * canonical" is checked against the header just put without a lookup.
 */
final class BatchPlanner {

  private final KeyValueHeaderStore store;
  private final TableWrite write;
  private final int batchSize;
  /** Where the puts of a batch that only adds are noted; null for any other batch. */
  private final RecentLinks links;
  /** Headers put by this batch (and not deleted since), for numbers and parent links without a read. */
  private final Map<Hash, BlockHeader> putHeaders;
  /** Headers this batch deleted (and did not put again since); allocated on the first delete. */
  private Set<Hash> deleted;
  /** Canonical hashes this batch added: a contiguous run from {@link #firstAdded}, extending the committed head. */
  private final List<Hash> canonicalAdded = new ArrayList<>();
  private long firstAdded = -1;
  /** The header of the latest change when that change put a header, with its number key; else {@code null}. */
  private BlockHeader justPut;
  private byte[] justPutNumberKey;
  private final BlockRef committedHead;
  /** Committed canonical entries above this number were demoted by an {@link UnwindCanonical} of this batch. */
  private long committedCanonicalLimit;
  /** Checkpoints this batch set ({@code null}: deleted), allocated on the first one. */
  private Map<String, Checkpoint> batchCheckpoints;
  private BlockRef head;
  /**
   * Changes that named a stored header by number and hash: whether it is stored is checked for all
   * of them in one read at the end ({@link #checkDeferred}), allocated on the first one.
   */
  private List<Deferred> deferred;

  /** A change whose header must be stored at {@code number} when the batch is checked. */
  private record Deferred(int index, WriteBatch.Op op, long number, Hash hash) {}

  /**
   * A planner of one batch; {@code links}, when not null, is told of every header the batch puts
   * as it is planned (only for a batch that {@link #onlyAdds}; the store clears it should the
   * batch fail).
   */
  BatchPlanner(KeyValueHeaderStore store, TableWrite write, BlockRef head, int batchSize, RecentLinks links) {
    this.store = store;
    this.links = links;
    this.write = write;
    this.committedHead = head;
    this.committedCanonicalLimit = head == null ? -1 : head.number();
    this.head = head;
    this.batchSize = batchSize;
    this.putHeaders = new HashMap<>(Math.min(batchSize, 1 << 16));
  }

  /** The head once the batch is applied. */
  BlockRef head() {
    return head;
  }

  void apply(int index, WriteBatch.Op op) {
    BlockHeader previousPut = justPut;
    justPut = null;
    switch (op) {
      case PutHeader p -> putHeader(p);
      case PutTotalDifficulty p -> putTotalDifficulty(index, p);
      case SetCanonical c -> setCanonical(index, c, previousPut);
      case WriteBatch.SetCanonicalChain c -> setCanonicalChain(index, c);
      case PutBody p -> putBody(index, p);
      case SetCheckpoint c -> setCheckpoint(c.stage(), c.checkpoint());
      case DeleteHeader d -> deleteHeader(index, d);
      case DeleteBody d -> deleteBody(d);
      case DeleteCheckpoint d -> setCheckpoint(d.stage(), null);
      case UnwindCanonical u -> unwindCanonical(index, u);
    }
  }

  private void setCheckpoint(String stage, Checkpoint checkpoint) {
    if (checkpoint == null) {
      write.delete(Table.CHECKPOINTS, TableCodec.stageKey(stage));
    } else {
      write.put(Table.CHECKPOINTS, TableCodec.stageKey(stage), TableCodec.encodeCheckpoint(checkpoint));
    }
    if (batchCheckpoints == null) {
      batchCheckpoints = new HashMap<>();
    }
    batchCheckpoints.put(stage, checkpoint);
  }

  /** Demotes the canonical entries above the number (headers stay) and lowers the checkpoints above it. */
  private void unwindCanonical(int index, UnwindCanonical u) {
    long to = u.number();
    if (head != null && to < head.number()) {
      Hash at = canonicalAt(to);
      if (at == null) {
        throw reject(index, u, Table.CANONICAL, numberKey(to), "block " + to
            + " is below the oldest canonical block; the chain must keep a canonical block to build on");
      }
      for (long n = to + 1; n <= head.number(); n++) {
        write.delete(Table.CANONICAL, numberKey(n));
      }
      if (!canonicalAdded.isEmpty()) {
        if (to < firstAdded) {
          canonicalAdded.clear();
        } else {
          canonicalAdded.subList((int) (to - firstAdded + 1), canonicalAdded.size()).clear();
        }
      }
      committedCanonicalLimit = Math.min(committedCanonicalLimit, to);
      head = new BlockRef(to, at);
    }
    Map<String, Checkpoint> current = new HashMap<>(store.checkpoints());
    if (batchCheckpoints != null) {
      current.putAll(batchCheckpoints);
    }
    for (Map.Entry<String, Checkpoint> e : current.entrySet()) {
      if (e.getValue() != null && e.getValue().number() > to) {
        setCheckpoint(e.getKey(), Checkpoint.at(to));
      }
    }
  }

  private void putHeader(PutHeader p) {
    BlockHeader header = p.header();
    Hash hash = header.hash();
    long number = header.number();
    byte[] nh = numberHashKey(number, hash);
    byte[] numberKey = numberKey(number);
    write.put(Table.HEADERS, nh, header.encoded());
    write.put(Table.HEADER_NUMBERS, hash.unsafeArray(), numberKey); // engines copy what they are given
    if (p.totalDifficulty() != null) {
      write.put(Table.TOTAL_DIFFICULTY, nh, TableCodec.encodeTotalDifficulty(p.totalDifficulty()));
    }
    putHeaders.put(hash, header);
    if (deleted != null) {
      deleted.remove(hash);
    }
    if (links != null) {
      links.record(header);
    }
    justPut = header;
    justPutNumberKey = numberKey;
  }

  private void putTotalDifficulty(int index, PutTotalDifficulty p) {
    if (p.number() >= 0) {
      requireStored(index, p, p.number(), p.hash());
      write.put(Table.TOTAL_DIFFICULTY, numberHashKey(p.number(), p.hash()), TableCodec.encodeTotalDifficulty(p.totalDifficulty()));
      return;
    }
    long number = numberOf(p.hash());
    if (number < 0) {
      throw reject(index, p, Table.HEADER_NUMBERS, p.hash().toArray(), "no header " + p.hash() + " is stored or put earlier in the batch");
    }
    write.put(Table.TOTAL_DIFFICULTY, numberHashKey(number, p.hash()), TableCodec.encodeTotalDifficulty(p.totalDifficulty()));
  }

  private void setCanonical(int index, SetCanonical c, BlockHeader previousPut) {
    long number = c.number();
    Hash hash = c.hash();
    // the header put by the change just before is this batch's latest word on it: no lookup needed
    boolean justPutThis = previousPut != null && previousPut.hash().equals(hash);
    byte[] canonicalKey = justPutThis && previousPut.number() == number ? justPutNumberKey : numberKey(number);
    long stored = justPutThis ? previousPut.number() : numberOf(hash);
    if (stored < 0) {
      throw reject(index, c, Table.HEADERS, numberHashKey(number, hash), "no header " + hash + " is stored or put earlier in the batch");
    }
    if (stored != number) {
      throw reject(index, c, Table.HEADERS, numberHashKey(number, hash), "header " + hash + " is block " + stored + ", not " + number);
    }
    if (head != null && number <= head.number()) {
      if (hash.equals(canonicalAt(number))) {
        return; // already canonical: a retried batch changes nothing
      }
      throw reject(index, c, Table.CANONICAL, canonicalKey, "block " + number + " is already canonical with hash "
          + canonicalAt(number) + "; unwind to " + (number - 1) + " before replacing it");
    }
    if (head != null && number != head.number() + 1) {
      throw reject(index, c, Table.CANONICAL, canonicalKey, "the canonical head is " + head.number()
          + "; block " + number + " would leave a gap");
    }
    if (number == 0 && !hash.equals(store.genesisHash())) {
      throw reject(index, c, Table.CANONICAL, canonicalKey, "block 0 must be the store's genesis " + store.genesisHash());
    }
    if (head != null) {
      BlockHeader header = justPutThis ? previousPut : headerOf(number, hash);
      if (header == null) {
        throw reject(index, c, Table.HEADERS, numberHashKey(number, hash), "header " + hash + " is indexed but not stored");
      }
      if (!header.parentHash().equals(head.hash())) {
        throw reject(index, c, Table.CANONICAL, canonicalKey, "its parent is " + header.parentHash()
            + " but the canonical block " + head.number() + " is " + head.hash());
      }
    }
    write.put(Table.CANONICAL, canonicalKey, hash.unsafeArray());
    if (canonicalAdded.isEmpty()) {
      firstAdded = number;
    }
    canonicalAdded.add(hash);
    head = new BlockRef(number, hash);
  }

  /**
   * Makes the stored chain ending at the op's top canonical above the head, its links found in
   * the store's {@link RecentLinks} or else in one range read.
   */
  private void setCanonicalChain(int index, WriteBatch.SetCanonicalChain c) {
    long top = c.topNumber();
    Hash topHash = c.topHash();
    if (head == null) {
      throw reject(index, c, Table.CANONICAL, numberKey(top), "the store has no canonical block to build on");
    }
    if (top <= head.number()) {
      Hash at = canonicalAt(top);
      if (topHash.equals(at)) {
        return; // already canonical: a retried batch changes nothing
      }
      throw reject(index, c, Table.CANONICAL, numberKey(top), "block " + top + " is already canonical with hash " + at
          + "; unwind to " + (top - 1) + " before replacing it");
    }
    List<StoredChain.Entry> chain = store.recentLinks().chain(head.number() + 1, top, topHash);
    if (chain == null || deletedAny(chain)) {
      chain = storedChain(index, c);
    }
    if (!chain.getFirst().parentHash().equals(head.hash())) {
      throw reject(index, c, Table.CANONICAL, numberKey(head.number() + 1), "the chain down from " + topHash
          + " reaches block " + (head.number() + 1) + " with parent " + chain.getFirst().parentHash()
          + " but the canonical block " + head.number() + " is " + head.hash());
    }
    BigInteger td = head.equals(committedHead) ? store.readTotalDifficulty(head.number(), head.hash()).orElse(null) : null;
    for (StoredChain.Entry e : chain) {
      write.put(Table.CANONICAL, numberKey(e.number()), e.hash().unsafeArray());
      if (td != null) {
        td = td.add(e.difficulty());
        write.put(Table.TOTAL_DIFFICULTY, numberHashKey(e.number(), e.hash()), TableCodec.encodeTotalDifficulty(td));
      }
      if (canonicalAdded.isEmpty()) {
        firstAdded = e.number();
      }
      canonicalAdded.add(e.hash());
    }
    head = new BlockRef(top, topHash);
  }

  /** The chain of {@code c} as the engine and this batch hold it, in one range read. */
  private List<StoredChain.Entry> storedChain(int index, WriteBatch.SetCanonicalChain c) {
    long top = c.topNumber();
    Hash topHash = c.topHash();
    Map<Hash, StoredChain.Entry> batchHeaders = new HashMap<>();
    for (BlockHeader h : putHeaders.values()) {
      if (h.number() > head.number() && h.number() <= top) {
        batchHeaders.put(h.hash(), new StoredChain.Entry(h.number(), h.hash(), h.parentHash(), h.difficulty()));
      }
    }
    StoredChain.Result found;
    try (TableView view = store.snapshot()) {
      found = StoredChain.find(view, head.number() + 1, top, topHash, batchHeaders, deleted == null ? Set.of() : deleted);
    }
    if (!found.complete()) {
      throw reject(index, c, Table.HEADERS, numberHashKey(found.brokenAt(), found.missing()), "no header " + found.missing()
          + " is stored as block " + found.brokenAt() + " on the chain down from " + topHash + " to the head " + head.number());
    }
    return found.chain();
  }

  private boolean deletedAny(List<StoredChain.Entry> chain) {
    if (deleted == null) {
      return false;
    }
    for (StoredChain.Entry e : chain) {
      if (deleted.contains(e.hash())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a batch of {@code ops} only adds: it changes no canonical entry and deletes no
   * header, so every header it puts stays stored, non-canonical, once it commits; such a batch
   * (a reverse walk's) notes its headers' links as it plans them, while each header is at hand.
   */
  static boolean onlyAdds(List<WriteBatch.Op> ops) {
    for (WriteBatch.Op op : ops) {
      if (op instanceof SetCanonical || op instanceof WriteBatch.SetCanonicalChain || op instanceof UnwindCanonical
          || op instanceof DeleteHeader) {
        return false;
      }
    }
    return true;
  }

  /** Whether this batch deleted a header, which may have been recorded in the store's links. */
  boolean deletedHeaders() {
    return deleted != null;
  }

  private void putBody(int index, PutBody p) {
    long number = numberOf(p.hash());
    if (number < 0) {
      throw reject(index, p, Table.HEADER_NUMBERS, p.hash().toArray(), "no header " + p.hash() + " is stored or put earlier in the batch");
    }
    write.put(Table.BODIES, numberHashKey(number, p.hash()), p.body());
  }

  private void deleteHeader(int index, DeleteHeader d) {
    Hash hash = d.hash();
    long number = numberOf(hash);
    if (number < 0) {
      return; // nothing to delete
    }
    if (hash.equals(canonicalAt(number))) {
      throw reject(index, d, Table.CANONICAL, numberKey(number), "header " + hash + " is canonical at " + number
          + "; unwind to " + (number - 1) + " to remove it");
    }
    byte[] nh = numberHashKey(number, hash);
    write.delete(Table.HEADERS, nh);
    write.delete(Table.HEADER_NUMBERS, hash.unsafeArray());
    write.delete(Table.TOTAL_DIFFICULTY, nh);
    write.delete(Table.BODIES, nh);
    putHeaders.remove(hash);
    if (deleted == null) {
      deleted = new HashSet<>();
    }
    deleted.add(hash);
  }

  private void deleteBody(DeleteBody d) {
    long number = numberOf(d.hash());
    if (number >= 0) {
      write.delete(Table.BODIES, numberHashKey(number, d.hash()));
    }
  }

  /**
   * Notes that the header {@code number}/{@code hash} must be stored: at once when this batch put
   * or deleted it, otherwise with the others at the end, in one read.
   */
  private void requireStored(int index, WriteBatch.Op op, long number, Hash hash) {
    BlockHeader pending = putHeaders.get(hash);
    if (pending != null) {
      if (pending.number() != number) {
        throw reject(index, op, Table.HEADERS, numberHashKey(number, hash), "header " + hash + " is block " + pending.number()
            + ", not " + number);
      }
      return;
    }
    if (deleted != null && deleted.contains(hash)) {
      throw reject(index, op, Table.HEADERS, numberHashKey(number, hash), "header " + hash + " was deleted earlier in the batch");
    }
    if (deferred == null) {
      deferred = new ArrayList<>();
    }
    deferred.add(new Deferred(index, op, number, hash));
  }

  /**
   * Checks, in a multi-key read or two, that every header the batch named by number and hash is
   * stored at that number. Called after the last change and before the write is committed, so
   * a failure still writes nothing.
   */
  void checkDeferred() {
    if (deferred == null || deferred.isEmpty()) {
      return;
    }
    // Most such changes name canonical headers (total difficulty along the canonical chain), and a
    // canonical hash always has its header: the canonical table, keyed by number, answers a run of
    // nearby numbers from nearby blocks. Only the others go to the number index, keyed by hash.
    List<Deferred> rest = new ArrayList<>();
    List<byte[]> canonicalKeys = new ArrayList<>();
    List<Deferred> notAdded = new ArrayList<>();
    for (Deferred d : deferred) {
      long offset = d.number() - firstAdded;
      if (!canonicalAdded.isEmpty() && offset >= 0 && offset < canonicalAdded.size()
          && canonicalAdded.get((int) offset).equals(d.hash())) {
        continue;
      }
      if (d.number() <= committedCanonicalLimit) {
        notAdded.add(d);
        canonicalKeys.add(numberKey(d.number()));
      } else {
        rest.add(d);
      }
    }
    List<byte[]> canonical = canonicalValues(notAdded, canonicalKeys);
    for (int i = 0; i < notAdded.size(); i++) {
      byte[] v = canonical.get(i);
      if (v == null || !Arrays.equals(v, notAdded.get(i).hash().unsafeArray())) {
        rest.add(notAdded.get(i));
      }
    }
    if (rest.isEmpty()) {
      return;
    }
    List<byte[]> hashKeys = new ArrayList<>(rest.size());
    for (Deferred d : rest) {
      hashKeys.add(d.hash().unsafeArray());
    }
    List<byte[]> numbers = store.readAll(Table.HEADER_NUMBERS, hashKeys);
    for (int i = 0; i < rest.size(); i++) {
      Deferred d = rest.get(i);
      byte[] v = numbers.get(i);
      if (v == null) {
        throw reject(d.index(), d.op(), Table.HEADER_NUMBERS, d.hash().toArray(), "no header " + d.hash()
            + " is stored or put earlier in the batch");
      }
      long stored = TableCodec.decodeNumber(Table.HEADER_NUMBERS, hashKeys.get(i), v);
      if (stored != d.number()) {
        throw reject(d.index(), d.op(), Table.HEADERS, numberHashKey(d.number(), d.hash()), "header " + d.hash() + " is block "
            + stored + ", not " + d.number());
      }
    }
  }

  /**
   * The canonical table's values at the numbers of {@code checks} ({@code null} where absent),
   * aligned with it. A dense ascending run (the total difficulty stage's batches) is read in one
   * pass of the table, several times cheaper than a lookup per key; anything else is one
   * multi-key read.
   */
  private List<byte[]> canonicalValues(List<Deferred> checks, List<byte[]> keys) {
    if (!isDenseAscendingRun(checks)) {
      return store.readAll(Table.CANONICAL, keys);
    }
    List<byte[]> values = new ArrayList<>(Collections.nCopies(checks.size(), null));
    long last = checks.getLast().number();
    int i = 0;
    try (TableView view = store.snapshot(); CloseableIterator<KeyValue> it = view.scan(Table.CANONICAL, keys.getFirst())) {
      while (i < checks.size() && it.hasNext()) {
        KeyValue kv = it.next();
        long number = TableCodec.decodeNumber(Table.CANONICAL, kv.key(), kv.key());
        if (number > last) {
          break;
        }
        while (i < checks.size() && checks.get(i).number() < number) {
          i++;
        }
        if (i < checks.size() && checks.get(i).number() == number) {
          values.set(i++, kv.value());
        }
      }
    }
    return values;
  }

  /** Strictly ascending numbers with few gaps, so that one pass over their span reads little else. */
  private static boolean isDenseAscendingRun(List<Deferred> checks) {
    if (checks.size() < 2) {
      return false;
    }
    for (int i = 1; i < checks.size(); i++) {
      if (checks.get(i).number() <= checks.get(i - 1).number()) {
        return false;
      }
    }
    return checks.getLast().number() - checks.getFirst().number() < 2L * checks.size();
  }

  /** The number of {@code hash} as the batch so far leaves the store, or -1 when it holds no such header. */
  private long numberOf(Hash hash) {
    BlockHeader pending = putHeaders.get(hash);
    if (pending != null) {
      return pending.number();
    }
    if (deleted != null && deleted.contains(hash)) {
      return -1;
    }
    return store.readNumber(hash);
  }

  private Hash canonicalAt(long number) {
    if (!canonicalAdded.isEmpty() && number >= firstAdded && number - firstAdded < canonicalAdded.size()) {
      return canonicalAdded.get((int) (number - firstAdded));
    }
    return number <= committedCanonicalLimit ? store.readCanonical(number) : null;
  }

  private BlockHeader headerOf(long number, Hash hash) {
    BlockHeader pending = putHeaders.get(hash);
    return pending != null ? pending : store.readHeader(number, hash);
  }

  private StoreException reject(int index, WriteBatch.Op op, Table table, byte[] key, String why) {
    return new StoreException(Reason.REJECTED_WRITE, table.tableName(), key,
        "change " + (index + 1) + " of " + batchSize + " (" + describe(op) + ") rejected, nothing written: " + why);
  }

  private static String describe(WriteBatch.Op op) {
    return switch (op) {
      case PutHeader p -> "put header #" + p.header().number() + " " + p.header().hash();
      case PutTotalDifficulty p -> "put total difficulty of " + p.hash();
      case SetCanonical c -> "set canonical #" + c.number() + " " + c.hash();
      case WriteBatch.SetCanonicalChain c -> "set canonical the chain down to the head from #" + c.topNumber() + " " + c.topHash();
      case PutBody p -> "put body of " + p.hash();
      case SetCheckpoint c -> "set checkpoint " + c.stage();
      case DeleteHeader d -> "delete header " + d.hash();
      case DeleteBody d -> "delete body " + d.hash();
      case DeleteCheckpoint d -> "delete checkpoint " + d.stage();
      case UnwindCanonical u -> "unwind canonical chain to #" + u.number();
    };
  }
}
