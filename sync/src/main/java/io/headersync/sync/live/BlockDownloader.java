package io.headersync.sync.live;

import io.headersync.core.bytes.Hash;
import java.util.Optional;
import java.util.Set;

/**
 * Downloads full blocks near the tip: a set of blocks named by hash, or a range named by its
 * highest block and a count. What comes out is a stream of {@link BlockDownloadEvent}s in which
 * blocks appear in ascending number order and never twice.
 *
 * <p>All methods run on the sync event loop; none blocks. Requests travel between calls; the
 * owner calls {@link #poll()} when the progress listener fires (and whenever it likes). Blocks not
 * polled count against the memory limit of the configuration, so an owner that stops polling
 * stops the downloading too.
 */
public interface BlockDownloader extends AutoCloseable {

  /**
   * Downloads the blocks with these hashes: for each, its header (by hash) and its body at the
   * same time. A hash already being downloaded is not asked again; one emitted recently is not
   * emitted again.
   *
   * @throws IllegalStateException when the downloader is closed, or the blocks would pass the
   *     configured bound on tracked blocks (nothing is started then)
   */
  Submission download(Set<Hash> hashes);

  /**
   * Downloads {@code count} consecutive blocks ending with the block {@code tip}: first the
   * headers, walking down from the tip by parent hash, then the bodies for them in batches.
   *
   * @throws IllegalArgumentException when {@code count} is outside {@code 1..maxRangeCount}
   * @throws IllegalStateException when the downloader is closed, or the range would pass the
   *     configured bound on tracked blocks
   */
  Submission downloadRange(Hash tip, int count);

  /** The next event, if one is ready: blocks in ascending number order, failures as they happen. */
  Optional<BlockDownloadEvent> poll();

  /** Called on the loop whenever {@link #poll()} may have something new. */
  void setProgressListener(Runnable listener);

  /** Cancels every request, drops every buffered block and event, forgets what was emitted. */
  void clear();

  /** Figures a test or a metrics endpoint reads: what is held and tracked, peaks and counters. */
  BlockDownloaderStats stats();

  /** {@link #clear()}, then refuses further downloads. */
  @Override
  void close();
}
