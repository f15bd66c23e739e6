package io.headersync.consensus;

import io.headersync.core.bytes.Hash;

/**
 * A header (or a body against its header) broke a consensus rule.
 *
 * <p>The message reads as one line an operator can act on:
 * {@code block 1234 0xabc…: difficulty (rule: ethash difficulty) expected 131136, found 131072}.
 */
public final class InvalidHeaderException extends Exception {

  private final long number;
  private final Hash hash;
  private final String rule;
  private final String field;
  private final String expected;
  private final String found;

  public InvalidHeaderException(long number, Hash hash, String rule, String field, Object expected, Object found) {
    super(describe(number, hash, rule, field, String.valueOf(expected), String.valueOf(found)), null, false, false);
    this.number = number;
    this.hash = hash;
    this.rule = rule;
    this.field = field;
    this.expected = String.valueOf(expected);
    this.found = String.valueOf(found);
  }

  private static String describe(long number, Hash hash, String rule, String field, String expected, String found) {
    return "block " + number + (hash == null ? "" : " " + hash.toHex()) + ": " + field + " (rule: " + rule + ") expected "
        + expected + ", found " + found;
  }

  public long number() {
    return number;
  }

  /** Hash of the offending header, when known. */
  public Hash hash() {
    return hash;
  }

  /** Short stable name of the rule, e.g. {@code "gas limit bounds"}. */
  public String rule() {
    return rule;
  }

  /** The header field at fault, named as JSON-RPC names it (e.g. {@code gasLimit}). */
  public String field() {
    return field;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
