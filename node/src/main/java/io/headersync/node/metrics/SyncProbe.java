package io.headersync.node.metrics;

import io.headersync.sync.controller.SyncController;
import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.download.HeaderDownloader;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.peers.PeerView;
import io.headersync.sync.peers.RequestScheduler;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Reads a {@link SyncSample} from a running sync. {@link #sample()} must run on the sync's event
 * loop (the {@link SyncSampler} sees to that): the scheduler and the downloaders are
 * single-threaded and may not be read from elsewhere.
 *
 * <p>Built from the request scheduler, then told where the current downloader and the best
 * known tip come from: {@code SyncProbe.of(scheduler).withController(controller)} reads both from
 * the controller (the tip being its target); {@link #withTip} replaces the tip with another
 * source, such as the network's head from a tip tracker.
 */
public final class SyncProbe {

  private final RequestScheduler scheduler;
  private Supplier<Optional<HeaderDownloader>> downloader = Optional::empty;
  private Supplier<OptionalLong> tip = OptionalLong::empty;
  private HeaderDownloader lastDownloader;
  private long leg;

  private SyncProbe(RequestScheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /** A probe of the scheduler alone: no downloader figures, no tip. */
  public static SyncProbe of(RequestScheduler scheduler) {
    return new SyncProbe(scheduler);
  }

  /** Reads the current leg's downloader from the controller, and the best known tip from its target. */
  public SyncProbe withController(SyncController controller) {
    Objects.requireNonNull(controller, "controller");
    this.downloader = controller::downloader;
    this.tip = () -> controller.status().target().map(SyncTarget::number).orElse(OptionalLong.empty());
    return this;
  }

  /** Reads the current downloader from {@code source} (empty between legs). */
  public SyncProbe withDownloader(Supplier<Optional<HeaderDownloader>> source) {
    this.downloader = Objects.requireNonNull(source, "source");
    return this;
  }

  /** Reads the best known tip's number from {@code source} (empty while unknown). */
  public SyncProbe withTip(Supplier<OptionalLong> source) {
    this.tip = Objects.requireNonNull(source, "source");
    return this;
  }

  /** The sync's figures now. Call on the sync's event loop only. */
  public SyncSample sample() {
    Map<PeerState, Integer> peers = new EnumMap<>(PeerState.class);
    for (var id : scheduler.connectedPeers()) {
      Optional<PeerView> view = scheduler.peer(id);
      view.ifPresent(v -> peers.merge(PeerState.of(v), 1, Integer::sum));
    }
    Optional<HeaderDownloader> current = downloader.get();
    if (current.isPresent() && current.get() != lastDownloader) {
      lastDownloader = current.get();
      leg++;
    }
    Optional<DownloaderStats> stats = current.map(HeaderDownloader::stats);
    return new SyncSample(scheduler.counters(), scheduler.inFlightRequests(), scheduler.queuedRequests(), peers, leg, stats,
        tip.get());
  }
}
