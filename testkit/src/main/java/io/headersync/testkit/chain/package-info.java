/**
 * Synthetic chains for tests and simulations. {@link io.headersync.testkit.chain.ChainBuilder}
 * makes mainnet-shaped post-merge chains ({@link io.headersync.testkit.chain.PostMergeRecipe}) and
 * proof-of-work chains with valid difficulty ({@link io.headersync.testkit.chain.PreMergeRecipe},
 * difficulty from the consensus module's calculator), and
 * {@link io.headersync.testkit.chain.LazyHeaderChain#fork} branches them at a chosen height, for a
 * chosen length, heavier or lighter.
 *
 * <p>Design: a chain is never held whole. Header {@code n} is made from its parent and a random
 * stream seeded by (chain seed, n), so any segment can be made again from a checkpoint; memory is
 * bounded by {@link io.headersync.testkit.chain.LazyChainConfig}, not by the chain's length, and
 * ten million headers can be walked in a few tens of MB. The same seed always gives the same
 * chain, hash for hash.
 *
 * <p>The EIP-1559 base fee is computed here by hand (a few lines) to make chains, so that the
 * consensus rule that judges them is not also the one that made them. Seals are not real: pre-merge
 * headers here fail an ethash check by design.
 *
 * <p>Test support only: production code never depends on this package.
 */
package io.headersync.testkit.chain;
