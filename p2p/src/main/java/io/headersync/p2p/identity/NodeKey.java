package io.headersync.p2p.identity;

import io.headersync.core.bytes.Hex;
import io.headersync.core.crypto.Secp256k1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;

/**
 * A node's private key and the node id it gives. Key files hold the key as 64 hex digits on one
 * line, as geth's {@code --nodekey} files do, so a key can move between clients.
 */
public final class NodeKey {

  private final BigInteger privateKey;
  private final NodeId nodeId;

  private NodeKey(BigInteger privateKey) {
    if (privateKey.signum() <= 0 || privateKey.compareTo(Secp256k1.N) >= 0) {
      throw new IllegalArgumentException("a node key must lie in [1, n-1] of secp256k1");
    }
    this.privateKey = privateKey;
    this.nodeId = NodeId.of(Secp256k1.publicKey(privateKey));
  }

  public static NodeKey of(BigInteger privateKey) {
    return new NodeKey(privateKey);
  }

  /** A key from 32 big-endian bytes. */
  public static NodeKey of(byte[] privateKey) {
    if (privateKey.length != 32) {
      throw new IllegalArgumentException("a node key is 32 bytes, got " + privateKey.length);
    }
    return new NodeKey(new BigInteger(1, privateKey));
  }

  /** A fresh random key (SecureRandom; pass a seeded {@link Random} in tests for repeatable ids). */
  public static NodeKey generate(Random random) {
    while (true) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      BigInteger k = new BigInteger(1, bytes);
      if (k.signum() > 0 && k.compareTo(Secp256k1.N) < 0) {
        return new NodeKey(k);
      }
    }
  }

  public static NodeKey generate() {
    return generate(new SecureRandom());
  }

  /**
   * Reads a key file, or creates one with a fresh key when {@code file} does not exist yet (so a
   * node keeps its identity across restarts).
   *
   * @throws IllegalArgumentException naming the file when its content is not a key
   */
  public static NodeKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
          return of(Hex.decode(text));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("node key file " + file + ": " + e.getMessage(), e);
        }
      }
      NodeKey key = generate();
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, key.toHex() + "\n", StandardCharsets.US_ASCII);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("node key file " + file, e);
    }
  }

  public NodeId nodeId() {
    return nodeId;
  }

  public BigInteger privateKey() {
    return privateKey;
  }

  /** Signs a 32-byte hash; the signature carries its recovery id. */
  public Secp256k1.Signature sign(byte[] hash) {
    return Secp256k1.sign(hash, privateKey);
  }

  /** The private key as 64 hex digits, no prefix. */
  public String toHex() {
    byte[] raw = privateKey.toByteArray();
    byte[] fixed = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
    return Hex.encodeBare(fixed);
  }

  /** Never prints the private key. */
  @Override
  public String toString() {
    return "NodeKey(" + nodeId + ")";
  }
}
