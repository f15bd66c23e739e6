package io.headersync.node.rpc;

import io.headersync.core.block.BlockHeader;
import java.util.List;
import java.util.Objects;

/** A change of the canonical head. */
public sealed interface HeadEvent {

  /** The canonical headers that became canonical, in ascending order. */
  List<BlockHeader> added();

  /** The head moved forward by one or more blocks on the same branch. */
  record Extended(List<BlockHeader> added) implements HeadEvent {
    public Extended {
      added = checkAscending(added, "added");
      if (added.isEmpty()) {
        throw new IllegalArgumentException("an extension adds at least one header");
      }
    }
  }

  /**
   * The head moved to another branch: {@code removed} were canonical (ascending) and are no longer,
   * {@code added} replaced them (ascending, starting right above the common ancestor).
   */
  record Reorg(List<BlockHeader> removed, List<BlockHeader> added) implements HeadEvent {
    public Reorg {
      removed = checkAscending(removed, "removed");
      added = checkAscending(added, "added");
      if (added.isEmpty()) {
        throw new IllegalArgumentException("a reorg adds at least one header");
      }
      if (!removed.isEmpty() && !removed.getFirst().parentHash().equals(added.getFirst().parentHash())) {
        throw new IllegalArgumentException("the removed and added branches do not share a parent: "
            + removed.getFirst() + " and " + added.getFirst());
      }
    }
  }

  static Extended extended(BlockHeader... headers) {
    return new Extended(List.of(headers));
  }

  private static List<BlockHeader> checkAscending(List<BlockHeader> headers, String what) {
    List<BlockHeader> copy = List.copyOf(Objects.requireNonNull(headers, what));
    for (int i = 1; i < copy.size(); i++) {
      if (!copy.get(i).parentHash().equals(copy.get(i - 1).hash())) {
        throw new IllegalArgumentException(what + " headers are not a parent-linked ascending run at "
            + copy.get(i) + " (parent " + copy.get(i).parentHash() + ", previous " + copy.get(i - 1) + ")");
      }
    }
    return copy;
  }
}
