package io.headersync.sync.follow;

import io.headersync.core.bytes.Hash;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hashes of blocks found invalid (or descending from one) with the reason, the most recent {@code capacity}. */
final class BadBlocks {

  private final Map<Hash, String> reasons;

  BadBlocks(int capacity) {
    this.reasons = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Hash, String> eldest) {
        return size() > capacity;
      }
    };
  }

  void add(Hash hash, String reason) {
    reasons.put(hash, reason);
  }

  boolean contains(Hash hash) {
    return reasons.containsKey(hash);
  }

  String reason(Hash hash) {
    return reasons.get(hash);
  }
}
