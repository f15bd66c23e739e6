/**
 * JMH kernels of the per-header work: RLP decode, Keccak-256 and full rule validation, over
 * real mainnet headers and a synthetic Prague chain. {@link io.headersync.bench.jmh.KernelSummary}
 * runs them all and prints each beside one Keccak-256 of the same header bytes, the machine's
 * own yardstick for "how much does this cost per header".
 *
 * <p>Benchmarks measure and print; they never assert timings. Reads the shared data folder,
 * writes nothing.
 */
package io.headersync.bench.jmh;
