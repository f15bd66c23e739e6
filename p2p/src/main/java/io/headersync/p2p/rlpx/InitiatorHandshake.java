package io.headersync.p2p.rlpx;

import io.headersync.core.crypto.Secp256k1;
import io.headersync.p2p.crypto.CryptoException;
import io.headersync.p2p.crypto.Ecdh;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import java.security.SecureRandom;

/**
 * The dialling side of the RLPx handshake: writes the auth (always EIP-8), reads the ack (EIP-8
 * or older) and derives the session secrets. One use per connection.
 */
final class InitiatorHandshake {

  private final NodeKey staticKey;
  private final NodeId remoteId;
  private final NodeKey ephemeralKey;
  private final byte[] nonce;
  private final SecureRandom random;
  private byte[] authPacket;

  InitiatorHandshake(NodeKey staticKey, NodeId remoteId, NodeKey ephemeralKey, byte[] nonce, SecureRandom random) {
    if (nonce.length != 32) {
      throw new IllegalArgumentException("a handshake nonce is 32 bytes");
    }
    this.staticKey = staticKey;
    this.remoteId = remoteId;
    this.ephemeralKey = ephemeralKey;
    this.nonce = nonce.clone();
    this.random = random;
  }

  static InitiatorHandshake create(NodeKey staticKey, NodeId remoteId, SecureRandom random) {
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    return new InitiatorHandshake(staticKey, remoteId, NodeKey.generate(random), nonce, random);
  }

  /**
   * The auth packet to send first (made once).
   *
   * @throws IllegalArgumentException when the remote's node id is not a curve point
   */
  byte[] authPacket() {
    if (authPacket == null) {
      byte[] token;
      try {
        token = Ecdh.agree(staticKey.privateKey(), remoteId.publicKey());
      } catch (CryptoException e) {
        throw new IllegalArgumentException("remote node id " + remoteId + " is not a secp256k1 public key", e);
      }
      Secp256k1.Signature sig = ephemeralKey.sign(Secrets.xor(token, nonce));
      AuthMessage auth = new AuthMessage(sig.toCompact(), staticKey.nodeId(), nonce, AuthMessage.VERSION);
      authPacket = HandshakePackets.sealEip8(remoteId, auth.encodeEip8(), random);
    }
    return authPacket.clone();
  }

  /** Size of a pre-EIP-8 ack packet. */
  static int legacyAckPacketSize() {
    return AckMessage.LEGACY_SIZE + io.headersync.p2p.crypto.Ecies.OVERHEAD;
  }

  /**
   * Reads the ack and derives the secrets.
   *
   * @throws RlpxException when the ack does not decrypt or parse, or its key is not a curve point
   */
  Secrets readAck(byte[] ackPacket, boolean eip8) {
    if (authPacket == null) {
      throw new IllegalStateException("the auth must be sent before an ack can be read");
    }
    AckMessage ack = AckMessage.decode(HandshakePackets.open(staticKey.privateKey(), ackPacket, eip8), eip8);
    return secrets(ack, ackPacket);
  }

  /** Derives the secrets from an ack; package-private so tests can pin the auth that was sent. */
  Secrets secrets(AckMessage ack, byte[] ackPacket) {
    byte[] ephemeralShared;
    try {
      ephemeralShared = Ecdh.agree(ephemeralKey.privateKey(), ack.ephemeralId().publicKey());
    } catch (CryptoException e) {
      throw new RlpxException(RlpxException.Reason.HANDSHAKE_MALFORMED, "ack ephemeral key: " + e.getMessage(), e);
    }
    return Secrets.derive(true, ephemeralShared, nonce, ack.nonce(), authPacket, ackPacket, remoteId);
  }

  /** Pins the auth packet as sent (tests replaying a recorded handshake). */
  void useSentAuth(byte[] packet) {
    authPacket = packet.clone();
  }
}
