package io.headersync.core.block;

/** The header layouts mainnet has used, named by the fork that introduced each. */
public enum HeaderShape {
  /** 15 fields: Frontier through Berlin. */
  LEGACY(15),
  /** + baseFeePerGas (EIP-1559). */
  LONDON(16),
  /** + withdrawalsRoot (EIP-4895). */
  SHANGHAI(17),
  /** + blobGasUsed, excessBlobGas (EIP-4844), parentBeaconBlockRoot (EIP-4788). */
  CANCUN(20),
  /** + requestsHash (EIP-7685). */
  PRAGUE(21);

  private final int fieldCount;

  HeaderShape(int fieldCount) {
    this.fieldCount = fieldCount;
  }

  public int fieldCount() {
    return fieldCount;
  }

  /** The newest shape whose fields a header of {@code fieldCount} fields contains. */
  public static HeaderShape forFieldCount(int fieldCount) {
    HeaderShape best = null;
    for (HeaderShape s : values()) {
      if (s.fieldCount <= fieldCount) {
        best = s;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("a header has at least 15 fields, got " + fieldCount);
    }
    return best;
  }
}
