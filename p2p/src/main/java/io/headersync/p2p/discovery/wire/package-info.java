/**
 * The discv4 wire format: the six packet types as records, the endpoint and neighbour shapes they
 * carry, and {@link io.headersync.p2p.discovery.wire.PacketCodec}, which signs packets on the way
 * out and on the way in checks size, hash and signature, recovers the sender and decodes the RLP
 * payload, tolerating extra list elements and trailing data as EIP-8 requires.
 *
 * <p>Everything a datagram can get wrong ends in a
 * {@link io.headersync.p2p.discovery.wire.PacketException} with a typed reason; no other exception
 * leaves the decoder, and nothing is allocated from a length the datagram claims before that
 * length is checked against the 1280-byte cap.
 *
 * <p>Must not know about sockets, the routing table or timing (expiry is judged by the caller,
 * who owns the clock).
 */
package io.headersync.p2p.discovery.wire;
