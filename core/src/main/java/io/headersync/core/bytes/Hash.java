package io.headersync.core.bytes;

import java.util.Arrays;

/** A 32-byte value: a Keccak-256 digest, a root, or any other 32-byte field. */
public final class Hash implements Comparable<Hash> {

  public static final int SIZE = 32;
  public static final Hash ZERO = new Hash(new byte[SIZE]);

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}, which must be 32 long. */
  public static Hash of(byte[] bytes) {
    return wrap(bytes.clone());
  }

  /** Copies 32 bytes of {@code bytes} from {@code offset}. */
  public static Hash of(byte[] bytes, int offset) {
    return new Hash(Arrays.copyOfRange(bytes, offset, offset + SIZE));
  }

  /** Takes {@code bytes} without copying; the caller must not change it afterwards. */
  public static Hash wrap(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a hash is 32 bytes, got " + bytes.length);
    }
    return new Hash(bytes);
  }

  /** Parses 64 hex digits, with or without {@code 0x}. */
  public static Hash fromHex(String hex) {
    return wrap(Hex.decode(hex));
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  /** The internal array, for hot paths that only read it. */
  public byte[] unsafeArray() {
    return bytes;
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  public boolean isZero() {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    // Hashes are uniformly distributed: the first four bytes are as good as all 32.
    return (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | (bytes[3] & 0xFF);
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
