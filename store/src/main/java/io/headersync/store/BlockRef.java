package io.headersync.store;

import io.headersync.core.bytes.Hash;
import java.util.Objects;

/** A block named by its number and hash, such as the canonical head. */
public record BlockRef(long number, Hash hash) {

  public BlockRef {
    if (number < 0) {
      throw new IllegalArgumentException("block number must not be negative, got " + number);
    }
    Objects.requireNonNull(hash, "hash");
  }

  @Override
  public String toString() {
    return "#" + number + " " + hash;
  }
}
