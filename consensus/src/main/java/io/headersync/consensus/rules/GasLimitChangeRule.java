package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.Fork;

/**
 * The gas limit moves by less than 1/{@value #BOUND_DIVISOR} of the parent's per block. At the
 * London fork block the parent's limit is first multiplied by the elasticity multiplier
 * (EIP-1559), since from there on the limit is twice the gas target.
 */
public final class GasLimitChangeRule implements HeaderRule {

  public static final String NAME = "gas limit change";

  /** The gas limit may change by strictly less than parent / this per block. */
  public static final long BOUND_DIVISOR = 1024;

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
    long parentLimit = parent.gasLimit();
    if (ctx.isActive(Fork.LONDON, header) && !ctx.isActive(Fork.LONDON, parent)) {
      // Saturate: a limit near 2^63 cannot double, and no header could then be within bounds anyway.
      parentLimit = parentLimit > Long.MAX_VALUE / BaseFeeCalculator.ELASTICITY_MULTIPLIER
          ? Long.MAX_VALUE
          : parentLimit * BaseFeeCalculator.ELASTICITY_MULTIPLIER;
    }
    long change = Math.abs(header.gasLimit() - parentLimit); // both non-negative: no overflow
    long bound = parentLimit / BOUND_DIVISOR;
    if (change >= bound) {
      throw Failures.invalid(header, NAME, "gasLimit",
          "within " + parentLimit + " +/- " + Math.max(bound - 1, 0) + " (parent's limit / " + BOUND_DIVISOR + ", exclusive)",
          header.gasLimit());
    }
  }
}
