package io.headersync.store.kv;

import java.nio.charset.StandardCharsets;

/** The tables of a header store; each is one RocksDB column family. */
public enum Table {
  /** number (8 bytes, big-endian) ‖ hash → header RLP. */
  HEADERS("headers"),
  /** number → canonical hash. */
  CANONICAL("canonical"),
  /** hash → number (8 bytes). */
  HEADER_NUMBERS("header_numbers"),
  /** number ‖ hash → total difficulty (unsigned big-endian, no leading zeros, at most 32 bytes). */
  TOTAL_DIFFICULTY("total_difficulty"),
  /** stage name (ASCII) → checkpoint number (8 bytes) ‖ stage-specific bytes. */
  CHECKPOINTS("checkpoints"),
  /** number ‖ hash → body RLP. */
  BODIES("bodies"),
  /** ASCII name → value: the chain identity and the schema version. */
  META("meta");

  private final String tableName;

  Table(String tableName) {
    this.tableName = tableName;
  }

  /** The name on disk (the column family name). */
  public String tableName() {
    return tableName;
  }

  public byte[] nameBytes() {
    return tableName.getBytes(StandardCharsets.US_ASCII);
  }
}
