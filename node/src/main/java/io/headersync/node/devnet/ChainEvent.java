package io.headersync.node.devnet;

import io.headersync.core.block.BlockHeader;
import java.util.List;
import java.util.Objects;

/** A change the devnet's block producer made to the servers' chain. */
public sealed interface ChainEvent {

  /** The new head of the servers' chain. */
  BlockHeader head();

  /** One block on top of the head. */
  record NewBlock(BlockHeader head) implements ChainEvent {
    public NewBlock {
      Objects.requireNonNull(head, "head");
    }
  }

  /**
   * The last {@code removed.size()} blocks were replaced by {@code added}, one block longer, which
   * leaves {@code forkPoint} (the last block both branches share).
   */
  record Reorg(long forkPoint, List<BlockHeader> removed, List<BlockHeader> added) implements ChainEvent {
    public Reorg {
      removed = List.copyOf(removed);
      added = List.copyOf(added);
      if (removed.isEmpty() || added.size() != removed.size() + 1) {
        throw new IllegalArgumentException("a reorg replaces at least one block with one more: removed "
            + removed.size() + ", added " + added.size());
      }
    }

    public int depth() {
      return removed.size();
    }

    @Override
    public BlockHeader head() {
      return added.getLast();
    }

    public BlockHeader oldHead() {
      return removed.getLast();
    }
  }
}
