/**
 * The network facade: {@link io.headersync.p2p.node.P2pNetwork} starts one node's RLPx transport,
 * eth protocol, store-backed server, peer set and (optionally) discv4 from one
 * {@link io.headersync.p2p.node.P2pConfig}, and gives back its enode URL, its peer set, a byte
 * counter and a way to announce new heads.
 *
 * <p>Only wiring lives here: no protocol logic, no download decisions. It never writes the store.
 */
package io.headersync.p2p.node;
