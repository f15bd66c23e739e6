package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.Fork;
import java.math.BigInteger;

/**
 * The base fee follows EIP-1559: {@link BaseFeeCalculator#INITIAL_BASE_FEE} at the London fork
 * block, then the update from the parent's base fee, gas used and gas target. (Its presence is
 * {@link ForkFieldsRule}'s business; this rule skips a header without one.)
 */
public final class BaseFeeRule implements HeaderRule {

  public static final String NAME = "base fee";

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
    BigInteger found = header.baseFeePerGas();
    if (found == null || !ctx.isActive(Fork.LONDON, header)) {
      return;
    }
    if (!ctx.isActive(Fork.LONDON, parent)) {
      if (!fitsAndEquals(found, BaseFeeCalculator.INITIAL_BASE_FEE)) {
        throw Failures.invalid(header, NAME, "baseFeePerGas", BaseFeeCalculator.INITIAL_BASE_FEE + " (London fork block)", found);
      }
      return;
    }
    BigInteger parentFee = parent.baseFeePerGas();
    if (parentFee == null) {
      throw Failures.invalid(header, NAME, "baseFeePerGas", "a parent with a base fee", "parent #" + parent.number() + " without one");
    }
    if (parentFee.bitLength() < Long.SIZE) {
      long expected = BaseFeeCalculator.nextOrNegative(parentFee.longValue(), parent.gasLimit(), parent.gasUsed());
      if (expected >= 0) {
        if (!fitsAndEquals(found, expected)) {
          throw Failures.invalid(header, NAME, "baseFeePerGas", expected, found);
        }
        return;
      }
    }
    BigInteger expected = BaseFeeCalculator.next(parentFee, parent.gasLimit(), parent.gasUsed());
    if (!expected.equals(found)) {
      throw Failures.invalid(header, NAME, "baseFeePerGas", expected, found);
    }
  }

  private static boolean fitsAndEquals(BigInteger value, long expected) {
    return value.bitLength() < Long.SIZE && value.longValue() == expected;
  }
}
