package io.headersync.core.block;

import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import java.util.Arrays;

/** Reading helpers that put the name of the item and its absolute offset into errors. */
final class RlpItems {

  private RlpItems() {}

  /** Enters the next item, which must be a list named {@code what}. */
  static RlpReader list(RlpReader reader, String what) {
    try {
      return reader.readList();
    } catch (RlpException e) {
      throw within(e, 0, what);
    }
  }

  /**
   * Decodes the next item as a header. {@link BlockHeader#decode(byte[])} works on a copy, so its
   * offsets are moved back to those of {@code reader}'s array.
   */
  static BlockHeader header(RlpReader reader, String what) {
    int start = reader.position();
    byte[] copy;
    try {
      copy = Arrays.copyOfRange(reader.array(), start, start + reader.nextItemSize());
    } catch (RlpException e) {
      throw within(e, 0, what);
    }
    BlockHeader header;
    try {
      header = BlockHeader.decode(copy);
    } catch (RlpException e) {
      throw within(e, start, what);
    }
    reader.skip();
    return header;
  }

  /**
   * The same error, its offset moved by {@code shift}, its detail prefixed with the name of the
   * item it happened in.
   */
  static RlpException within(RlpException e, int shift, String what) {
    return new RlpException(e.reason(), e.offset() + shift, what + ": " + detail(e));
  }

  /** The detail of an error's message, without the "REASON at offset N: " that prefixes it. */
  static String detail(RlpException e) {
    String m = e.getMessage();
    int colon = m.indexOf(": ");
    return colon < 0 ? m : m.substring(colon + 2);
  }
}
