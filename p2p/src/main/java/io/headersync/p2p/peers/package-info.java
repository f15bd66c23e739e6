/**
 * The peer set: which RLPx sessions a node keeps (peer limit with an inbound share, one session
 * per node id, trusted nodes exempt and never dropped by the node's own choice, allowed-only mode,
 * blocked nodes), which nodes it dials (trusted and static nodes always, discovered candidates
 * while slots are free, with back-off after failures), and the fan-out of eth peer events to the
 * sync side's listeners (request scheduler, tip tracker).
 *
 * <p>Sees sessions only through {@code p2p.rlpx}'s {@link io.headersync.p2p.rlpx.SessionListener}
 * and {@link io.headersync.p2p.rlpx.RlpxSession}, and eth peers only as {@code sync.api}
 * {@link io.headersync.sync.api.PeerHandle}s: it knows no frames and no eth messages, and never
 * decides what to download or which peer a request goes to (that is {@code sync.peers}').
 */
package io.headersync.p2p.peers;
