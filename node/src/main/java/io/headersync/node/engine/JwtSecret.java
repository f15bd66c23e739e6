package io.headersync.node.engine;

import io.headersync.core.bytes.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The 256-bit key the Engine API's tokens are signed with, kept in a file as 64 hex digits
 * (optionally {@code 0x}-prefixed, surrounding whitespace ignored), as the consensus clients and
 * other execution clients read and write it.
 */
public final class JwtSecret {

  public static final int SIZE = 32;

  private final byte[] key;

  private JwtSecret(byte[] key) {
    this.key = key;
  }

  public static JwtSecret of(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != SIZE) {
      throw new IllegalArgumentException("a JWT secret is " + SIZE + " bytes, got " + key.length);
    }
    return new JwtSecret(key.clone());
  }

  public static JwtSecret generate(SecureRandom random) {
    byte[] key = new byte[SIZE];
    random.nextBytes(key);
    return new JwtSecret(key);
  }

  /**
   * Reads a secret file.
   *
   * @throws IllegalArgumentException naming the file and what it holds instead of 64 hex digits
   * @throws UncheckedIOException when it cannot be read
   */
  public static JwtSecret load(Path file) {
    String text;
    try {
      if (Files.size(file) > 1024) {
        throw new IllegalArgumentException("JWT secret file " + file + " is " + Files.size(file)
            + " bytes; it should hold 64 hex digits");
      }
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JWT secret file " + file + ": " + e.getMessage(), e);
    }
    String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    if (digits.length() != 2 * SIZE || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("JWT secret file " + file + " must hold 64 hex digits (a 256-bit key), found "
          + digits.length() + " characters" + (digits.length() == 2 * SIZE ? " that are not all hex" : ""));
    }
    return new JwtSecret(Hex.decode(digits));
  }

  /**
   * Reads {@code file}, or when it does not exist generates a secret and writes it there (owner
   * read/write only where the file system allows), so that the consensus client can be given the
   * same file.
   */
  public static JwtSecret loadOrCreate(Path file, SecureRandom random) {
    if (Files.exists(file)) {
      return load(file);
    }
    JwtSecret secret = generate(random);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, Hex.encode(secret.key), StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the file keeps the default permissions
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JWT secret file " + file + ": " + e.getMessage(), e);
    }
    return secret;
  }

  /** A copy of the key. */
  public byte[] key() {
    return key.clone();
  }

  byte[] unsafeKey() {
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JwtSecret s && java.security.MessageDigest.isEqual(key, s.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "JwtSecret[256 bits]";
  }
}
