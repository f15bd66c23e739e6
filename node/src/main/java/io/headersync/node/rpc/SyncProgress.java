package io.headersync.node.rpc;

/**
 * Where a sync stands, in the terms of {@code eth_syncing}.
 *
 * @param syncing whether the node is behind the chain it follows
 * @param startingBlock the head when the current sync began
 * @param currentBlock the canonical head now
 * @param highestBlock the highest block known to exist (the target, or the best peer's head)
 */
public record SyncProgress(boolean syncing, long startingBlock, long currentBlock, long highestBlock) {

  public SyncProgress {
    if (startingBlock < 0 || currentBlock < 0 || highestBlock < 0) {
      throw new IllegalArgumentException("block numbers must not be negative: starting " + startingBlock
          + ", current " + currentBlock + ", highest " + highestBlock);
    }
  }

  /** Not syncing, at {@code head}. */
  public static SyncProgress synced(long head) {
    return new SyncProgress(false, head, head, head);
  }

  public static SyncProgress syncing(long startingBlock, long currentBlock, long highestBlock) {
    return new SyncProgress(true, startingBlock, currentBlock, highestBlock);
  }
}
