package io.headersync.store.kv;

import static io.headersync.store.kv.TableCodec.numberHashKey;
import static io.headersync.store.kv.TableCodec.numberKey;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
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
import java.util.HashMap;
import java.util.Map;

/**
 * Checks each change of a batch against the store as the batch's earlier changes leave it, and
 * turns the change into table writes. It sees committed state through the store and the batch's
 * own effects through small maps, so a batch may put a header and make it canonical in one go.
 */
final class BatchPlanner {

  private static final long DELETED = -1;

  private final KeyValueHeaderStore store;
  private final TableWrite write;
  private final int batchSize;
  /** Headers put by this batch, for parent links without a read. */
  private final Map<Hash, BlockHeader> putHeaders;
  /** Numbers of headers this batch put ({@code >= 0}) or deleted ({@link #DELETED}). */
  private final Map<Hash, Long> numbers;
  /** Canonical entries this batch added (they only ever extend the committed head). */
  private final Map<Long, Hash> canonicalAdded = new HashMap<>();
  private final BlockRef committedHead;
  private BlockRef head;

  BatchPlanner(KeyValueHeaderStore store, TableWrite write, BlockRef head, int batchSize) {
    this.store = store;
    this.write = write;
    this.committedHead = head;
    this.head = head;
    this.batchSize = batchSize;
    this.putHeaders = new HashMap<>(Math.min(batchSize, 1 << 16) * 2);
    this.numbers = new HashMap<>(Math.min(batchSize, 1 << 16) * 2);
  }

  /** The head once the batch is applied. */
  BlockRef head() {
    return head;
  }

  void apply(int index, WriteBatch.Op op) {
    switch (op) {
      case PutHeader p -> putHeader(p);
      case PutTotalDifficulty p -> putTotalDifficulty(index, p);
      case SetCanonical c -> setCanonical(index, c);
      case PutBody p -> putBody(index, p);
      case SetCheckpoint c -> write.put(Table.CHECKPOINTS, TableCodec.stageKey(c.stage()), TableCodec.encodeCheckpoint(c.checkpoint()));
      case DeleteHeader d -> deleteHeader(index, d);
      case DeleteBody d -> deleteBody(d);
      case DeleteCheckpoint d -> write.delete(Table.CHECKPOINTS, TableCodec.stageKey(d.stage()));
    }
  }

  private void putHeader(PutHeader p) {
    BlockHeader header = p.header();
    Hash hash = header.hash();
    long number = header.number();
    byte[] nh = numberHashKey(number, hash);
    write.put(Table.HEADERS, nh, header.encoded());
    write.put(Table.HEADER_NUMBERS, hash.toArray(), numberKey(number));
    if (p.totalDifficulty() != null) {
      write.put(Table.TOTAL_DIFFICULTY, nh, TableCodec.encodeTotalDifficulty(p.totalDifficulty()));
    }
    putHeaders.put(hash, header);
    numbers.put(hash, number);
  }

  private void putTotalDifficulty(int index, PutTotalDifficulty p) {
    long number = numberOf(p.hash());
    if (number < 0) {
      throw reject(index, p, Table.HEADER_NUMBERS, p.hash().toArray(), "no header " + p.hash() + " is stored or put earlier in the batch");
    }
    write.put(Table.TOTAL_DIFFICULTY, numberHashKey(number, p.hash()), TableCodec.encodeTotalDifficulty(p.totalDifficulty()));
  }

  private void setCanonical(int index, SetCanonical c) {
    long number = c.number();
    Hash hash = c.hash();
    byte[] canonicalKey = numberKey(number);
    long stored = numberOf(hash);
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
      BlockHeader header = headerOf(number, hash);
      if (header == null) {
        throw reject(index, c, Table.HEADERS, numberHashKey(number, hash), "header " + hash + " is indexed but not stored");
      }
      if (!header.parentHash().equals(head.hash())) {
        throw reject(index, c, Table.CANONICAL, canonicalKey, "its parent is " + header.parentHash()
            + " but the canonical block " + head.number() + " is " + head.hash());
      }
    }
    write.put(Table.CANONICAL, canonicalKey, hash.toArray());
    canonicalAdded.put(number, hash);
    head = new BlockRef(number, hash);
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
    write.delete(Table.HEADER_NUMBERS, hash.toArray());
    write.delete(Table.TOTAL_DIFFICULTY, nh);
    write.delete(Table.BODIES, nh);
    putHeaders.remove(hash);
    numbers.put(hash, DELETED);
  }

  private void deleteBody(DeleteBody d) {
    long number = numberOf(d.hash());
    if (number >= 0) {
      write.delete(Table.BODIES, numberHashKey(number, d.hash()));
    }
  }

  private long numberOf(Hash hash) {
    Long pending = numbers.get(hash);
    return pending != null ? pending : store.readNumber(hash);
  }

  private Hash canonicalAt(long number) {
    Hash added = canonicalAdded.get(number);
    if (added != null) {
      return added;
    }
    return committedHead != null && number <= committedHead.number() ? store.readCanonical(number) : null;
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
      case PutBody p -> "put body of " + p.hash();
      case SetCheckpoint c -> "set checkpoint " + c.stage();
      case DeleteHeader d -> "delete header " + d.hash();
      case DeleteBody d -> "delete body " + d.hash();
      case DeleteCheckpoint d -> "delete checkpoint " + d.stage();
    };
  }
}
