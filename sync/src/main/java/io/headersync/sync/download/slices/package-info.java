/**
 * The slice download strategy ({@link io.headersync.sync.download.slices.SliceHeaderDownloader}):
 * headers downloaded upward in slices of 192 inside a memory-bounded sliding window, each slice in
 * a {@link io.headersync.sync.download.slices.SliceState} that the pipeline's stages move along
 * (request, answer, internal check, chain check, hand-out, window advance); three phases that
 * differ in what vouches for a slice (shipped checkpoint hashes, the slice above, the target);
 * disputes between neighbours settled by who turns out right; a fork probe that walks the
 * target's branch down to the local chain and weighs it; the tip estimated from peers' claims
 * ({@link io.headersync.sync.download.slices.TipEstimator}), never from the highest one.
 *
 * <p>May use the download contract, the client API, consensus rules, core checkpoints and the
 * store's read interface (through {@link io.headersync.sync.download.slices.LocalChain}); never
 * writes the store, never touches sockets or RLPx, and reads time only from the loop's clock.
 */
package io.headersync.sync.download.slices;
