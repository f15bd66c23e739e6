package io.headersync.sync.tip;

import io.headersync.core.bytes.Hash;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The block an operator (or a consensus client) says to sync to: the sync starts from it, as a
 * trusted hash does, instead of from what peers claim. A hash names exactly one block; a number is
 * turned into a hash by asking a peer, so it is only as good as that peer's answer.
 */
public sealed interface TrustedTarget {

  record ByHash(Hash hash) implements TrustedTarget {
    public ByHash {
      Objects.requireNonNull(hash, "hash");
    }

    @Override
    public String toString() {
      return hash.toHex();
    }
  }

  record ByNumber(long number) implements TrustedTarget {
    public ByNumber {
      if (number < 0) {
        throw new IllegalArgumentException("a target block number must not be negative, got " + number);
      }
    }

    @Override
    public String toString() {
      return "#" + number;
    }
  }

  static TrustedTarget hash(Hash hash) {
    return new ByHash(hash);
  }

  static TrustedTarget number(long number) {
    return new ByNumber(number);
  }

  /**
   * Reads a target as given on a command line: {@code 0x} and 64 hex digits for a hash, decimal
   * digits for a number.
   *
   * @throws IllegalArgumentException naming what was expected and what was found
   */
  static TrustedTarget parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.trim();
    if (Patterns.HASH.matcher(t).matches()) {
      return new ByHash(Hash.fromHex(t));
    }
    if (Patterns.NUMBER.matcher(t).matches()) {
      try {
        return new ByNumber(Long.parseLong(t));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("target block number " + t + " is too large (the most is " + Long.MAX_VALUE + ")");
      }
    }
    throw new IllegalArgumentException(
        "a target is a block hash (0x and 64 hex digits) or a block number (decimal digits), got '" + text + "'");
  }

  /** Holder of the patterns, which an interface cannot keep private. */
  final class Patterns {
    static final Pattern HASH = Pattern.compile("0[xX][0-9a-fA-F]{64}");
    static final Pattern NUMBER = Pattern.compile("[0-9]+");

    private Patterns() {}
  }
}
