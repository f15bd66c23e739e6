package io.headersync.sync.peers;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link RequestScheduler}.
 *
 * @param maxInFlightPerPeer requests one peer may have outstanding. Default 2: the second request
 *     travels while the first answer is being sent, so a fast peer's link never idles, and a peer
 *     that stalls holds at most two requests hostage until they time out.
 * @param maxQueuedRequests requests waiting for a peer before new ones are refused with {@code
 *     QUEUE_FULL}. Default 1024: strategies bound their own work far below this; the bound is a
 *     backstop that keeps a runaway caller from growing the heap (a queued request is a few hundred
 *     bytes).
 * @param maxRetries further attempts after the first, each on another peer where there is one.
 *     Default 3: four peers failing the same question in a row says more about the question (or
 *     the network) than about the peers, and the owner should decide what to do.
 * @param maxQueueWait how long a request may wait for a suitable peer before failing with {@code
 *     NO_SUITABLE_PEER}. Default 60 s: the owner learns that no connected peer claims the range
 *     (the target may be wrong) instead of waiting forever, yet a minute covers ordinary peer
 *     churn.
 * @param initialTimeout time-out for a peer the scheduler has not timed yet and whose transport
 *     measured nothing. Default 5 s: generous, since a 1024-header answer is about 600 KB and a
 *     new peer's link is unknown.
 * @param minTimeout lower bound of the adaptive time-out. Default 1 s: below this a GC pause or a
 *     moment of congestion at the peer causes spurious time-outs, and each costs a retry.
 * @param maxTimeout upper bound of the adaptive time-out (including back-off). Default 20 s: a
 *     peer slower than this is worth less than the time spent waiting for it.
 * @param rttVarianceFactor time-out = smoothed round-trip + this × round-trip variation (RFC 6298's
 *     estimator). Default 4, as in RFC 6298: it covers the tail of ordinary jitter.
 * @param assumedRoundTrip how fast a peer not yet timed is assumed to be when ranking peers.
 *     Default 1 s: slower than a typical peer, so measured fast peers keep their work and new peers
 *     get work as soon as the measured ones are busy.
 * @param badResponseMemory how long a bad answer (empty, wrong, timed out) keeps a peer at the back
 *     of the line. Default 30 s: long enough to route the next few requests elsewhere, short enough
 *     that a peer with a passing problem is used again.
 * @param reputation costs, rewards and bans
 */
public record SchedulerConfig(
    int maxInFlightPerPeer,
    int maxQueuedRequests,
    int maxRetries,
    Duration maxQueueWait,
    Duration initialTimeout,
    Duration minTimeout,
    Duration maxTimeout,
    int rttVarianceFactor,
    Duration assumedRoundTrip,
    Duration badResponseMemory,
    ReputationConfig reputation) {

  public static final SchedulerConfig DEFAULT = new SchedulerConfig(
      2, 1024, 3, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(20), 4,
      Duration.ofSeconds(1), Duration.ofSeconds(30), ReputationConfig.DEFAULT);

  public SchedulerConfig {
    Objects.requireNonNull(maxQueueWait, "maxQueueWait");
    Objects.requireNonNull(initialTimeout, "initialTimeout");
    Objects.requireNonNull(minTimeout, "minTimeout");
    Objects.requireNonNull(maxTimeout, "maxTimeout");
    Objects.requireNonNull(assumedRoundTrip, "assumedRoundTrip");
    Objects.requireNonNull(badResponseMemory, "badResponseMemory");
    Objects.requireNonNull(reputation, "reputation");
    if (maxInFlightPerPeer < 1 || maxQueuedRequests < 1 || maxRetries < 0 || rttVarianceFactor < 1) {
      throw new IllegalArgumentException("maxInFlightPerPeer, maxQueuedRequests and rttVarianceFactor must be positive, maxRetries not negative");
    }
    if (minTimeout.isNegative() || minTimeout.isZero() || maxTimeout.compareTo(minTimeout) < 0) {
      throw new IllegalArgumentException("need 0 < minTimeout <= maxTimeout, got " + minTimeout + " and " + maxTimeout);
    }
    if (initialTimeout.compareTo(minTimeout) < 0 || initialTimeout.compareTo(maxTimeout) > 0) {
      throw new IllegalArgumentException("initialTimeout " + initialTimeout + " must lie within [" + minTimeout + ", " + maxTimeout + "]");
    }
  }

  public SchedulerConfig withMaxInFlightPerPeer(int value) {
    return new SchedulerConfig(value, maxQueuedRequests, maxRetries, maxQueueWait, initialTimeout, minTimeout, maxTimeout,
        rttVarianceFactor, assumedRoundTrip, badResponseMemory, reputation);
  }

  public SchedulerConfig withMaxRetries(int value) {
    return new SchedulerConfig(maxInFlightPerPeer, maxQueuedRequests, value, maxQueueWait, initialTimeout, minTimeout, maxTimeout,
        rttVarianceFactor, assumedRoundTrip, badResponseMemory, reputation);
  }

  public SchedulerConfig withMaxQueuedRequests(int value) {
    return new SchedulerConfig(maxInFlightPerPeer, value, maxRetries, maxQueueWait, initialTimeout, minTimeout, maxTimeout,
        rttVarianceFactor, assumedRoundTrip, badResponseMemory, reputation);
  }

  public SchedulerConfig withReputation(ReputationConfig value) {
    return new SchedulerConfig(maxInFlightPerPeer, maxQueuedRequests, maxRetries, maxQueueWait, initialTimeout, minTimeout, maxTimeout,
        rttVarianceFactor, assumedRoundTrip, badResponseMemory, value);
  }
}
