package io.headersync.sync.download.skeleton;

import io.headersync.sync.download.RequestConcurrency;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link SkeletonHeaderDownloader}. With the defaults a full sync holds at most
 * 65,536 pending links (about 60 MB: a post-merge header is about 600 bytes encoded, plus its
 * decoded form and the link's bookkeeping) and 4,096 persisted ones, whatever the chain's length.
 *
 * @param skeletonStride blocks between two headers of a skeleton request ({@code skip = stride -
 *     1}). Default 960: the same as {@code anchorExtensionSize}, so one extension of an anchor
 *     reaches exactly down to the skeleton header below it and the two join.
 * @param skeletonMaxHeaders the most headers one skeleton request asks for (fewer when the link
 *     limit has no room for their extensions). Default 192: one answer of about 115 KB maps
 *     184,320 blocks, and each header becomes one anchor, which stays well under {@code anchorLimit}.
 * @param maxAnchorsForSkeleton a skeleton request is sent only while fewer anchors than this
 *     wait. Default 64: twice {@code maxInFlightRequests}, so the next skeleton arrives while the
 *     anchors already known still give every request slot an extension to work on; with more,
 *     another skeleton would only add anchors the link limit cannot hold the chains of.
 * @param anchorExtensionSize headers asked for below an anchor, walking down from the hash it
 *     waits for. Default 960: a full gap between skeleton headers in one answer of about 580 KB,
 *     within the 1,024 headers common clients serve at once. Answers of 192 left each peer's link
 *     idle for a round trip every 192 headers (with two requests per peer, 100 ms and 2 MB/s,
 *     about three quarters of its rate at best); 960 keep it busy.
 * @param anchorRetryInterval how long an anchor whose extension failed waits before it is asked
 *     for again. Default 5 s: the request scheduler has already retried on other peers, so asking
 *     again at once would meet the same peers; a few seconds lets peers come and go.
 * @param anchorInvalidationFailures failed extensions (each already retried by the scheduler on
 *     several peers) after which an anchor is dropped with its links and the peer that supplied it
 *     is reported. Default 5: a real anchor's parent is served by every honest peer, so five
 *     rounds of nobody serving it mean the anchor was made up or comes from an abandoned fork.
 * @param anchorLimit the most anchors kept; headers that would make another are dropped (and asked
 *     for again later). Default 512: more than two full skeletons, and each anchor costs only a
 *     few hundred bytes beyond its links.
 * @param linkLimit the most links not yet handed out (pending). When a new segment would exceed
 *     it, the highest pending links are evicted first (they are the furthest from being handed
 *     out, and the highest is always a leaf). Default 65,536: about 68 extensions' worth, twice
 *     what the request limit keeps in flight, at about 60 MB.
 * @param persistedLinkLimit the most links kept of the chain already handed out (or read from the
 *     store), so that a fork near the head attaches without a store read. Evicted lowest first;
 *     the number, hash and total difficulty of twice as many evicted ones are remembered, so a
 *     fork can still attach below headers the stage has not written yet (keep the stage's commit
 *     threshold below this limit). Default 4,096: far deeper than any proof-of-work
 *     reorganisation seen on mainnet, and above the stages' commit thresholds.
 * @param minInFlightRequests requests kept outstanding however few peers there are. Default 4: with
 *     one or two peers a single request at a time would leave each link idle for a round trip
 *     between answers.
 * @param maxInFlightRequests the most requests of this downloader outstanding at once, however many
 *     peers there are. Default 64: 61,440 headers of extensions, just under the link limit, which
 *     (through the room check every extension passes) is what really bounds them.
 * @param requestsPerPeer how the requests outstanding scale with usable peers: clamp(peers × this,
 *     min, max). Default 2, the request scheduler's in-flight limit per peer, so every peer has the
 *     next answer queued behind the one it is sending: with one request each, a peer 100 ms away
 *     at 2 MB/s idles for a round trip after every 960-header answer (measured 0.81 of the
 *     network's bound with 32 requests for 20 peers, 0.96 with 40).
 * @param maxBatchSize the most headers in one {@code BatchReady}. Default 4,096, the persisted link
 *     limit: every hand-out walks the connected links once to pick the best header, so with tens
 *     of thousands connected a batch of 1,024 cost that walk every 1,024 headers (a quarter of
 *     the sync's CPU at zero latency); 4,096 pays it four times less often, still fits the
 *     persisted links in memory, and is well under the stage's commit threshold.
 * @param skeletonRepeatInterval least time between two skeleton requests from the same local
 *     head. Default 10 s: a repeat only helps when anchors were lost (invalidated, evicted), which
 *     is rare, while each costs a request.
 * @param targetRetryInterval how long to wait before asking again for the target's header when
 *     the last attempt failed. Default 2 s: the target is what the whole download hangs from.
 * @param maxForkDepth how far below the local head a side chain may attach, reading its parent and
 *     total difficulty from the store. Default 4,096, the same as {@code persistedLinkLimit}:
 *     deeper forks are treated as unrelated chains.
 * @param tipReorgDepth when the target is reached, a peer that sent headers off the chain to it
 *     only within this many blocks of the target is reported as useless (it may simply have been
 *     on the old tip of a reorganisation); one whose off-chain headers lie deeper is reported for
 *     wrong data (no honest peer serves a branch that old). Default 64: two post-merge epochs,
 *     deeper than any reorganisation either proof of work or proof of stake has seen on mainnet.
 * @param blameLedgerLimit how many runs of headers (one entry per run an answer brought) are
 *     remembered with their sender until the target is reached and off-chain answers can be
 *     blamed. Default 131,072 (about 13 MB): one entry per 192-header answer covers 25 million
 *     blocks; past the limit the oldest are forgotten, which only costs the chance to blame.
 */
public record SkeletonConfig(
    int skeletonStride,
    int skeletonMaxHeaders,
    int maxAnchorsForSkeleton,
    int anchorExtensionSize,
    Duration anchorRetryInterval,
    int anchorInvalidationFailures,
    int anchorLimit,
    int linkLimit,
    int persistedLinkLimit,
    int minInFlightRequests,
    int maxInFlightRequests,
    int requestsPerPeer,
    int maxBatchSize,
    Duration skeletonRepeatInterval,
    Duration targetRetryInterval,
    int maxForkDepth,
    int tipReorgDepth,
    int blameLedgerLimit) {

  public static final SkeletonConfig DEFAULT = new SkeletonConfig(
      960, 192, 64, 960, Duration.ofSeconds(5), 5, 512, 65_536, 4_096, 4, 64, 2, 4_096, Duration.ofSeconds(10),
      Duration.ofSeconds(2), 4_096, 64, 131_072);

  public SkeletonConfig {
    Objects.requireNonNull(anchorRetryInterval, "anchorRetryInterval");
    Objects.requireNonNull(skeletonRepeatInterval, "skeletonRepeatInterval");
    Objects.requireNonNull(targetRetryInterval, "targetRetryInterval");
    if (skeletonStride < 1 || skeletonMaxHeaders < 1 || maxAnchorsForSkeleton < 0 || anchorExtensionSize < 1
        || anchorInvalidationFailures < 1 || anchorLimit < 1 || persistedLinkLimit < 1 || minInFlightRequests < 1
        || requestsPerPeer < 1
        || maxBatchSize < 1 || maxForkDepth < 0 || tipReorgDepth < 0 || blameLedgerLimit < 0) {
      throw new IllegalArgumentException(
          "sizes, limits and counts must be positive (maxAnchorsForSkeleton, maxForkDepth, tipReorgDepth, blameLedgerLimit: not negative)");
    }
    if (maxInFlightRequests < minInFlightRequests) {
      throw new IllegalArgumentException("maxInFlightRequests " + maxInFlightRequests + " is below minInFlightRequests "
          + minInFlightRequests);
    }
    if (linkLimit < anchorExtensionSize) {
      throw new IllegalArgumentException("linkLimit " + linkLimit + " cannot hold one anchor extension of " + anchorExtensionSize);
    }
    if (anchorRetryInterval.isNegative() || skeletonRepeatInterval.isNegative() || targetRetryInterval.isNegative()) {
      throw new IllegalArgumentException("intervals must not be negative");
    }
  }

  public SkeletonConfig withLinkLimit(int value) {
    return new SkeletonConfig(skeletonStride, skeletonMaxHeaders, maxAnchorsForSkeleton, anchorExtensionSize,
        anchorRetryInterval, anchorInvalidationFailures, anchorLimit, value, persistedLinkLimit, minInFlightRequests,
        maxInFlightRequests, requestsPerPeer, maxBatchSize, skeletonRepeatInterval, targetRetryInterval,
        maxForkDepth, tipReorgDepth, blameLedgerLimit);
  }

  public SkeletonConfig withPersistedLinkLimit(int value) {
    return new SkeletonConfig(skeletonStride, skeletonMaxHeaders, maxAnchorsForSkeleton, anchorExtensionSize,
        anchorRetryInterval, anchorInvalidationFailures, anchorLimit, linkLimit, value, minInFlightRequests,
        maxInFlightRequests, requestsPerPeer, maxBatchSize, skeletonRepeatInterval, targetRetryInterval,
        maxForkDepth, tipReorgDepth, blameLedgerLimit);
  }

  /** The same settings with skeleton stride and anchor extension size both {@code value}. */
  public SkeletonConfig withStride(int value) {
    return new SkeletonConfig(value, skeletonMaxHeaders, maxAnchorsForSkeleton, value, anchorRetryInterval,
        anchorInvalidationFailures, anchorLimit, linkLimit, persistedLinkLimit, minInFlightRequests,
        maxInFlightRequests, requestsPerPeer, maxBatchSize, skeletonRepeatInterval, targetRetryInterval,
        maxForkDepth, tipReorgDepth, blameLedgerLimit);
  }

  public SkeletonConfig withAnchorInvalidationFailures(int value) {
    return new SkeletonConfig(skeletonStride, skeletonMaxHeaders, maxAnchorsForSkeleton, anchorExtensionSize,
        anchorRetryInterval, value, anchorLimit, linkLimit, persistedLinkLimit, minInFlightRequests,
        maxInFlightRequests, requestsPerPeer, maxBatchSize, skeletonRepeatInterval, targetRetryInterval,
        maxForkDepth, tipReorgDepth, blameLedgerLimit);
  }

  public SkeletonConfig withMaxAnchorsForSkeleton(int value) {
    return new SkeletonConfig(skeletonStride, skeletonMaxHeaders, value, anchorExtensionSize, anchorRetryInterval,
        anchorInvalidationFailures, anchorLimit, linkLimit, persistedLinkLimit, minInFlightRequests,
        maxInFlightRequests, requestsPerPeer, maxBatchSize, skeletonRepeatInterval, targetRetryInterval,
        maxForkDepth, tipReorgDepth, blameLedgerLimit);
  }

  public SkeletonConfig withMaxBatchSize(int value) {
    return new SkeletonConfig(skeletonStride, skeletonMaxHeaders, maxAnchorsForSkeleton, anchorExtensionSize,
        anchorRetryInterval, anchorInvalidationFailures, anchorLimit, linkLimit, persistedLinkLimit,
        minInFlightRequests, maxInFlightRequests, requestsPerPeer, value, skeletonRepeatInterval,
        targetRetryInterval, maxForkDepth, tipReorgDepth, blameLedgerLimit);
  }

  /** The same settings with at most {@code value} requests outstanding (and at least as few as that). */
  public SkeletonConfig withMaxInFlightRequests(int value) {
    return new SkeletonConfig(skeletonStride, skeletonMaxHeaders, maxAnchorsForSkeleton, anchorExtensionSize,
        anchorRetryInterval, anchorInvalidationFailures, anchorLimit, linkLimit, persistedLinkLimit,
        Math.min(minInFlightRequests, value), value, requestsPerPeer, maxBatchSize, skeletonRepeatInterval,
        targetRetryInterval, maxForkDepth, tipReorgDepth, blameLedgerLimit);
  }

  /** Requests outstanding at once for {@code usablePeers} peers: clamp(peers × requestsPerPeer, min, max). */
  public int concurrencyFor(int usablePeers) {
    return RequestConcurrency.forPeers(usablePeers, requestsPerPeer, minInFlightRequests, maxInFlightRequests);
  }
}
