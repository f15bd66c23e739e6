package io.headersync.sync.follow;

import io.headersync.core.bytes.Hash;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Validated blocks that are not canonical, by hash, at most {@code capacity}. When full the lowest
 * block goes first: it is the one least likely to matter, being nearest to the depth where no
 * reorganisation may reach.
 */
final class SideBranches {

  private static final Comparator<SideBlock> BY_NUMBER =
      Comparator.<SideBlock>comparingLong(b -> b.header().number()).thenComparing(b -> b.header().hash());

  private final int capacity;
  private final Map<Hash, SideBlock> byHash = new HashMap<>();
  private final TreeSet<SideBlock> byNumber = new TreeSet<>(BY_NUMBER);
  private int peak;

  SideBranches(int capacity) {
    this.capacity = capacity;
  }

  void add(SideBlock block) {
    if (byHash.containsKey(block.header().hash())) {
      return;
    }
    while (byHash.size() >= capacity) {
      remove(byNumber.first().header().hash());
    }
    byHash.put(block.header().hash(), block);
    byNumber.add(block);
    peak = Math.max(peak, byHash.size());
  }

  Optional<SideBlock> get(Hash hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  boolean contains(Hash hash) {
    return byHash.containsKey(hash);
  }

  void remove(Hash hash) {
    SideBlock b = byHash.remove(hash);
    if (b != null) {
      byNumber.remove(b);
    }
  }

  /** Forgets every block at or below {@code number}. */
  void pruneAtOrBelow(long number) {
    while (!byNumber.isEmpty() && byNumber.first().header().number() <= number) {
      remove(byNumber.first().header().hash());
    }
  }

  Collection<SideBlock> all() {
    return List.copyOf(byNumber);
  }

  /** The blocks no other held block names as parent: the tips of the held branches. */
  List<SideBlock> tips() {
    Map<Hash, Boolean> parents = new HashMap<>();
    for (SideBlock b : byHash.values()) {
      parents.put(b.header().parentHash(), Boolean.TRUE);
    }
    List<SideBlock> out = new ArrayList<>();
    for (SideBlock b : byNumber) {
      if (!parents.containsKey(b.header().hash())) {
        out.add(b);
      }
    }
    return out;
  }

  int size() {
    return byHash.size();
  }

  int peak() {
    return peak;
  }

  void clear() {
    byHash.clear();
    byNumber.clear();
  }
}
