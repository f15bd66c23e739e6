package io.headersync.sync.download;

import io.headersync.core.block.BlockHeader;
import java.util.Optional;

/**
 * A pull-based stream of verified header batches toward a {@link SyncTarget}.
 *
 * <p>All methods run on the sync event loop; none blocks. The stage calls {@link #poll()} when
 * the progress listener fires (and whenever it likes); the downloader keeps its requests in
 * flight between polls, within the memory limits of its configuration.
 */
public interface HeaderDownloader extends AutoCloseable {

  /** Which way successive batches move. */
  enum Direction {
    /** From the local head up toward the target. */
    ASCENDING,
    /** From the target down toward the local head (reverse download). */
    DESCENDING
  }

  Direction direction();

  /** The header the downloaded chain must attach to (the store's head, or the unwind point). */
  void setLocalHead(BlockHeader head);

  /** Starts, or moves, the download toward {@code target}. */
  void setTarget(SyncTarget target);

  /** The next thing for the stage, if one is ready. */
  Optional<DownloadEvent> poll();

  /** Called on the loop whenever {@link #poll()} may have something new. */
  void setProgressListener(Runnable listener);

  /** Figures a test or a metrics endpoint reads: in flight, buffered, peaks, counters. */
  DownloaderStats stats();

  /** Cancels what is in flight and frees the buffers. */
  @Override
  void close();
}
