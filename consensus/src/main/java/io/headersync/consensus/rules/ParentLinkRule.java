package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;

/** The header names its parent by hash and is numbered one past it. */
public final class ParentLinkRule implements HeaderRule {

  public static final String NAME = "parent link";

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
    if (!header.parentHash().equals(parent.hash())) {
      throw Failures.invalid(header, NAME, "parentHash", parent.hash(), header.parentHash());
    }
    if (header.number() != parent.number() + 1) {
      throw Failures.invalid(header, NAME, "number", parent.number() + 1, header.number());
    }
  }
}
