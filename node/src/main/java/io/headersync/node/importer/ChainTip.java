package io.headersync.node.importer;

import io.headersync.core.block.BlockHeader;
import java.math.BigInteger;

/**
 * The last verified header of a run and its total difficulty ({@code null} when the run started
 * from a header whose ancestry it has not seen).
 */
public record ChainTip(BlockHeader header, BigInteger totalDifficulty) {

  public long number() {
    return header.number();
  }

  /** The tip after {@code child}, whose parent this is. */
  public ChainTip extendWith(BlockHeader child) {
    return new ChainTip(child, totalDifficulty == null ? null : totalDifficulty.add(child.difficulty()));
  }
}
