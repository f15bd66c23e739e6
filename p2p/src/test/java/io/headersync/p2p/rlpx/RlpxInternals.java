package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Test-only door to this package's decoders and handlers for the fuzz suite in
 * {@code io.headersync.p2p.fuzz}: each method forwards to one package-private piece unchanged, so
 * the suite exercises exactly what a peer reaches. Nothing here is used by production code.
 */
public final class RlpxInternals {

  /** Bytes of a frame header and its MAC, read before a frame's size is known. */
  public static final int HEADER_WITH_MAC = FrameCodec.HEADER_WITH_MAC;

  private RlpxInternals() {}

  /** A decoded frame: the message code and its (possibly compressed) data. */
  public record Frame(int code, byte[] data) {}

  /** Bytes after the header of a frame whose content is {@code contentSize} bytes. */
  public static int bodySize(int contentSize) {
    return FrameCodec.bodySize(contentSize);
  }

  /** The ingress side of one session's frame layer. */
  public static final class FrameReader {
    private final FrameCodec codec;

    private FrameReader(FrameCodec codec) {
      this.codec = codec;
    }

    public int readHeader(byte[] bytes, int offset) {
      return codec.readHeader(bytes, offset);
    }

    public Frame readBody(byte[] bytes, int offset, int contentSize) {
      RlpxFrame frame = codec.readBody(bytes, offset, contentSize);
      return new Frame(frame.code(), frame.data());
    }
  }

  /** A frame reader keyed with these secrets and MAC seeds, as a session's would be after its handshake. */
  public static FrameReader frameReader(byte[] aes, byte[] mac, byte[] egressSeed, byte[] ingressSeed, int maxFrameSize) {
    return new FrameReader(codec(aes, mac, egressSeed, ingressSeed, maxFrameSize));
  }

  public static Frame parseFrameContent(byte[] content, int contentSize) {
    RlpxFrame frame = FrameCodec.parseContent(content, contentSize);
    return new Frame(frame.code(), frame.data());
  }

  public static byte[] encodeHello(HelloMessage hello) {
    return hello.encode();
  }

  public static HelloMessage decodeHello(byte[] data) {
    return HelloMessage.decode(data);
  }

  public static DisconnectMessage decodeDisconnect(byte[] data, boolean snappy, int maxMessageSize) {
    return DisconnectMessage.decode(data, snappy, maxMessageSize);
  }

  public static byte[] decompress(byte[] data, int maxSize) {
    return MessageCompression.decompress(data, maxSize);
  }

  public static byte[] compress(byte[] data) {
    return MessageCompression.compress(data);
  }

  // ---- handshake

  /** A handshake between two static keys whose auth was made once, so acks and auths can be read many times. */
  public static final class Handshake {
    private final NodeKey initiatorKey;
    private final NodeKey recipientKey;
    private final InitiatorHandshake initiator;
    private final RecipientHandshake recipient;
    private final byte[] auth;
    private final byte[] ack;
    private final byte[] legacyAck;
    private final int maxSize;

    private Handshake(NodeKey initiatorKey, NodeKey recipientKey, int maxSize) {
      SecureRandom random = new SecureRandom();
      this.initiatorKey = initiatorKey;
      this.recipientKey = recipientKey;
      this.maxSize = maxSize;
      this.initiator = InitiatorHandshake.create(initiatorKey, recipientKey.nodeId(), random);
      this.recipient = RecipientHandshake.create(recipientKey, random);
      this.auth = initiator.authPacket();
      RecipientHandshake.Received received = recipient.readAuth(auth, true);
      this.ack = recipient.ackPacket(received);
      this.legacyAck = recipient.ackPacket(new RecipientHandshake.Received(received.auth(), received.remoteEphemeralId(),
          received.authPacket(), false));
    }

    public byte[] authPacket() {
      return auth.clone();
    }

    public byte[] ackPacket() {
      return ack.clone();
    }

    public byte[] legacyAckPacket() {
      return legacyAck.clone();
    }

    /** One read of the recipient's auth reader (fresh, as on a new connection); null when it needs more bytes. */
    public Object readAuth(ByteBuf in) {
      return new HandshakeMessageReader<>(RecipientHandshake.legacyAuthPacketSize(), maxSize, recipient::readAuth).read(in);
    }

    /** One read of the initiator's ack reader (fresh); null when it needs more bytes. */
    public Object readAck(ByteBuf in) {
      return new HandshakeMessageReader<>(InitiatorHandshake.legacyAckPacketSize(), maxSize, initiator::readAck).read(in);
    }

    /** An EIP-8 packet carrying {@code body} that the recipient can decrypt. */
    public byte[] sealForRecipient(byte[] body, SecureRandom random) {
      return HandshakePackets.sealEip8(recipientKey.nodeId(), body, random);
    }

    /** An EIP-8 packet carrying {@code body} that the initiator can decrypt. */
    public byte[] sealForInitiator(byte[] body, SecureRandom random) {
      return HandshakePackets.sealEip8(initiatorKey.nodeId(), body, random);
    }

    /** The plaintext of a valid EIP-8 auth from this initiator. */
    public byte[] authBody() {
      return AuthMessage.decode(HandshakePackets.open(recipientKey.privateKey(), auth, true), true).encodeEip8();
    }

    /** The plaintext of a valid EIP-8 ack. */
    public byte[] ackBody() {
      return AckMessage.decode(HandshakePackets.open(initiatorKey.privateKey(), ack, true), true).encodeEip8();
    }
  }

  public static Handshake handshake(NodeKey initiator, NodeKey recipient, int maxHandshakeSize) {
    return new Handshake(initiator, recipient, maxHandshakeSize);
  }

  public static AuthMessage decodeAuthBody(byte[] plain, boolean eip8) {
    return AuthMessage.decode(plain, eip8);
  }

  public static AckMessage decodeAckBody(byte[] plain, boolean eip8) {
    return AckMessage.decode(plain, eip8);
  }

  // ---- Netty handlers

  /**
   * The handlers of an established session after its handshake: the frame layer keyed with these
   * secrets and MAC seeds, then the base protocol, which sends its Hello at once.
   */
  public static ChannelHandler[] establishedSession(NodeKey local, NodeId remote, byte[] aes, byte[] mac,
      byte[] egressSeed, byte[] ingressSeed, List<ProtocolFactory> protocols, RlpxConfig config,
      SessionListener listener, CompletableFuture<RlpxSession> established) {
    SessionSetup setup = new SessionSetup(local, "headersync/fuzz", () -> 30303, protocols, config, listener,
        new SecureRandom());
    return new ChannelHandler[] {
        new FrameHandler(codec(aes, mac, egressSeed, ingressSeed, config.maxFrameSize())),
        new SessionHandler(setup, remote, false, established, new CompletableFuture<Void>())};
  }

  /** The first handler of a connection: the handshake as initiator ({@code dialled} given) or recipient (null). */
  public static ChannelHandler handshakeHandler(NodeKey local, NodeId dialled, List<ProtocolFactory> protocols,
      RlpxConfig config, SessionListener listener, CompletableFuture<RlpxSession> established) {
    SessionSetup setup = new SessionSetup(local, "headersync/fuzz", () -> 30303, protocols, config, listener,
        new SecureRandom());
    return new HandshakeHandler(setup, dialled, established);
  }

  private static FrameCodec codec(byte[] aes, byte[] mac, byte[] egressSeed, byte[] ingressSeed, int maxFrameSize) {
    return new FrameCodec(aes, mac, new KeccakMacState(egressSeed), new KeccakMacState(ingressSeed), maxFrameSize);
  }
}
