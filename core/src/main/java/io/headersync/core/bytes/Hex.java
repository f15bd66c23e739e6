package io.headersync.core.bytes;

import java.util.HexFormat;

/** Hex text as Ethereum writes it: lower case, {@code 0x} prefix. */
public final class Hex {

  private static final HexFormat FORMAT = HexFormat.of();

  private Hex() {}

  /** {@code 0x}-prefixed lower-case hex of all of {@code bytes}. */
  public static String encode(byte[] bytes) {
    return "0x" + FORMAT.formatHex(bytes);
  }

  /** Hex without the prefix. */
  public static String encodeBare(byte[] bytes) {
    return FORMAT.formatHex(bytes);
  }

  /**
   * Parses hex with or without the {@code 0x} prefix.
   *
   * @throws IllegalArgumentException naming the problem, for odd length or a non-hex character
   */
  public static byte[] decode(String text) {
    String s = text.strip();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    if ((s.length() & 1) != 0) {
      throw new IllegalArgumentException("odd number of hex digits (" + s.length() + ")");
    }
    try {
      return FORMAT.parseHex(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not hex: " + e.getMessage(), e);
    }
  }

  /** A quantity as JSON-RPC writes it: {@code 0x} then the shortest hex, {@code 0x0} for zero. */
  public static String quantity(long value) {
    return "0x" + Long.toHexString(value);
  }

  /** A big quantity as JSON-RPC writes it. */
  public static String quantity(java.math.BigInteger value) {
    return "0x" + value.toString(16);
  }
}
