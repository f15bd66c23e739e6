package io.headersync.sync.download.skeleton;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.sync.download.DownloadEvent;
import io.headersync.sync.download.HeaderDownloader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test stand-in for the headers stage: polls the downloader whenever it signals progress, writes
 * each batch as canonical headers with their total difficulty, unwinds the store when asked and
 * tells the downloader its new head.
 */
final class StoreDriver {

  private final HeaderDownloader downloader;
  private final HeaderStore store;
  final List<DownloadEvent> events = new ArrayList<>();
  private boolean draining;
  private boolean again;

  StoreDriver(HeaderDownloader downloader, HeaderStore store) {
    this.downloader = downloader;
    this.store = store;
    downloader.setProgressListener(this::drain);
  }

  boolean targetReached() {
    return events.stream().anyMatch(e -> e instanceof DownloadEvent.TargetReached);
  }

  List<Long> unwinds() {
    return events.stream().filter(e -> e instanceof DownloadEvent.UnwindNeeded).map(e -> ((DownloadEvent.UnwindNeeded) e).toNumber()).toList();
  }

  void drain() {
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    try {
      do {
        again = false;
        for (Optional<DownloadEvent> e = downloader.poll(); e.isPresent(); e = downloader.poll()) {
          events.add(e.get());
          handle(e.get());
        }
      } while (again);
    } finally {
      draining = false;
    }
  }

  private void handle(DownloadEvent event) {
    switch (event) {
      case DownloadEvent.BatchReady ready -> {
        BlockHeader first = ready.batch().first();
        BigInteger td = store.totalDifficulty(first.parentHash()).orElseThrow();
        WriteBatch batch = new WriteBatch();
        for (BlockHeader h : ready.batch().headers()) {
          td = td.add(h.difficulty());
          batch.putCanonicalHeader(h, td);
        }
        store.commit(batch);
      }
      case DownloadEvent.UnwindNeeded unwind -> {
        store.unwindTo(unwind.toNumber());
        downloader.setLocalHead(store.canonicalHeader(unwind.toNumber()).orElseThrow());
      }
      case DownloadEvent.TargetReached reached -> { }
      case DownloadEvent.TargetChainInvalid invalid -> throw new AssertionError("the skeleton downloader never says this: " + invalid);
    }
  }
}
