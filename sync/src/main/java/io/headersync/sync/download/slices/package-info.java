/**
 * The slice download strategy ({@link io.headersync.sync.download.slices.SliceHeaderDownloader}):
 * headers downloaded upward in slices of 192 inside a memory-bounded sliding window, each slice in
 * a {@link io.headersync.sync.download.slices.SliceState} that the pipeline's stages move along
 * (request, answer, internal check, chain check, hand-out, window advance); three phases that
 * differ in what vouches for a slice (shipped checkpoint hashes, the slice above from another
 * peer, the target); disputes between neighbours settled by who turns out right; a fork probe
 * (the fork slice set) that walks the target's branch down to the local chain and weighs it; the
 * tip estimated from peers' claims ({@link io.headersync.sync.download.slices.TipEstimator}),
 * never from the highest one.
 *
 * <p>May use the download contract, the client API, consensus rules, core checkpoints and the
 * store's read interface (through {@link io.headersync.sync.download.slices.LocalChain}); never
 * writes the store, never touches sockets or RLPx, and reads time only from the loop's clock.
 *
 * <p>Not done yet: the pre-merge historical accumulator as a source of trust. Its roots commit to
 * whole 8192-block epochs of (hash, total difficulty) pairs, so it vouches for an epoch, not a
 * slice: using it needs an epoch-sized verification unit (43 slices, about 5 MB held) and the
 * total difficulty carried from genesis. Until then, pre-merge mainnet ranges rely on shipped
 * checkpoint hashes, which the accumulator-checked era1 files can produce.
 */
package io.headersync.sync.download.slices;
