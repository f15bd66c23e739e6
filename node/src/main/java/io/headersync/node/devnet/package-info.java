/**
 * {@code headersync devnet}: a local network on loopback to sync from, with no internet.
 * {@link io.headersync.node.devnet.DevnetChain} makes a mainnet-shaped post-merge chain from a
 * seed; {@link io.headersync.node.devnet.ServerStore} holds it once for every server;
 * {@link io.headersync.node.devnet.DevnetServers} runs N devp2p nodes serving it;
 * {@link io.headersync.node.devnet.BlockProducer} grows it with live blocks and reorgs;
 * {@link io.headersync.node.devnet.SyncingNode}, the same {@code node.wiring.NodeRuntime} as
 * {@code headersync sync}, syncs and follows it over real RLPx;
 * {@link io.headersync.node.devnet.Devnet} runs the whole and
 * {@link io.headersync.node.devnet.FollowTracker} judges what was followed and how fast.
 *
 * <p>The servers' chain is written only by the producer; the syncing node's store only by its own
 * sync. Nothing here speaks a protocol itself: the servers are {@code p2p.node} networks and the
 * syncing node a {@code node.wiring} runtime; this package only makes the chain, grows it and
 * judges what was followed.
 */
package io.headersync.node.devnet;
