package io.headersync.sync.peers;

import io.headersync.sync.api.PeerId;
import java.time.Duration;
import java.util.Optional;

/**
 * How the scheduler sees one connected peer at one moment (for metrics, logs and tests).
 *
 * @param inFlight requests outstanding at the peer
 * @param score reputation score
 * @param timeout the time-out the next request to it would get
 * @param smoothedRoundTrip the smoothed round-trip, once it answered at least once
 * @param flaggedBad whether a recent bad answer keeps it at the back of the line
 */
public record PeerView(
    PeerId id, int inFlight, int score, Duration timeout, Optional<Duration> smoothedRoundTrip, boolean flaggedBad) {}
