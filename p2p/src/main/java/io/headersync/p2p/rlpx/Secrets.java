package io.headersync.p2p.rlpx;

import io.headersync.core.crypto.Keccak;
import io.headersync.p2p.identity.NodeId;

/**
 * What a completed handshake leaves a session: the AES and MAC secrets shared by both directions,
 * the egress and ingress MAC states, and the remote's authenticated node id.
 */
record Secrets(byte[] aesSecret, byte[] macSecret, MacState egressMac, MacState ingressMac, NodeId remoteId) {

  /**
   * Derives the secrets as the RLPx specification does.
   *
   * @param ephemeralShared ECDH of our ephemeral key and the remote's
   * @param authPacket the auth message as it went over the wire (size prefix included)
   * @param ackPacket the ack message as it went over the wire
   */
  static Secrets derive(boolean initiator, byte[] ephemeralShared, byte[] initiatorNonce, byte[] recipientNonce,
      byte[] authPacket, byte[] ackPacket, NodeId remoteId) {
    byte[] nonceHash = Keccak.keccak256(concat(recipientNonce, initiatorNonce)).toArray();
    byte[] sharedSecret = Keccak.keccak256(concat(ephemeralShared, nonceHash)).toArray();
    byte[] aes = Keccak.keccak256(concat(ephemeralShared, sharedSecret)).toArray();
    byte[] mac = Keccak.keccak256(concat(ephemeralShared, aes)).toArray();
    MacState ofAuth = new KeccakMacState(concat(xor(mac, recipientNonce), authPacket));
    MacState ofAck = new KeccakMacState(concat(xor(mac, initiatorNonce), ackPacket));
    return initiator
        ? new Secrets(aes, mac, ofAuth, ofAck, remoteId)
        : new Secrets(aes, mac, ofAck, ofAuth, remoteId);
  }

  static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
