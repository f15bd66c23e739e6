/**
 * A deterministic simulated network for testing sync code: a virtual clock and event loop
 * ({@link io.headersync.testkit.sim.VirtualScheduler}, which implements sync's {@code
 * TaskScheduler}), peers ({@link io.headersync.testkit.sim.SimulatedPeer}, which implement sync's
 * {@code PeerHandle}) with latency, bandwidth and the serve limits of real clients, and
 * behaviours ({@link io.headersync.testkit.sim.PeerBehaviour}) from honest to adversarial that
 * compose.
 *
 * <p>Design: everything runs on one thread inside the virtual scheduler's events, ordered by
 * time then by scheduling order; every random choice comes from a stream derived from the
 * network's seed, one stream per peer. A run is therefore a function of its seed, and its {@link
 * io.headersync.testkit.sim.EventTrace} digest proves it. {@link io.headersync.testkit.sim.Seeds}
 * runs a scenario over many seeds and names the one that failed. Time jumps from event to event,
 * so minutes of network time cost milliseconds. A peer that floods announcements keeps the loop
 * busy for ever: drive such runs with {@code runFor} or {@code runUntil}, not {@code runUntilIdle}.
 *
 * <p>Test support only. Uses sync's client API and testkit chains; never the production wiring.
 */
package io.headersync.testkit.sim;
