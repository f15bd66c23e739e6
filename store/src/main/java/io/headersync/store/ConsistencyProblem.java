package io.headersync.store;

/** One broken invariant found by {@link StoreConsistency}, at a block number (or -1 when none applies). */
public record ConsistencyProblem(Kind kind, long number, String detail) {

  /** Which invariant is broken. */
  public enum Kind {
    /** The head and the oldest canonical block disagree about whether the chain is empty. */
    HEAD_MISMATCH,
    /** Canonical block 0 is not the genesis the store was created for. */
    GENESIS_MISMATCH,
    /** A number between the oldest canonical block and the head has no canonical hash. */
    CANONICAL_GAP,
    /** A canonical hash exists above the head. */
    CANONICAL_ABOVE_HEAD,
    /** A canonical hash has no stored header. */
    MISSING_HEADER,
    /** The number index does not give a canonical hash its canonical number. */
    NUMBER_INDEX_MISMATCH,
    /** A stored header's bytes do not hash to the hash it is stored under. */
    HASH_MISMATCH,
    /** A stored header's number differs from its canonical number. */
    WRONG_NUMBER,
    /** A canonical header's parent hash is not the canonical hash one below. */
    BROKEN_PARENT_LINK,
    /** The store could not read an entry (a corruption error). */
    UNREADABLE,
    /** A checkpoint is above the canonical head. */
    CHECKPOINT_ABOVE_HEAD,
    /** A checkpoint's block has no canonical header. */
    CHECKPOINT_HEADER_MISSING
  }

  @Override
  public String toString() {
    return kind + (number >= 0 ? " at " + number : "") + ": " + detail;
  }
}
