/**
 * Whole-sync benchmarks over the simulated network ({@code io.headersync.testkit.run.SimulatedSync}),
 * each printing its figure beside a limit measured in the same run: network efficiency against the
 * bandwidth bound, CPU cost against the foundation's import rate, and heap against a 256 MB goal.
 * Main classes run by {@code bench/scripts/sync-benchmarks.sh}; they print and never assert.
 */
package io.headersync.bench.sync;
