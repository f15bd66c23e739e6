/**
 * Chain specifications: the fork schedule (blocks, times, terminal total difficulty), the blob
 * schedule, the seal engine, the genesis header, bootnodes; presets for the public networks and
 * any chain given as a geth-style {@code genesis.json}; fork ids (EIP-2124) and the filter that
 * judges a peer's fork id.
 *
 * <p>Presets are data, not code: JSON resources beside this package (format in
 * {@link io.headersync.core.chain.ChainSpecs}), each checked against its declared genesis hash
 * when loaded. A genesis allocation is turned into a state root with the hand-written trie of
 * {@code core.trie}; fork-id checksums use the JDK's CRC32.
 *
 * <p>Knows nothing of validation rules, networks or storage: the p2p layer applies
 * {@link io.headersync.core.chain.ForkIdFilter}'s verdicts, the consensus layer reads the
 * schedule.
 */
package io.headersync.core.chain;
