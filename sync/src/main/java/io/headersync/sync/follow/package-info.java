/**
 * Live tip following: once the header sync has caught up, {@link io.headersync.sync.follow.TipFollower}
 * keeps the canonical chain on the network's tip. Announcements and target changes make it ask the
 * live block downloader for what is missing (a range up to a new head, a walk back by parent hash
 * for a branch that forks below the head); every header is checked against its parent by the
 * consensus rules; the chosen branch ({@link io.headersync.sync.follow.ForkChoiceRule}: most total
 * difficulty before the merge, the target's branch after it) is made canonical in one atomic store
 * write that demotes the old branch, so a crash leaves either chain whole. Listeners
 * ({@link io.headersync.sync.follow.FollowListener}) hear of new heads and reorganisations, for the
 * node's {@code newHeads} subscription; a gap or fork too large for live download is handed back
 * to a header sync ({@link io.headersync.sync.follow.SyncHandback}). Every bound and its reason is
 * in {@link io.headersync.sync.follow.FollowConfig}.
 *
 * <p>May use {@code sync.api}, {@code sync.live}, {@code sync.tip} (as a listener), {@code sync.time},
 * the stage identifiers of {@code sync.stages}, the store and the consensus rules. Knows nothing of
 * transports, sockets or the JSON-RPC layer: the same follower runs over RLPx peers and simulated
 * ones. Never blocks, never reads a wall clock.
 */
package io.headersync.sync.follow;
