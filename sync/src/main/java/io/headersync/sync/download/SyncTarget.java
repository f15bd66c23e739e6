package io.headersync.sync.download;

import io.headersync.core.bytes.Hash;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Where a download goes: the hash of a header the node trusts (a flag, a consensus client, or
 * the best chain peers offer), and its number when known.
 */
public record SyncTarget(Hash hash, OptionalLong number) {

  public SyncTarget {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(number, "number");
  }

  public static SyncTarget of(Hash hash) {
    return new SyncTarget(hash, OptionalLong.empty());
  }

  public static SyncTarget of(Hash hash, long number) {
    return new SyncTarget(hash, OptionalLong.of(number));
  }
}
