package io.headersync.sync.controller;

import io.headersync.store.BlockRef;
import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.download.SyncTarget;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A snapshot of a {@link SyncController}, for a status command, metrics or a test.
 *
 * @param state where the controller is
 * @param strategy the strategy of the current (or last) leg, empty before the first
 * @param reason why that strategy was chosen
 * @param legs legs started so far (a leg toward a shipped checkpoint, then one toward the target, …)
 * @param head the store's canonical head
 * @param target the sync's target, empty before one is given
 * @param legTarget where the current leg ends (a checkpoint, or the target)
 * @param checkpoints every stage's checkpoint number, by stage name
 * @param downloader the current leg's downloader figures (empty before the first leg)
 * @param limits every configured memory limit of every leg so far, with its peak
 * @param unwinds unwinds the pipelines performed
 * @param failure what stopped the sync, when it failed
 */
public record SyncStatus(
    SyncController.State state,
    Optional<Strategy> strategy,
    String reason,
    int legs,
    Optional<BlockRef> head,
    Optional<SyncTarget> target,
    Optional<SyncTarget> legTarget,
    SortedMap<String, Long> checkpoints,
    Optional<DownloaderStats> downloader,
    List<LimitCheck> limits,
    int unwinds,
    Optional<String> failure) {

  public SyncStatus {
    Objects.requireNonNull(state, "state");
    limits = List.copyOf(limits);
  }

  /** Whether every configured limit held throughout every leg. */
  public boolean limitsHeld() {
    return limits.stream().allMatch(LimitCheck::held);
  }
}
