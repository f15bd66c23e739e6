package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;

/**
 * A block uses no more gas than its limit. (Whether the gas used is what the transactions really
 * used needs execution, which this product does not do.)
 */
public final class GasUsedRule implements HeaderRule {

  public static final String NAME = "gas used";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsParent() {
    return false;
  }

  @Override
  public void check(BlockHeader header, BlockHeader parent, ValidationContext ctx) throws InvalidHeaderException {
    if (header.gasUsed() > header.gasLimit()) {
      throw Failures.invalid(header, NAME, "gasUsed", "<= " + header.gasLimit() + " (gasLimit)", header.gasUsed());
    }
  }
}
