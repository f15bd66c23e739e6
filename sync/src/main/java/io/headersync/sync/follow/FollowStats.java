package io.headersync.sync.follow;

/**
 * What a {@link TipFollower} did, for a test or a metrics endpoint.
 *
 * @param headsAdopted canonical writes that extended the chain or reorganised it
 * @param blocksAdded blocks made canonical
 * @param reorgs writes that replaced canonical blocks
 * @param deepestReorg the most canonical blocks one reorganisation replaced
 * @param invalidBlocks blocks found breaking a header rule (with their descendants)
 * @param peerReports reports made against peers (invalid blocks announced, false total difficulty)
 * @param handbacks times the chain was handed back to a header sync
 * @param announcementsIgnored announcements of heads too old, too far ahead or beyond the pursuit limit
 * @param downloadFailures blocks or ranges the downloader gave up on
 * @param sideHeaders validated non-canonical headers held now
 * @param peakSideHeaders the most held at once
 * @param sideHeaderLimit the configured bound
 * @param peakOrphans the most blocks held waiting for their parent
 * @param orphanLimit the configured bound
 */
public record FollowStats(
    long headsAdopted,
    long blocksAdded,
    long reorgs,
    int deepestReorg,
    long invalidBlocks,
    long peerReports,
    long handbacks,
    long announcementsIgnored,
    long downloadFailures,
    int sideHeaders,
    int peakSideHeaders,
    int sideHeaderLimit,
    int peakOrphans,
    int orphanLimit) {

  /** Whether the memory bounds held. */
  public boolean limitsHeld() {
    return peakSideHeaders <= sideHeaderLimit && peakOrphans <= orphanLimit;
  }
}
