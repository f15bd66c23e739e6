/**
 * A reusable simulated sync run: {@link io.headersync.testkit.run.SimulatedSync} builds a synthetic
 * chain, a simulated network of honest and adversarial peers, a store (in memory or RocksDB) and a
 * {@code SyncController}, runs the sync on virtual time, and returns a {@link
 * io.headersync.testkit.run.SimulationResult}: rate against the network's own limit ({@link
 * io.headersync.testkit.run.BandwidthBound}), CPU, heap, penalised peers, and whether the run ended
 * on the expected chain without writing an invalid header or passing a configured limit. The
 * {@code headersync sim} command, the sync benchmarks and the crash test all run through it.
 *
 * <p>May use everything the sync uses plus the store implementations; it is never part of a
 * node's real sync path.
 */
package io.headersync.testkit.run;
