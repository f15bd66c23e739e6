/**
 * Test support other modules reuse through the store's test jar:
 * {@link io.headersync.store.testing.HeaderStoreContract}, the suite every
 * {@link io.headersync.store.HeaderStore} must pass, and
 * {@link io.headersync.store.testing.SyntheticChain}, deterministic mainnet-sized headers with
 * real parent links.
 */
package io.headersync.store.testing;
