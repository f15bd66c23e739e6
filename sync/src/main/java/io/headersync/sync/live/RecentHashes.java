package io.headersync.sync.live;

import io.headersync.core.bytes.Hash;
import java.util.LinkedHashMap;
import java.util.Map;

/** A set of the most recently added hashes, at most {@code capacity}; the oldest goes first. */
final class RecentHashes {

  private final Map<Hash, Boolean> hashes;

  RecentHashes(int capacity) {
    this.hashes = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  void add(Hash hash) {
    hashes.put(hash, Boolean.TRUE);
  }

  boolean contains(Hash hash) {
    return hashes.containsKey(hash);
  }

  int size() {
    return hashes.size();
  }

  void clear() {
    hashes.clear();
  }
}
