package io.headersync.sync.follow;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.BlockRef;
import java.util.List;

/**
 * Hears of the canonical head moving, after the store write that moved it: what a JSON-RPC
 * {@code newHeads} subscription forwards. Called on the sync loop; a listener must not block it.
 */
public interface FollowListener {

  /**
   * A header became the canonical head. Called once per header, in ascending order, when the
   * chain is extended by several at once, and once with the new tip after a {@link #reorg}.
   */
  default void newHead(BlockHeader head) {}

  /**
   * The canonical chain was reorganised: the blocks above {@code forkPoint} were replaced.
   *
   * @param forkPoint the last block both branches share
   * @param removed the old branch's headers above the fork point, ascending (still stored, no longer canonical)
   * @param added the new branch's headers above the fork point, ascending (now canonical)
   */
  default void reorg(BlockRef forkPoint, List<BlockHeader> removed, List<BlockHeader> added) {}
}
