/**
 * Where verified headers live: the {@link io.headersync.store.HeaderStore} interface, its
 * {@link io.headersync.store.WriteBatch} of atomic changes, stage
 * {@link io.headersync.store.Checkpoint}s, the typed {@link io.headersync.store.StoreException}
 * and the {@link io.headersync.store.StoreConsistency} checker that crash tests run after a
 * restart.
 *
 * <p>The invariants every implementation keeps: the canonical chain is one contiguous,
 * parent-linked run of numbers from its oldest entry to the head; block 0, when present, is
 * the genesis the store was created for; a batch is applied entirely or not at all, so a
 * checkpoint never runs ahead of the data it covers.
 *
 * <p>Knows nothing of networks, peers or downloading; validation of header contents belongs
 * to {@code consensus}, not here.
 */
package io.headersync.store;
