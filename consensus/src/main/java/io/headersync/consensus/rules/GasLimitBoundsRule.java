package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;

/**
 * The gas limit is at least {@value #MIN_GAS_LIMIT}. Its upper bound, 2^63 - 1, is enforced
 * when the header is decoded: {@link BlockHeader} holds the gas limit in a {@code long} and the
 * decoder rejects a larger value as an integer overflow of that field.
 */
public final class GasLimitBoundsRule implements HeaderRule {

  public static final String NAME = "gas limit bounds";

  /** Smallest gas limit a header may have (yellow paper). */
  public static final long MIN_GAS_LIMIT = 5000;

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
    if (header.gasLimit() < MIN_GAS_LIMIT) {
      throw Failures.invalid(header, NAME, "gasLimit", ">= " + MIN_GAS_LIMIT, header.gasLimit());
    }
  }
}
