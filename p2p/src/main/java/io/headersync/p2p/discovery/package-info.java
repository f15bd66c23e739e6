/**
 * discv4 node discovery: {@link io.headersync.p2p.discovery.DiscoveryService} binds a UDP port
 * with Netty, answers Ping, FindNode and ENRRequest (the last two only from endpoints that proved
 * themselves with a Pong in the last 12 hours), keeps the Kademlia table alive with liveness
 * pings, runs periodic lookups towards random targets, and hands the nodes it learns to whoever
 * dials peers ({@link io.headersync.p2p.discovery.DiscoveryService#nodes()} or a
 * {@link io.headersync.p2p.discovery.DiscoveryListener}).
 *
 * <p>The protocol logic ({@code DiscoveryProtocol}, {@code Lookup}) is a single-threaded state
 * machine driven by datagrams and timers on one {@link io.headersync.sync.time.TaskScheduler}, with
 * the wall clock (for packet expiry) and randomness injected, so tests run it on virtual time
 * without sockets. Sub-packages: {@code wire} (packet codec), {@code enr} (node records),
 * {@code table} (routing table and endpoint proofs).
 *
 * <p>Must not know about RLPx sessions or eth: discovery only finds candidates to dial (it reads
 * bootnode URLs with {@code rlpx.Enode}, the one type it shares with RLPx).
 */
package io.headersync.p2p.discovery;
