package io.headersync.p2p.identity;

import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.crypto.Secp256k1;
import io.headersync.sync.api.PeerId;
import java.util.Arrays;

/**
 * A node's identity on devp2p: its uncompressed secp256k1 public key without the {@code 0x04}
 * prefix (x ‖ y, 64 bytes), as it appears in enode URLs, RLPx handshakes and discv4 packets.
 */
public final class NodeId {

  private final byte[] publicKey;

  private NodeId(byte[] publicKey) {
    this.publicKey = publicKey;
  }

  /** Wraps a 64-byte public key (copied). */
  public static NodeId of(byte[] publicKey) {
    if (publicKey.length != Secp256k1.PUBLIC_KEY_SIZE) {
      throw new IllegalArgumentException("a node id is a 64-byte public key, got " + publicKey.length + " bytes");
    }
    return new NodeId(publicKey.clone());
  }

  /** Parses 128 hex digits (an optional {@code 0x} prefix is allowed). */
  public static NodeId fromHex(String hex) {
    return of(Hex.decode(hex));
  }

  /** The 64 bytes of the public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Keccak-256 of the public key: the point in the Kademlia id space. */
  public Hash kademliaId() {
    return Keccak.keccak256(publicKey);
  }

  /** The name the sync engine knows this peer by: the node id in hex, no prefix. */
  public PeerId toPeerId() {
    return PeerId.of(toHex());
  }

  /** 128 hex digits, no prefix, as in enode URLs. */
  public String toHex() {
    return Hex.encodeBare(publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId other && Arrays.equals(publicKey, other.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  /** A short form for logs: the first eight hex digits. */
  @Override
  public String toString() {
    return toHex().substring(0, 8);
  }
}
