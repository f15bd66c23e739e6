package io.headersync.sync.tip;

/**
 * Counters of a {@link TipTracker}.
 *
 * @param trackedPeers peers whose heads are kept now
 * @param announcementsAccepted announcements and chain-state updates taken into account
 * @param announcementsDropped those over a peer's rate limit, dropped
 * @param announcementsIgnored those from peers not tracked (not connected, or over the peer bound)
 * @param floodReports reports sent against flooding peers
 * @param peersRefused peers not tracked because the bound was reached
 * @param targetChanges times the target changed
 * @param resolveFailures times the trusted target's header could not be fetched
 */
public record TipTrackerStats(
    int trackedPeers,
    long announcementsAccepted,
    long announcementsDropped,
    long announcementsIgnored,
    long floodReports,
    long peersRefused,
    long targetChanges,
    long resolveFailures) {}
