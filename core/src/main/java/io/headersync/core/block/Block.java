package io.headersync.core.block;

import io.headersync.core.bytes.Hash;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.util.Objects;

/**
 * A full block: its header and its body, encoded as {@code [header, transactions, ommers,
 * (withdrawals), …]} (the body's items follow the header inline, not as a nested list).
 */
public record Block(BlockHeader header, BlockBody body) {

  public Block {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(body, "body");
  }

  /**
   * Decodes exactly one block list from {@code rlp}.
   *
   * @throws RlpException with the offset in {@code rlp} of the offending item
   */
  public static Block decode(byte[] rlp) {
    RlpReader outer = RlpReader.wrap(rlp);
    RlpReader items = RlpItems.list(outer, "block");
    outer.requireEnd();
    items.requireNext("header");
    BlockHeader header = RlpItems.header(items, "header");
    return new Block(header, BlockBody.readItems(items));
  }

  public Hash hash() {
    return header.hash();
  }

  public long number() {
    return header.number();
  }

  public byte[] encode() {
    RlpWriter w = new RlpWriter(header.encoded().length + body.estimatedSize() + 8);
    w.startList().writeRaw(header.encoded());
    body.writeItemsTo(w);
    return w.endList().toByteArray();
  }
}
