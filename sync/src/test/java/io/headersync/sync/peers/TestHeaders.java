package io.headersync.sync.peers;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A small linked chain of plain headers for checking answers. */
final class TestHeaders {

  static final List<BlockHeader> CHAIN = build(300);

  private TestHeaders() {}

  static List<BlockHeader> build(int length) {
    List<BlockHeader> chain = new ArrayList<>(length);
    Hash parent = Hash.ZERO;
    for (int n = 0; n < length; n++) {
      BlockHeader h = BlockHeader.builder().parentHash(parent).number(n).difficulty(BigInteger.valueOf(131_072))
          .gasLimit(5000).timestamp(1_000 + 13L * n).build();
      chain.add(h);
      parent = h.hash();
    }
    return List.copyOf(chain);
  }

  /** Headers {@code first..first+count-1} ascending. */
  static List<BlockHeader> range(long first, int count) {
    return CHAIN.subList((int) first, (int) first + count);
  }
}
