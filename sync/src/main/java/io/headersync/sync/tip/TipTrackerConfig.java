package io.headersync.sync.tip;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link TipTracker}.
 *
 * @param blockTime the chain's block interval. Default 12 s, a post-merge slot.
 * @param staleAfterBlocks how many block times without a new head make a head stale. Default 5
 *     (one minute): a slot passes without a block about one time in a hundred, so five empty slots
 *     in a row almost never happen on a live network, while a minute is still short enough to
 *     notice quickly that the node has lost the chain's progress.
 * @param minPeersForEstimate peers whose heads are needed before the network's tip is estimated.
 *     Default 3: the estimate is the median, and with three peers one liar can move it only within
 *     the honest peers' range; with two, a liar would be half the vote.
 * @param maxTrackedPeers peers whose heads are kept. Default 256: far more than a node keeps
 *     connected (tens), so the bound only matters against a flood of connections; a head costs a
 *     hundred bytes.
 * @param announceBurst announcements (and chain-state updates) a peer may send back to back.
 *     Default 8: an honest peer sends one or two per block (a hash and maybe the block), plus a
 *     few more around a reorganisation.
 * @param announceRefill how often a peer earns one more announcement. Default 3 s, four per block
 *     time: twice what an honest peer needs, so only a flooding peer ever meets the limit.
 * @param floodReportInterval the least time between two reports of the same flooding peer.
 *     Default 12 s (one block time): each report costs the peer standing in the request scheduler,
 *     so a peer that keeps flooding is banned within minutes while one burst costs it little.
 * @param resolveRetryDelay the wait before asking again for the trusted target's header when no
 *     peer gave it. Default 12 s: peers change within a block time, and the target is needed, so
 *     it is asked for until it comes.
 */
public record TipTrackerConfig(
    Duration blockTime,
    int staleAfterBlocks,
    int minPeersForEstimate,
    int maxTrackedPeers,
    int announceBurst,
    Duration announceRefill,
    Duration floodReportInterval,
    Duration resolveRetryDelay) {

  public static final TipTrackerConfig DEFAULT = new TipTrackerConfig(Duration.ofSeconds(12), 5, 3, 256, 8,
      Duration.ofSeconds(3), Duration.ofSeconds(12), Duration.ofSeconds(12));

  public TipTrackerConfig {
    Objects.requireNonNull(blockTime, "blockTime");
    Objects.requireNonNull(announceRefill, "announceRefill");
    Objects.requireNonNull(floodReportInterval, "floodReportInterval");
    Objects.requireNonNull(resolveRetryDelay, "resolveRetryDelay");
    if (!isPositive(blockTime) || !isPositive(announceRefill) || floodReportInterval.isNegative() || resolveRetryDelay.isNegative()) {
      throw new IllegalArgumentException("blockTime and announceRefill must be positive, the other durations not negative");
    }
    if (staleAfterBlocks < 1 || minPeersForEstimate < 1 || maxTrackedPeers < 1 || announceBurst < 1) {
      throw new IllegalArgumentException("staleAfterBlocks, minPeersForEstimate, maxTrackedPeers and announceBurst must be positive");
    }
  }

  /** How long a head may go without advancing before it is stale: {@code staleAfterBlocks × blockTime}. */
  public Duration staleAfter() {
    return blockTime.multipliedBy(staleAfterBlocks);
  }

  public TipTrackerConfig withMinPeersForEstimate(int value) {
    return new TipTrackerConfig(blockTime, staleAfterBlocks, value, maxTrackedPeers, announceBurst, announceRefill,
        floodReportInterval, resolveRetryDelay);
  }

  public TipTrackerConfig withMaxTrackedPeers(int value) {
    return new TipTrackerConfig(blockTime, staleAfterBlocks, minPeersForEstimate, value, announceBurst, announceRefill,
        floodReportInterval, resolveRetryDelay);
  }

  private static boolean isPositive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
