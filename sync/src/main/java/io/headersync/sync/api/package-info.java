/**
 * The client side of sync: what a download strategy asks ({@link
 * io.headersync.sync.api.HeadersClient}, {@link io.headersync.sync.api.BodiesClient}) and what a
 * transport provides for each peer ({@link io.headersync.sync.api.PeerHandle}, events through
 * {@link io.headersync.sync.api.PeerSetListener}).
 *
 * <p>Design: everything is an event on one loop ({@link io.headersync.sync.time.TaskScheduler}).
 * A request goes out and its answer comes back later through a listener, never as a blocking
 * call, so a strategy is a single-threaded state machine: events in (answers, failures, time),
 * requests out. Every answer names the peer that gave it ({@link
 * io.headersync.sync.api.PeerResponse}), so a strategy that finds it wrong can report that peer
 * ({@link io.headersync.sync.api.PeerReporter}). A future-based adapter ({@link
 * io.headersync.sync.api.FutureClients}) exists for callers off the loop.
 *
 * <p>May depend on core types only; knows nothing of sockets, RLPx, storage or strategies. The
 * p2p module implements {@code PeerHandle} over eth/68 and eth/69; the testkit implements it over
 * a simulated network.
 */
package io.headersync.sync.api;
