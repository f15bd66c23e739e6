package io.headersync.sync.download;

import io.headersync.core.bytes.Hash;
import java.util.Objects;

/** What a downloader hands to the stage that stores its headers. */
public sealed interface DownloadEvent {

  /** Headers ready to be stored. */
  record BatchReady(HeaderBatch batch) implements DownloadEvent {}

  /**
   * The downloaded chain does not attach to the local chain at its head: the stage must unwind
   * the local chain to {@code toNumber} (keeping it) and tell the downloader the new local head.
   */
  record UnwindNeeded(long toNumber, String reason) implements DownloadEvent {}

  /** Every header up to the target has been handed out. */
  record TargetReached(SyncTarget target) implements DownloadEvent {}

  /**
   * The trusted target's own chain breaks a consensus rule at block {@code number}: that header is
   * the one the target names through parent hashes, so no peer can serve another and the download
   * stops for good. The stage must fail with this, not retry: retrying would ask forever.
   *
   * @param reason the rule broken, with expected and found values
   */
  record TargetChainInvalid(SyncTarget target, long number, Hash hash, String reason) implements DownloadEvent {
    public TargetChainInvalid {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
