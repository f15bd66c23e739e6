package io.headersync.sync.follow;

import io.headersync.core.block.Block;
import io.headersync.core.bytes.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Downloaded blocks whose parent is not known yet, waiting for a walk back to bring it, at most
 * {@code capacity}; when full the oldest arrival goes first (its walk back has had the longest).
 */
final class Orphans {

  private final int capacity;
  private final LinkedHashMap<Hash, Block> byHash = new LinkedHashMap<>();
  private final Map<Hash, List<Block>> byParent = new HashMap<>();
  private int peak;

  Orphans(int capacity) {
    this.capacity = capacity;
  }

  void add(Block block) {
    if (byHash.containsKey(block.hash())) {
      return;
    }
    while (byHash.size() >= capacity) {
      remove(byHash.firstEntry().getValue());
    }
    byHash.put(block.hash(), block);
    byParent.computeIfAbsent(block.header().parentHash(), k -> new ArrayList<>(1)).add(block);
    peak = Math.max(peak, byHash.size());
  }

  boolean contains(Hash hash) {
    return byHash.containsKey(hash);
  }

  /** Removes and answers the blocks whose parent is {@code parent}. */
  List<Block> takeChildren(Hash parent) {
    List<Block> children = byParent.remove(parent);
    if (children == null) {
      return List.of();
    }
    for (Block b : children) {
      byHash.remove(b.hash());
    }
    return children;
  }

  private void remove(Block block) {
    byHash.remove(block.hash());
    List<Block> siblings = byParent.get(block.header().parentHash());
    if (siblings != null) {
      siblings.remove(block);
      if (siblings.isEmpty()) {
        byParent.remove(block.header().parentHash());
      }
    }
  }

  /** The lowest block of the waiting chain {@code hash} belongs to (following parents while they wait too); null when not waiting. */
  Block rootOf(Hash hash) {
    Block b = byHash.get(hash);
    for (int steps = 0; b != null && steps < byHash.size(); steps++) {
      Block parent = byHash.get(b.header().parentHash());
      if (parent == null) {
        return b;
      }
      b = parent;
    }
    return b;
  }

  int size() {
    return byHash.size();
  }

  int peak() {
    return peak;
  }

  void clear() {
    byHash.clear();
    byParent.clear();
  }
}
