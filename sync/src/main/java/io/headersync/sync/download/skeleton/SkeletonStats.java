package io.headersync.sync.download.skeleton;

/**
 * What the skeleton downloader holds and has done, beyond {@link io.headersync.sync.download.DownloaderStats}
 * (which counts pending links as its buffered headers): anchors and persisted links with their
 * peaks and limits, evictions, and how segments fitted in.
 *
 * @param anchors anchors waiting now
 * @param peakAnchors the most anchors ever waiting at once
 * @param anchorLimit the configured limit on anchors
 * @param persistedLinks links of the local chain kept in memory now
 * @param peakPersistedLinks the most persisted links ever kept at once
 * @param persistedLinkLimit the configured limit on persisted links
 * @param pendingLinksEvicted pending links evicted (highest first) to make room
 * @param persistedLinksEvicted persisted links evicted (lowest first)
 * @param anchorsInvalidated anchors given up after too many failed extensions (their suppliers reported)
 * @param anchorsAbandoned anchors dropped, unblamed, after their extensions were answered but
 *     never extended them
 * @param anchorsRefused new anchors not made because the anchor limit was reached
 * @param connected segments that joined a link below and an anchor above
 * @param extendedDown segments that extended an anchor downwards
 * @param extendedUp segments that extended a link upwards
 * @param newAnchors segments that made a new anchor
 * @param segmentsRejected segments (or anchored links) dropped for breaking a rule
 * @param skeletonRequests skeleton requests sent
 * @param extensionRequests anchor extension requests sent
 * @param targetRequests requests for the target's header sent
 * @param unwindsRequested unwinds asked of the stage
 * @param sideBranchPeersReported peers reported, when the target was reached, for answers that
 *     brought headers off the chain to it
 */
public record SkeletonStats(
    int anchors,
    long peakAnchors,
    int anchorLimit,
    int persistedLinks,
    long peakPersistedLinks,
    int persistedLinkLimit,
    long pendingLinksEvicted,
    long persistedLinksEvicted,
    long anchorsInvalidated,
    long anchorsAbandoned,
    long anchorsRefused,
    long connected,
    long extendedDown,
    long extendedUp,
    long newAnchors,
    long segmentsRejected,
    long skeletonRequests,
    long extensionRequests,
    long targetRequests,
    long unwindsRequested,
    long sideBranchPeersReported) {}
