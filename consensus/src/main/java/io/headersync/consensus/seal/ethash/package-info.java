/**
 * Ethash light verification: per-epoch sizes and seeds ({@link io.headersync.consensus.seal.ethash.EthashParams}),
 * the verification cache ({@link io.headersync.consensus.seal.ethash.EthashCache}) kept for a
 * few epochs ({@link io.headersync.consensus.seal.ethash.EthashCaches}), and hashimoto over
 * dataset items computed from the cache on demand.
 *
 * <p>Hand-written rather than taken from a library: no maintained Java ethash exists among the
 * allowed dependencies, and this is the hottest loop of a pre-merge sync (a few milliseconds
 * per header, bound by memory latency), so it works on {@code int} words in place, allocates
 * nothing per dataset item and replaces its 32,768 divisions per header by multiplications.
 * Keccak itself is Bouncy Castle's.
 *
 * <p>Knows headers and hashes only: no networks, no storage, no threads of its own.
 */
package io.headersync.consensus.seal.ethash;
