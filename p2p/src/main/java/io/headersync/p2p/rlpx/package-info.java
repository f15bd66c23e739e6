/**
 * RLPx sessions: the ECIES handshake (EIP-8, and the older format on receipt), the framed and
 * MAC'd transport, the base protocol (Hello, Disconnect, Ping, Pong), snappy compression and
 * capability negotiation, as Netty handlers.
 *
 * <p>Sub-protocols plug in through {@link io.headersync.p2p.rlpx.ProtocolFactory},
 * {@link io.headersync.p2p.rlpx.ProtocolChannel} and {@link io.headersync.p2p.rlpx.ProtocolHandler};
 * this package must not know what eth messages mean.
 */
package io.headersync.p2p.rlpx;
