package io.headersync.sync.follow;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.stages.TotalDifficultyStage;
import java.util.Collection;
import java.util.List;

/**
 * The one store write that makes a branch canonical: demote the canonical blocks above the forking
 * point (they stay stored as a side branch), put the branch canonical with its total difficulties,
 * move the headers and total-difficulty checkpoints to the new head, keep the bodies of the newest
 * {@code bodiesKept} blocks and delete those that fell out of that window, and delete side headers
 * that sank below the deepest possible reorganisation. All or nothing: a crash leaves either the
 * old chain or the new one.
 */
final class BranchWrite {

  private BranchWrite() {}

  /**
   * @param forkPoint the canonical block the branch builds on
   * @param oldHead the canonical head before the write
   * @param removed the canonical headers above the fork point, ascending (empty for an extension)
   * @param branch the blocks to make canonical, ascending, the first a child of the fork point
   * @param expiredSideHeaders stored non-canonical headers to delete (not canonical, not on the branch)
   */
  static WriteBatch build(HeaderStore store, int bodiesKept, BlockRef forkPoint, BlockRef oldHead, List<BlockHeader> removed,
      List<SideBlock> branch, Collection<Hash> expiredSideHeaders) {
    WriteBatch batch = new WriteBatch(branch.size() * 3 + removed.size() + expiredSideHeaders.size() + 4);
    if (!removed.isEmpty()) {
      batch.unwindCanonicalTo(forkPoint.number());
    }
    long newHead = branch.getLast().header().number();
    long windowStart = newHead - bodiesKept + 1;
    for (SideBlock b : branch) {
      // Putting a header again that is stored already (a side branch coming back) changes nothing.
      batch.putCanonicalHeader(b.header(), b.totalDifficulty());
      if (bodiesKept > 0 && b.body() != null && b.header().number() >= windowStart) {
        batch.putBody(b.header().hash(), b.body().encode());
      }
    }
    if (bodiesKept > 0) {
      for (BlockHeader r : removed) {
        batch.deleteBody(r.hash());
      }
      long oldest = store.oldestCanonical().map(BlockRef::number).orElse(0L);
      long from = Math.max(oldest, oldHead.number() - bodiesKept + 1);
      long to = Math.min(forkPoint.number(), windowStart - 1);
      for (long n = from; n <= to; n++) {
        store.canonicalHash(n).ifPresent(batch::deleteBody);
      }
    }
    for (Hash h : expiredSideHeaders) {
      batch.deleteHeader(h);
    }
    batch.setCheckpoint(HeadersStage.ID, newHead);
    batch.setCheckpoint(TotalDifficultyStage.ID, newHead);
    return batch;
  }
}
