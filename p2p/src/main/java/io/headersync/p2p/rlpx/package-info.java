/**
 * RLPx sessions: the ECIES handshake (EIP-8, and the older format on receipt), the framed and
 * MAC'd transport, the base protocol (Hello, Disconnect, Ping, Pong), snappy compression and
 * capability negotiation, as Netty handlers.
 *
 * <p>What lives here, bottom up:
 *
 * <ul>
 *   <li>the handshake without I/O: {@code AuthMessage}, {@code AckMessage},
 *       {@code HandshakePackets} (ECIES sealing, EIP-8 size prefix), {@code InitiatorHandshake}
 *       and {@code RecipientHandshake}, {@code HandshakeMessageReader} (cuts one message off the
 *       stream, either format, size checked first), {@code Secrets} (key derivation and the two
 *       keccak MAC states);
 *   <li>frames without I/O: {@code FrameCodec} (AES-256-CTR, header and frame MACs, size cap
 *       checked on the header);
 *   <li>base messages: {@code HelloMessage}, {@code DisconnectMessage} (lenient about the forms
 *       real peers send), {@code MessageCompression} (raw snappy, length checked before
 *       decompressing), {@code CapabilityNegotiation};
 *   <li>Netty: {@code ReadPauseHandler} (no reading while the connection is not writable, so a
 *       peer that does not read cannot make us queue without bound) → {@code HandshakeHandler} →
 *       idle watch → {@code FrameHandler} → {@code SessionHandler} (base-protocol messages through
 *       a {@code TokenBucket}), and {@link io.headersync.p2p.rlpx.RlpxTransport} to listen and
 *       dial, which sets the write buffer's water marks;
 *   <li>the public surface: {@link io.headersync.p2p.rlpx.RlpxTransport},
 *       {@link io.headersync.p2p.rlpx.Enode}, {@link io.headersync.p2p.rlpx.RlpxSession},
 *       {@link io.headersync.p2p.rlpx.SessionListener} (admission, for the peer set),
 *       {@link io.headersync.p2p.rlpx.RlpxConfig} and the typed
 *       {@link io.headersync.p2p.rlpx.RlpxException}.
 * </ul>
 *
 * <p>Every decoder a peer can reach throws only {@link io.headersync.p2p.rlpx.RlpxException},
 * whose reason names the Disconnect reason the session sends, and checks every length against its
 * cap before allocating. The protocol is written by hand (on Bouncy Castle's primitives, Netty
 * and snappy-java) because no Maven Central library implements RLPx without a whole client.
 *
 * <p>Sub-protocols plug in through {@link io.headersync.p2p.rlpx.ProtocolFactory},
 * {@link io.headersync.p2p.rlpx.ProtocolChannel} and {@link io.headersync.p2p.rlpx.ProtocolHandler};
 * this package must not know what eth messages mean, nor keep a peer set (it only asks the
 * listener whether a session may stay).
 */
package io.headersync.p2p.rlpx;
