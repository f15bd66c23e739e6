package io.headersync.sync.download.slices;

import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerReporter;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.sync.time.TimeSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Estimates the chain's tip from what peers claim: the latest height each peer stated (in its
 * status or an announcement), one value per peer, averaged after dropping the values farther than
 * {@link Config#outlierDistance()} from their median. Never the maximum: one peer may claim any
 * height, and a flood of claims from one peer still counts once. The median makes the estimate
 * hold while fewer than half the peers lie; the average of the rest smooths honest peers that are
 * a block or two apart.
 *
 * <p>A peer announcing more than {@link Config#maxAnnouncements()} blocks within {@link
 * Config#announcementWindow()} is reported ({@link Offence#USELESS_RESPONSE}) once per window:
 * honest peers announce a block every slot or so, and a flood costs the loop work for nothing.
 *
 * <p>Single-threaded, on the sync event loop. Memory: one entry per peer, at most {@link
 * Config#maxTrackedPeers()} (the least recently heard-from goes first).
 */
public final class TipEstimator implements PeerSetListener {

  /**
   * @param outlierDistance how far (in blocks) a peer's height may lie from the median of all
   *     peers' heights and still count. Default 128 (about 25 minutes of post-merge blocks):
   *     peers at the tip are within a few blocks of each other; a peer farther behind is still
   *     syncing and one farther ahead is lying or on another network.
   * @param maxAnnouncements announcements one peer may make per window before it is reported.
   *     Default 60 per minute: a chain with a block every 12 s gives five a minute, and a peer may
   *     announce each block twice (hash, then block) and forks besides.
   * @param announcementWindow the window of the count above. Default 1 minute.
   * @param maxTrackedPeers peers whose heights are kept. Default 1024, far more than a node
   *     connects to.
   */
  public record Config(long outlierDistance, int maxAnnouncements, Duration announcementWindow, int maxTrackedPeers) {

    public static final Config DEFAULT = new Config(128, 60, Duration.ofMinutes(1), 1024);

    public Config {
      Objects.requireNonNull(announcementWindow, "announcementWindow");
      if (outlierDistance < 0 || maxAnnouncements < 1 || maxTrackedPeers < 1 || announcementWindow.isNegative()
          || announcementWindow.isZero()) {
        throw new IllegalArgumentException("outlierDistance must not be negative; the other settings must be positive");
      }
    }
  }

  private static final class PeerTip {
    long height;
    long windowStart;
    int announcements;
    boolean reportedThisWindow;
  }

  private final Config config;
  private final TimeSource time;
  private final PeerReporter reporter;
  private final Map<PeerId, PeerTip> peers;

  /** @param reporter where flooding peers are reported; null to report nobody */
  public TipEstimator(Config config, TimeSource time, PeerReporter reporter) {
    this.config = Objects.requireNonNull(config, "config");
    this.time = Objects.requireNonNull(time, "time");
    this.reporter = reporter;
    int max = config.maxTrackedPeers();
    this.peers = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<PeerId, PeerTip> eldest) {
        return size() > max;
      }
    };
  }

  /** Records {@code height} as {@code peer}'s latest claim. */
  public void observe(PeerId peer, long height) {
    if (height < 0) {
      return;
    }
    peers.computeIfAbsent(peer, p -> newTip()).height = height;
  }

  /** The estimated tip height, or empty when no peer has claimed one. */
  public OptionalLong estimate() {
    long[] heights = new long[peers.size()];
    int n = 0;
    for (PeerTip t : peers.values()) {
      if (t.height >= 0) {
        heights[n++] = t.height;
      }
    }
    if (n == 0) {
      return OptionalLong.empty();
    }
    heights = Arrays.copyOf(heights, n);
    Arrays.sort(heights);
    // The lower median, so an even split between honest and lying peers leans to the lower claim.
    long median = heights[(n - 1) / 2];
    long sum = 0;
    int kept = 0;
    for (long h : heights) {
      if (Math.abs(h - median) <= config.outlierDistance()) {
        sum += h;
        kept++;
      }
    }
    return OptionalLong.of(sum / kept);
  }

  /** Peers whose heights are known. */
  public int trackedPeers() {
    return peers.size();
  }

  @Override
  public void peerConnected(PeerHandle peer) {
    peer.chainState().headNumber().ifPresent(h -> observe(peer.id(), h));
  }

  @Override
  public void peerDisconnected(PeerId peer, DisconnectReason reason) {
    peers.remove(peer);
  }

  @Override
  public void peerChainStateChanged(PeerId peer, PeerChainState state) {
    state.headNumber().ifPresent(h -> observe(peer, h));
  }

  @Override
  public void blockAnnounced(PeerId peer, BlockAnnouncement announcement) {
    PeerTip tip = peers.computeIfAbsent(peer, p -> newTip());
    long now = time.nanoTime();
    if (now - tip.windowStart >= config.announcementWindow().toNanos()) {
      tip.windowStart = now;
      tip.announcements = 0;
      tip.reportedThisWindow = false;
    }
    tip.announcements++;
    if (tip.announcements > config.maxAnnouncements()) {
      if (!tip.reportedThisWindow && reporter != null) {
        tip.reportedThisWindow = true;
        reporter.reportPeer(peer, Offence.USELESS_RESPONSE, "more than " + config.maxAnnouncements()
            + " block announcements within " + config.announcementWindow().toSeconds() + " s");
      }
      return; // a flooding peer's claims do not move the estimate until its window passes
    }
    tip.height = announcement.number();
  }

  private PeerTip newTip() {
    PeerTip t = new PeerTip();
    t.windowStart = time.nanoTime();
    t.height = -1;
    return t;
  }
}
