package io.headersync.node.metrics;

import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.peers.CountersSnapshot;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The sync's figures at one moment, read on its event loop (see {@link SyncProbe}) and then safe
 * to read from any thread.
 *
 * @param counters the request scheduler's counters
 * @param inFlightRequests requests sent and not yet answered
 * @param queuedRequests requests waiting for a peer
 * @param peers connected peers by state (every state present, zero when none)
 * @param leg a number that changes whenever a new downloader (a new sync leg) starts, so per-leg
 *     figures can be summed into counters
 * @param downloader the current leg's downloader figures, empty between legs
 * @param bestKnownTip the best chain tip known, empty before one is known
 */
public record SyncSample(
    CountersSnapshot counters,
    int inFlightRequests,
    int queuedRequests,
    Map<PeerState, Integer> peers,
    long leg,
    Optional<DownloaderStats> downloader,
    OptionalLong bestKnownTip) {

  public SyncSample {
    Objects.requireNonNull(counters, "counters");
    EnumMap<PeerState, Integer> all = new EnumMap<>(PeerState.class);
    for (PeerState s : PeerState.values()) {
      all.put(s, peers.getOrDefault(s, 0));
    }
    peers = Collections.unmodifiableMap(all);
    Objects.requireNonNull(downloader, "downloader");
    Objects.requireNonNull(bestKnownTip, "bestKnownTip");
  }
}
