/**
 * The discv4 routing table and the endpoint-proof book: 256 Kademlia buckets by log-distance of
 * keccak256(node id), sixteen entries each ordered least-recently seen first, a replacement list per
 * bucket, and {@link io.headersync.p2p.discovery.table.Bonds}, which remembers when each node last
 * answered a ping (the endpoint proof that FindNode and ENRRequest answers require).
 *
 * <p>Plain single-threaded data structures; time comes in as arguments. Must not know about
 * packets or sockets: the caller decides whom to ping and what a timeout means.
 */
package io.headersync.p2p.discovery.table;
