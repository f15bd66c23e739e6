package io.headersync.node.testing;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.CloseableIterator;
import io.headersync.store.HeaderStore;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a data directory holds that an import may change: the head, the checkpoints, and
 * every canonical block (number, hash, header RLP, total difficulty). Two snapshots are equal
 * when the stores are byte for byte the same chain.
 */
public record StoreSnapshot(Optional<BlockRef> head, SortedMap<String, Long> checkpoints, List<Block> canonical) {

  /** One canonical block; RLP and TD as text so that records compare by value. */
  public record Block(long number, String hash, String rlp, String totalDifficulty) {}

  /** Reads the data directory, which must not be open elsewhere. */
  public static StoreSnapshot of(Path datadir, Hash genesis) {
    try (HeaderStore store = RocksDbHeaderStore.open(datadir, genesis)) {
      return of(store);
    }
  }

  public static StoreSnapshot of(HeaderStore store) {
    SortedMap<String, Long> checkpoints = new TreeMap<>();
    for (var e : store.checkpoints().entrySet()) {
      Checkpoint c = e.getValue();
      checkpoints.put(e.getKey(), c.number());
    }
    List<Block> blocks = new ArrayList<>();
    try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(0)) {
      while (it.hasNext()) {
        BlockHeader h = it.next();
        BigInteger td = store.totalDifficulty(h.number(), h.hash()).orElse(null);
        blocks.add(new Block(h.number(), h.hash().toHex(), Hex.encode(h.encoded()), td == null ? null : td.toString()));
      }
    }
    return new StoreSnapshot(store.head(), checkpoints, List.copyOf(blocks));
  }

  /** The first difference from {@code other}, or empty when both hold the same chain. */
  public Optional<String> firstDifference(StoreSnapshot other) {
    if (!head.equals(other.head)) {
      return Optional.of("head " + head + " vs " + other.head);
    }
    if (!checkpoints.equals(other.checkpoints)) {
      return Optional.of("checkpoints " + checkpoints + " vs " + other.checkpoints);
    }
    for (int i = 0; i < Math.min(canonical.size(), other.canonical.size()); i++) {
      if (!canonical.get(i).equals(other.canonical.get(i))) {
        return Optional.of("canonical entry " + i + ": " + canonical.get(i) + " vs " + other.canonical.get(i));
      }
    }
    if (canonical.size() != other.canonical.size()) {
      return Optional.of(canonical.size() + " canonical blocks vs " + other.canonical.size());
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "StoreSnapshot[head " + head.map(BlockRef::toString).orElse("none") + ", checkpoints " + checkpoints + ", "
        + canonical.size() + " canonical blocks]";
  }
}
