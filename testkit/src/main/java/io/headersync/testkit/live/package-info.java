/**
 * A live chain for simulations: {@link io.headersync.testkit.live.LiveChainProducer} grows a chain
 * on the virtual clock (a block per block time), reorganises it at chosen blocks to a chosen depth,
 * and has simulated peers announce each new head after their own delays; liars announce branches
 * of their own (lighter, or breaking a header rule). {@link io.headersync.testkit.live.ChainView}
 * is a chain cut at a head (what a peer has heard of), {@link io.headersync.testkit.live.BranchChain}
 * a branch of explicit headers (for blocks no recipe makes).
 *
 * <p>Builds on {@code testkit.chain} and {@code testkit.sim}; knows nothing of how the chain is
 * followed, so any follower can be tested against it.
 */
package io.headersync.testkit.live;
