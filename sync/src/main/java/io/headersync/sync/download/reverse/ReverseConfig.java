package io.headersync.sync.download.reverse;

import io.headersync.sync.download.RequestConcurrency;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link ReverseHeaderDownloader} and of the headers stage that consumes it.
 *
 * @param requestLimit headers asked for in one request. Default 1024: the most that geth, reth
 *     and most other clients serve in one GetBlockHeaders answer, so asking for more only earns
 *     partial answers, and asking for less multiplies round trips (a 1024-header answer is about
 *     600 KB, comfortably under devp2p's 10 MB message limit).
 * @param minConcurrentRequests requests kept in flight even with very few peers. Default 4: with
 *     one or two peers a single request at a time would leave the link idle for a whole round
 *     trip between answers; four keeps it busy while the scheduler still spreads them.
 * @param maxConcurrentRequests the most requests in flight, however many peers there are. Default
 *     64: with 1024-header answers that is 64 K headers (about 40 MB) on the wire at once, which
 *     no realistic link needs more of, and it matches the default buffer so the buffer, not the
 *     request count, is what bounds memory.
 * @param requestsPerPeer how concurrency scales with usable peers: concurrent requests =
 *     clamp(peers × this, min, max). Default 2, the request scheduler's default in-flight limit per
 *     peer, so every usable peer has work queued behind the answer it is sending.
 * @param maxBufferedHeaders headers held at once: requested and in flight, received and waiting
 *     for a higher range to arrive, and validated but not yet handed to the stage. Default 65,536
 *     (64 full answers): a decoded post-merge header costs about 1 KB of heap, so about 64 MB at
 *     most, while leaving room for one slow range at the top not to stall 63 answers below it.
 *     Must be at least {@code requestLimit}.
 * @param maxBatchHeaders headers handed out in one {@code BatchReady}. Default 1024: one answer's
 *     worth, so validated headers leave the buffer as soon as the stage polls.
 * @param commitThreshold headers the headers stage gathers before one atomic write. Default
 *     10,000: a write of about 6 MB, large enough that per-write overhead vanishes and small enough
 *     that a crash loses at most a few seconds of download.
 * @param maxUnwindStep the largest step below the local head when the downloaded chain does not
 *     attach to it. The step starts at 1 and doubles (1, 2, 4 …) up to this. Default 128: twice the
 *     post-merge finality depth (64 slots), so any honest reorg is found within a few doublings and
 *     at most twice the needed blocks are unwound; deeper divergence still converges, 128 blocks a
 *     step.
 * @param failureRetryDelay how long a range whose request failed (every retry spent, no suitable
 *     peer) waits before it is asked again. Default 1 s: the scheduler has already tried several
 *     peers or waited for one, so an immediate resubmission would only spin.
 */
public record ReverseConfig(
    int requestLimit,
    int minConcurrentRequests,
    int maxConcurrentRequests,
    int requestsPerPeer,
    int maxBufferedHeaders,
    int maxBatchHeaders,
    int commitThreshold,
    int maxUnwindStep,
    Duration failureRetryDelay) {

  public static final ReverseConfig DEFAULT =
      new ReverseConfig(1024, 4, 64, 2, 65_536, 1024, 10_000, 128, Duration.ofSeconds(1));

  public ReverseConfig {
    Objects.requireNonNull(failureRetryDelay, "failureRetryDelay");
    if (requestLimit < 1 || minConcurrentRequests < 1 || requestsPerPeer < 1 || maxBatchHeaders < 1
        || commitThreshold < 1 || maxUnwindStep < 1) {
      throw new IllegalArgumentException("requestLimit, minConcurrentRequests, requestsPerPeer, maxBatchHeaders,"
          + " commitThreshold and maxUnwindStep must be positive");
    }
    if (maxConcurrentRequests < minConcurrentRequests) {
      throw new IllegalArgumentException("maxConcurrentRequests " + maxConcurrentRequests
          + " is below minConcurrentRequests " + minConcurrentRequests);
    }
    if (maxBufferedHeaders < requestLimit) {
      throw new IllegalArgumentException("maxBufferedHeaders " + maxBufferedHeaders
          + " must hold at least one full request of " + requestLimit + " headers");
    }
    if (failureRetryDelay.isNegative()) {
      throw new IllegalArgumentException("failureRetryDelay must not be negative");
    }
  }

  /** Concurrent requests for {@code usablePeers} peers: clamp(peers × requestsPerPeer, min, max). */
  public int concurrencyFor(int usablePeers) {
    return RequestConcurrency.forPeers(usablePeers, requestsPerPeer, minConcurrentRequests, maxConcurrentRequests);
  }

  public ReverseConfig withRequestLimit(int value) {
    return new ReverseConfig(value, minConcurrentRequests, maxConcurrentRequests, requestsPerPeer, maxBufferedHeaders,
        maxBatchHeaders, commitThreshold, maxUnwindStep, failureRetryDelay);
  }

  public ReverseConfig withConcurrency(int min, int max) {
    return new ReverseConfig(requestLimit, min, max, requestsPerPeer, maxBufferedHeaders, maxBatchHeaders, commitThreshold,
        maxUnwindStep, failureRetryDelay);
  }

  public ReverseConfig withMaxBufferedHeaders(int value) {
    return new ReverseConfig(requestLimit, minConcurrentRequests, maxConcurrentRequests, requestsPerPeer, value,
        maxBatchHeaders, commitThreshold, maxUnwindStep, failureRetryDelay);
  }

  public ReverseConfig withMaxBatchHeaders(int value) {
    return new ReverseConfig(requestLimit, minConcurrentRequests, maxConcurrentRequests, requestsPerPeer, maxBufferedHeaders,
        value, commitThreshold, maxUnwindStep, failureRetryDelay);
  }

  public ReverseConfig withCommitThreshold(int value) {
    return new ReverseConfig(requestLimit, minConcurrentRequests, maxConcurrentRequests, requestsPerPeer, maxBufferedHeaders,
        maxBatchHeaders, value, maxUnwindStep, failureRetryDelay);
  }

  public ReverseConfig withMaxUnwindStep(int value) {
    return new ReverseConfig(requestLimit, minConcurrentRequests, maxConcurrentRequests, requestsPerPeer, maxBufferedHeaders,
        maxBatchHeaders, commitThreshold, value, failureRetryDelay);
  }
}
