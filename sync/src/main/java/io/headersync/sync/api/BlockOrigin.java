package io.headersync.sync.api;

import io.headersync.core.bytes.Hash;
import java.util.Objects;

/** Where a headers request starts: a block number or a block hash, as eth's GetBlockHeaders allows. */
public sealed interface BlockOrigin {

  static BlockOrigin number(long number) {
    return new ByNumber(number);
  }

  static BlockOrigin hash(Hash hash) {
    return new ByHash(hash);
  }

  record ByNumber(long number) implements BlockOrigin {
    public ByNumber {
      if (number < 0) {
        throw new IllegalArgumentException("block number must not be negative: " + number);
      }
    }

    @Override
    public String toString() {
      return "#" + number;
    }
  }

  record ByHash(Hash hash) implements BlockOrigin {
    public ByHash {
      Objects.requireNonNull(hash, "hash");
    }

    @Override
    public String toString() {
      return hash.toHex();
    }
  }
}
