package io.headersync.store;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.store.ConsistencyProblem.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Audits a {@link HeaderStore} through its public interface only, so it judges any
 * implementation: the canonical chain is contiguous from the oldest canonical block to the head,
 * each header hashes to its key, carries its number and links to its parent, the number index
 * agrees, block 0 is the genesis, and every checkpoint is at or below the head on a stored
 * header. Crash tests run it after each restart.
 *
 * <p>It reads each canonical block with point lookups (about four reads a block), so a full audit
 * of a mainnet store takes minutes; {@link #check(HeaderStore, long)} audits a recent range.
 * Memory stays bounded: at most {@link #MAX_PROBLEMS} problems are kept.
 */
public final class StoreConsistency {

  /** Problems listed before the report is cut short; past this the store is plainly broken. */
  public static final int MAX_PROBLEMS = 100;

  private final HeaderStore store;
  private final List<ConsistencyProblem> problems = new ArrayList<>();
  private boolean truncated;

  private StoreConsistency(HeaderStore store) {
    this.store = store;
  }

  /** Audits the whole canonical chain and every checkpoint. */
  public static ConsistencyReport check(HeaderStore store) {
    return check(store, 0);
  }

  /**
   * Audits the canonical chain from {@code fromNumber} (or the oldest canonical block, if higher)
   * to the head, linking the first block audited to its canonical parent, and every checkpoint.
   */
  public static ConsistencyReport check(HeaderStore store, long fromNumber) {
    return new StoreConsistency(store).run(fromNumber);
  }

  private ConsistencyReport run(long fromNumber) {
    Optional<BlockRef> head = store.head();
    Optional<BlockRef> oldest = store.oldestCanonical();
    long first = -1;
    long checked = 0;
    if (head.isPresent() != oldest.isPresent()) {
      report(Kind.HEAD_MISMATCH, -1, "head is " + head.map(BlockRef::toString).orElse("none")
          + " but the oldest canonical block is " + oldest.map(BlockRef::toString).orElse("none"));
    }
    if (head.isPresent() && oldest.isPresent()) {
      BlockRef top = head.get();
      BlockRef bottom = oldest.get();
      if (bottom.number() > top.number()) {
        report(Kind.HEAD_MISMATCH, bottom.number(), "the oldest canonical block is above the head " + top.number());
      }
      if (bottom.number() == 0 && !bottom.hash().equals(store.genesisHash())) {
        report(Kind.GENESIS_MISMATCH, 0, "canonical block 0 is " + bottom.hash() + ", the store's genesis is " + store.genesisHash());
      }
      first = Math.max(Math.max(0, fromNumber), bottom.number());
      Hash parent = first > bottom.number() ? canonicalOrReport(first - 1) : null;
      for (long n = first; n <= top.number(); n++) {
        parent = checkBlock(n, parent, top, bottom.number());
        checked++;
      }
      if (readCanonical(top.number() + 1).isPresent()) {
        report(Kind.CANONICAL_ABOVE_HEAD, top.number() + 1, "a canonical hash exists above the head " + top.number());
      }
    }
    checkCheckpoints(head, oldest);
    return new ConsistencyReport(oldest, head, first, checked, problems, truncated);
  }

  /** Checks canonical block {@code n}; returns its hash, the next block's expected parent (null if unknown). */
  private Hash checkBlock(long n, Hash parent, BlockRef head, long oldest) {
    Optional<Hash> canonical = readCanonical(n);
    if (canonical.isEmpty()) {
      report(Kind.CANONICAL_GAP, n, "no canonical hash between the oldest block " + oldest + " and the head " + head.number());
      return null;
    }
    Hash hash = canonical.get();
    if (n == head.number() && !hash.equals(head.hash())) {
      report(Kind.HEAD_MISMATCH, n, "the head says " + head.hash() + ", the canonical table says " + hash);
    }
    try {
      OptionalLong indexed = store.blockNumber(hash);
      boolean indexAgrees = indexed.isPresent() && indexed.getAsLong() == n;
      if (!indexAgrees) {
        report(Kind.NUMBER_INDEX_MISMATCH, n, "the number index gives " + hash + " "
            + (indexed.isEmpty() ? "no number" : "number " + indexed.getAsLong()));
      }
      // Through the index when it agrees, so that a missing header reads as missing rather than
      // as the corruption error a canonical lookup raises; through the canonical table otherwise.
      Optional<BlockHeader> header = indexAgrees ? store.header(hash) : store.canonicalHeader(n);
      if (header.isEmpty()) {
        report(Kind.MISSING_HEADER, n, "canonical hash " + hash + " has no header");
        return hash;
      }
      BlockHeader h = header.get();
      Hash actual = Keccak.keccak256(h.encoded());
      if (!actual.equals(hash)) {
        report(Kind.HASH_MISMATCH, n, "stored under " + hash + " but its bytes hash to " + actual);
      }
      if (h.number() != n) {
        report(Kind.WRONG_NUMBER, n, "the header says it is block " + h.number());
      }
      if (parent != null && !h.parentHash().equals(parent)) {
        report(Kind.BROKEN_PARENT_LINK, n, "parent hash " + h.parentHash() + " but canonical block " + (n - 1) + " is " + parent);
      }
    } catch (StoreException e) {
      report(Kind.UNREADABLE, n, e.getMessage());
    }
    return hash;
  }

  private void checkCheckpoints(Optional<BlockRef> head, Optional<BlockRef> oldest) {
    Map<String, Checkpoint> checkpoints;
    try {
      checkpoints = store.checkpoints();
    } catch (StoreException e) {
      report(Kind.UNREADABLE, -1, "checkpoints: " + e.getMessage());
      return;
    }
    for (Map.Entry<String, Checkpoint> e : checkpoints.entrySet()) {
      long n = e.getValue().number();
      if (head.isEmpty() || n > head.get().number()) {
        report(Kind.CHECKPOINT_ABOVE_HEAD, n, "stage '" + e.getKey() + "' is at " + n + ", the head is "
            + head.map(BlockRef::toString).orElse("none"));
      } else if (oldest.isEmpty() || n < oldest.get().number() || canonicalHeaderMissing(n)) {
        report(Kind.CHECKPOINT_HEADER_MISSING, n, "stage '" + e.getKey() + "' is at " + n + ", which has no canonical header");
      }
    }
  }

  /** Whether the canonical header at {@code n} is missing or unreadable. */
  private boolean canonicalHeaderMissing(long n) {
    try {
      return store.canonicalHeader(n).isEmpty();
    } catch (StoreException e) {
      return true;
    }
  }

  private Optional<Hash> readCanonical(long n) {
    try {
      return store.canonicalHash(n);
    } catch (StoreException e) {
      report(Kind.UNREADABLE, n, e.getMessage());
      return Optional.empty();
    }
  }

  private Hash canonicalOrReport(long n) {
    Optional<Hash> h = readCanonical(n);
    if (h.isEmpty()) {
      report(Kind.CANONICAL_GAP, n, "no canonical hash below the first block audited");
    }
    return h.orElse(null);
  }

  private void report(Kind kind, long number, String detail) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(new ConsistencyProblem(kind, number, detail));
    } else {
      truncated = true;
    }
  }
}
