package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;

/**
 * Extra data is at most 32 bytes (the yellow paper's bound). Clique chains carry signer lists
 * and a signature there, so the validator leaves this rule out for them; the clique seal checks
 * that layout.
 */
public final class ExtraDataRule implements HeaderRule {

  public static final String NAME = "extra data size";

  /** Bytes of extra data a header may carry. */
  public static final int MAX_EXTRA_DATA = 32;

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
    if (header.extraDataLength() > MAX_EXTRA_DATA) {
      throw Failures.invalid(header, NAME, "extraData", "<= " + MAX_EXTRA_DATA + " bytes", header.extraDataLength() + " bytes");
    }
  }
}
