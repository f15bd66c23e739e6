package io.headersync.node.devnet;

import java.util.List;
import java.util.Optional;

/**
 * How a devnet run ended.
 *
 * @param syncedHeaders headers the first sync stored
 * @param syncSeconds wall time of the first sync, from the servers being dialed to the target
 *     stored with its total difficulty
 * @param followedBlocks live blocks the syncing node followed
 * @param followedReorgs reorgs it followed
 * @param lagsMillis the lag of every followed change, in order
 * @param blockTimeMillis the run's block time, to read the lags against
 * @param head the syncing node's head number at the end
 * @param chainsEqual whether the syncing node's canonical chain was the servers', hash by hash,
 *     genesis to head, at the end
 * @param failure why the run failed, when it did
 */
public record DevnetResult(long syncedHeaders, double syncSeconds, int followedBlocks, int followedReorgs,
    List<Long> lagsMillis, long blockTimeMillis, long head, boolean chainsEqual, Optional<String> failure) {

  public DevnetResult {
    lagsMillis = List.copyOf(lagsMillis);
  }

  public boolean ok() {
    return failure.isEmpty() && chainsEqual;
  }

  public long maxLagMillis() {
    return lagsMillis.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  public double headersPerSecond() {
    return syncSeconds > 0 ? syncedHeaders / syncSeconds : 0;
  }
}
