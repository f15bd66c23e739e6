/**
 * The ethash light-verification benchmark: {@link io.headersync.bench.ethash.EthashBench}
 * prints verifications per second and cache build time beside those of a C implementation
 * measured in the same run. Reads the shared data folder; writes nothing.
 */
package io.headersync.bench.ethash;
