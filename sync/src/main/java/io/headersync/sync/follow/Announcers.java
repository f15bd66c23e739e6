package io.headersync.sync.follow;

import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.PeerId;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who announced which block, with the total difficulty each claimed: the peers to hold to account
 * when the block turns out invalid or its total difficulty false. The most recent {@code capacity}
 * blocks are remembered.
 */
final class Announcers {

  private final int capacity;
  private final LinkedHashMap<Hash, Map<PeerId, Optional<BigInteger>>> byHash;

  Announcers(int capacity) {
    this.capacity = capacity;
    this.byHash = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Hash, Map<PeerId, Optional<BigInteger>>> eldest) {
        return size() > Announcers.this.capacity;
      }
    };
  }

  void record(Hash hash, PeerId peer, Optional<BigInteger> claimedTotalDifficulty) {
    byHash.computeIfAbsent(hash, k -> new LinkedHashMap<>(2)).merge(peer, claimedTotalDifficulty,
        (old, now) -> now.isPresent() ? now : old);
  }

  /** The peers that announced {@code hash}, each with the total difficulty it claimed (if any); removed. */
  Map<PeerId, Optional<BigInteger>> take(Hash hash) {
    Map<PeerId, Optional<BigInteger>> m = byHash.remove(hash);
    return m == null ? Map.of() : m;
  }
}
