package io.headersync.p2p.rlpx;

import io.headersync.core.crypto.Secp256k1;
import io.headersync.p2p.crypto.CryptoException;
import io.headersync.p2p.crypto.Ecdh;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import java.security.SecureRandom;
import java.security.SignatureException;

/**
 * The listening side of the RLPx handshake: reads the auth (EIP-8 or older), recovers the
 * initiator's ephemeral key from its signature, answers with an ack and derives the session
 * secrets. The ack is EIP-8 unless the auth was in the older format: an initiator that sends the
 * old format cannot read the new one (EIP-8 asks recipients to answer such peers in kind).
 */
final class RecipientHandshake {

  private final NodeKey staticKey;
  private final NodeKey ephemeralKey;
  private final byte[] nonce;
  private final SecureRandom random;

  RecipientHandshake(NodeKey staticKey, NodeKey ephemeralKey, byte[] nonce, SecureRandom random) {
    if (nonce.length != 32) {
      throw new IllegalArgumentException("a handshake nonce is 32 bytes");
    }
    this.staticKey = staticKey;
    this.ephemeralKey = ephemeralKey;
    this.nonce = nonce.clone();
    this.random = random;
  }

  static RecipientHandshake create(NodeKey staticKey, SecureRandom random) {
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    return new RecipientHandshake(staticKey, NodeKey.generate(random), nonce, random);
  }

  /** Size of a pre-EIP-8 auth packet. */
  static int legacyAuthPacketSize() {
    return AuthMessage.LEGACY_SIZE + io.headersync.p2p.crypto.Ecies.OVERHEAD;
  }

  /** The auth read and what it proved. */
  record Received(AuthMessage auth, NodeId remoteEphemeralId, byte[] authPacket, boolean eip8) {}

  /**
   * Decrypts and checks an auth packet.
   *
   * @throws RlpxException when it does not decrypt, parse or carry a valid signature
   */
  Received readAuth(byte[] authPacket, boolean eip8) {
    AuthMessage auth = AuthMessage.decode(HandshakePackets.open(staticKey.privateKey(), authPacket, eip8), eip8);
    byte[] token;
    try {
      token = Ecdh.agree(staticKey.privateKey(), auth.initiatorId().publicKey());
    } catch (CryptoException e) {
      throw new RlpxException(RlpxException.Reason.HANDSHAKE_MALFORMED, "auth initiator key: " + e.getMessage(), e);
    }
    try {
      Secp256k1.Signature sig = Secp256k1.Signature.fromCompact(auth.signature(), 0);
      byte[] ephemeral = Secp256k1.recoverPublicKey(Secrets.xor(token, auth.nonce()), sig);
      return new Received(auth, NodeId.of(ephemeral), authPacket.clone(), eip8);
    } catch (SignatureException e) {
      throw new RlpxException(RlpxException.Reason.HANDSHAKE_SIGNATURE, "auth signature: " + e.getMessage(), e);
    }
  }

  /** The ack packet answering {@code received}, in the format it came in. */
  byte[] ackPacket(Received received) {
    AckMessage ack = new AckMessage(ephemeralKey.nodeId(), nonce, AuthMessage.VERSION);
    NodeId initiator = received.auth().initiatorId();
    return received.eip8()
        ? HandshakePackets.sealEip8(initiator, ack.encodeEip8(), random)
        : HandshakePackets.sealLegacy(initiator, ack.encodeLegacy(), random);
  }

  /** The session secrets once {@code ackPacket} has been made for {@code received}. */
  Secrets secrets(Received received, byte[] ackPacket) {
    byte[] ephemeralShared;
    try {
      ephemeralShared = Ecdh.agree(ephemeralKey.privateKey(), received.remoteEphemeralId().publicKey());
    } catch (CryptoException e) {
      throw new RlpxException(RlpxException.Reason.HANDSHAKE_SIGNATURE, "recovered ephemeral key: " + e.getMessage(), e);
    }
    return Secrets.derive(false, ephemeralShared, received.auth().nonce(), nonce, received.authPacket(), ackPacket,
        received.auth().initiatorId());
  }
}
