package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeKey;
import java.security.SecureRandom;
import java.util.Random;

/** Test helpers: secrets of a real handshake between two fresh keys. */
final class Sessions {

  private Sessions() {}

  /** Initiator and recipient secrets of one handshake between fresh keys. */
  static Secrets[] secretsPair() {
    SecureRandom random = new SecureRandom();
    NodeKey a = NodeKey.generate(new Random(1));
    NodeKey b = NodeKey.generate(new Random(2));
    InitiatorHandshake ia = InitiatorHandshake.create(a, b.nodeId(), random);
    RecipientHandshake rb = RecipientHandshake.create(b, random);
    RecipientHandshake.Received received = rb.readAuth(ia.authPacket(), true);
    byte[] ack = rb.ackPacket(received);
    return new Secrets[] {ia.readAck(ack, true), rb.secrets(received, ack)};
  }

  /** Two frame codecs facing each other: [0] the initiator's, [1] the recipient's. */
  static FrameCodec[] codecPair(int maxFrameSize) {
    return codecPair(maxFrameSize, maxFrameSize);
  }

  /** As {@link #codecPair(int)}, with a different frame cap on each side. */
  static FrameCodec[] codecPair(int initiatorCap, int recipientCap) {
    Secrets[] s = secretsPair();
    return new FrameCodec[] {new FrameCodec(s[0], initiatorCap), new FrameCodec(s[1], recipientCap)};
  }
}
