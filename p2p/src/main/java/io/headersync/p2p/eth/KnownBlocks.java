package io.headersync.p2p.eth;

import io.headersync.core.bytes.Hash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The block hashes a peer is known to have (it announced them, or we announced them to it), so a
 * block is never announced back to the peer it came from. Bounded: the oldest are forgotten.
 */
final class KnownBlocks {

  /** Enough for hours of blocks on any chain; 1024 hashes cost about 100 KB per peer. */
  static final int CAPACITY = 1024;

  private final Map<Hash, Boolean> hashes = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
      return size() > CAPACITY;
    }
  };

  synchronized void add(Hash hash) {
    hashes.put(hash, Boolean.TRUE);
  }

  synchronized boolean contains(Hash hash) {
    return hashes.containsKey(hash);
  }

  synchronized int size() {
    return hashes.size();
  }
}
