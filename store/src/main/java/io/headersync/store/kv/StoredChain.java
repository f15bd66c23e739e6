package io.headersync.store.kv;

import static io.headersync.store.kv.TableCodec.numberKey;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.store.CloseableIterator;
import io.headersync.store.StoreException;
import io.headersync.store.StoreException.Reason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, in one sequential read of the headers table, the stored chain that leads by parent hashes
 * to a given header over a range of numbers. One range read costs far less than a lookup per
 * header; only hashes, parent hashes and difficulties are kept, not the headers, so a range of
 * thousands is small.
 */
final class StoredChain {

  /** A stored header as the walk sees it: its hash (from the key), its parent's and its difficulty. */
  record Entry(long number, Hash hash, Hash parentHash, BigInteger difficulty) {}

  /** The chain found, ascending; or where it broke: the lowest number reached and the hash missing there. */
  record Result(List<Entry> chain, long brokenAt, Hash missing) {
    boolean complete() {
      return missing == null;
    }
  }

  private StoredChain() {}

  /**
   * The entries {@code fromNumber..topNumber} leading to {@code topHash}, as the view holds them,
   * with {@code extra} (headers of the batch itself, by hash) taking precedence and {@code
   * excluded} (deleted by the batch) never chosen.
   */
  static Result find(TableView view, long fromNumber, long topNumber, Hash topHash, Map<Hash, Entry> extra,
      java.util.Set<Hash> excluded) {
    int count = Math.toIntExact(topNumber - fromNumber + 1);
    Entry[] first = new Entry[count];
    Map<Long, List<Entry>> others = null;
    try (CloseableIterator<KeyValue> it = view.scan(Table.HEADERS, numberKey(fromNumber))) {
      while (it.hasNext()) {
        KeyValue kv = it.next();
        long number = TableCodec.numberOfKey(Table.HEADERS, kv.key());
        if (number > topNumber) {
          break;
        }
        Entry e = entryOf(number, kv.key(), kv.value());
        int i = (int) (number - fromNumber);
        if (first[i] == null) {
          first[i] = e;
        } else {
          // Side branches share these numbers: rare, so kept apart from the common case.
          if (others == null) {
            others = new HashMap<>();
          }
          others.computeIfAbsent(number, n -> new ArrayList<>()).add(e);
        }
      }
    }
    Entry[] chain = new Entry[count];
    Hash next = topHash;
    for (int i = count - 1; i >= 0; i--) {
      long number = fromNumber + i;
      Entry e = extra.get(next);
      if (e == null || e.number() != number) {
        e = excluded.contains(next) ? null : pick(first[i], others == null ? null : others.get(number), next);
      }
      if (e == null) {
        return new Result(List.of(), number, next);
      }
      chain[i] = e;
      next = e.parentHash();
    }
    return new Result(List.of(chain), -1, null);
  }

  private static Entry pick(Entry first, List<Entry> others, Hash hash) {
    if (first != null && first.hash().equals(hash)) {
      return first;
    }
    if (others != null) {
      for (Entry e : others) {
        if (e.hash().equals(hash)) {
          return e;
        }
      }
    }
    return null;
  }

  /**
   * The parent hash and the difficulty, the first and eighth fields of the header list, read
   * without decoding the rest.
   */
  private static Entry entryOf(long number, byte[] key, byte[] rlp) {
    try {
      RlpReader header = RlpReader.wrap(rlp).readList();
      Hash parent = Hash.wrap(header.readFixed(Hash.SIZE));
      for (int field = 1; field < BlockHeader.DIFFICULTY_FIELD; field++) {
        header.skip();
      }
      return new Entry(number, Hash.of(key, TableCodec.NUMBER_SIZE), parent, header.readUInt256());
    } catch (RlpException e) {
      throw new StoreException(Reason.CORRUPTION, Table.HEADERS.tableName(), key, "header RLP does not decode: " + e.getMessage(), e);
    }
  }
}
