package io.headersync.sync.download;

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
}
