/**
 * Tip tracking: where the network's tip is and where the sync should head.
 * {@link io.headersync.sync.tip.TipTracker} listens to peers' chain states and new-block
 * announcements (as a {@code PeerSetListener}), keeps one head per peer, estimates the network's
 * tip as their median (never the maximum, which one liar could set), judges it stale when no
 * quorum of heads has advanced for a number of block times, and exposes the current
 * {@code SyncTarget}: the operator's trusted target (a hash, or a number resolved to a hash) until
 * the sync reaches it, then the estimated tip. Announcements are rate-limited per peer and
 * flooding peers are reported. Defaults live, with their reasons, in
 * {@link io.headersync.sync.tip.TipTrackerConfig}.
 *
 * <p>May use {@code sync.api}, {@code sync.time} and {@code sync.download}'s {@code SyncTarget};
 * reads time only through the injected {@code TimeSource}; knows nothing of transports, the store
 * or download strategies.
 */
package io.headersync.sync.tip;
