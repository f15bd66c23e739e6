package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;

/**
 * A header is strictly younger than its parent. (How far in the future a header may be depends
 * on the local clock, so it is the caller's business, not a consensus rule.)
 */
public final class TimestampRule implements HeaderRule {

  public static final String NAME = "timestamp";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsParent() {
    return true;
  }

  @Override
  public void check(BlockHeader header, BlockHeader parent, ValidationContext ctx) throws InvalidHeaderException {
    if (header.timestamp() <= parent.timestamp()) {
      throw Failures.invalid(header, NAME, "timestamp", "> " + parent.timestamp() + " (parent's)", header.timestamp());
    }
  }
}
