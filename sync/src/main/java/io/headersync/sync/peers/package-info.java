/**
 * Peer scheduling: which peer gets which request, when a request has waited long enough, and what
 * an answer costs or earns its peer.
 *
 * <p>{@link io.headersync.sync.peers.RequestScheduler} implements the clients of {@code
 * sync.api} over the peers a transport reports. Its parts, each testable alone: {@link
 * io.headersync.sync.peers.RttEstimator} (adaptive time-out per peer, RFC 6298 style, clamped),
 * {@link io.headersync.sync.peers.PeerReputation} (costs per offence, capped rewards, bans with
 * expiry), {@link io.headersync.sync.peers.PeerAccessList} (operator's allowed and blocked peers),
 * {@link io.headersync.sync.peers.HeadersResponseCheck} (does the answer answer the question).
 * Every default lives, with its reason, in {@link io.headersync.sync.peers.SchedulerConfig} and
 * {@link io.headersync.sync.peers.ReputationConfig}.
 *
 * <p>Design notes. The scheduler is a single-threaded state machine on the sync event loop: peer
 * events, answers, time-outs and submissions are all events; it never blocks and never reads the
 * system clock. Choices never depend on iteration order of hash maps (ties end on the peer id), so
 * a simulation with the same seed makes the same choices. An answer is handed to its owner only
 * once it answers the question asked; whether it fits the chain is the owner's check, reported
 * back through {@code reportPeer}. Retries keep the request's place in the queue (priority, then
 * age), so a retried request is not overtaken by newer work of the same priority.
 *
 * <p>May use {@code sync.api}, {@code sync.time} and core types; knows nothing of transports,
 * storage or download strategies.
 */
package io.headersync.sync.peers;
