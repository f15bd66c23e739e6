package io.headersync.store;

import io.headersync.core.bytes.Hex;

/**
 * Anything a store cannot do, typed by {@link Reason} and naming the table and key involved
 * when there is one. Unchecked: callers rarely recover from a broken disk, and those that can
 * (the node's start-up, a CLI command) catch it and read {@link #reason()}.
 */
public class StoreException extends RuntimeException {

  /** Why the store failed. */
  public enum Reason {
    /** The engine or file system failed (disk full, permissions, lock held by another process). */
    IO,
    /** A stored value is not what its table holds (wrong size, undecodable, wrong number). */
    CORRUPTION,
    /** A table the schema requires is absent from an initialised store. */
    MISSING_TABLE,
    /** The store was written by a schema version this code does not read. */
    SCHEMA_MISMATCH,
    /** The store belongs to another chain (different genesis); see {@link ChainMismatchException}. */
    CHAIN_MISMATCH,
    /** A batch or unwind broke an invariant (gap in the canonical chain, unknown header); nothing was written. */
    REJECTED_WRITE,
    /** The store was used after {@link HeaderStore#close()}. */
    CLOSED
  }

  private final Reason reason;
  private final String table;
  private final byte[] key;

  public StoreException(Reason reason, String table, byte[] key, String detail, Throwable cause) {
    super(describe(reason, table, key, detail), cause);
    this.reason = reason;
    this.table = table;
    this.key = key == null ? null : key.clone();
  }

  public StoreException(Reason reason, String table, byte[] key, String detail) {
    this(reason, table, key, detail, null);
  }

  public StoreException(Reason reason, String detail) {
    this(reason, null, null, detail, null);
  }

  public StoreException(Reason reason, String detail, Throwable cause) {
    this(reason, null, null, detail, cause);
  }

  public Reason reason() {
    return reason;
  }

  /** The table involved, or {@code null} when the failure is not about one table. */
  public String table() {
    return table;
  }

  /** The key involved (a copy), or {@code null}. */
  public byte[] key() {
    return key == null ? null : key.clone();
  }

  private static String describe(Reason reason, String table, byte[] key, String detail) {
    StringBuilder s = new StringBuilder().append(reason);
    if (table != null) {
      s.append(" in table '").append(table).append('\'');
    }
    if (key != null) {
      s.append(" at key ").append(Hex.encode(key));
    }
    return s.append(": ").append(detail).toString();
  }
}
