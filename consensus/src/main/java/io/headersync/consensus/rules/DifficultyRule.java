package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.difficulty.DifficultyCalculator;
import io.headersync.consensus.difficulty.DifficultyOutOfRangeException;
import io.headersync.core.block.BlockHeader;
import java.math.BigInteger;

/**
 * A proof-of-work header has the difficulty {@link DifficultyCalculator} derives from its parent
 * and timestamp. Proof-of-stake headers are {@link PostMergeConstantsRule}'s; clique chains set
 * difficulty by signer turn, which the clique seal checks, so the validator leaves this rule out
 * for them.
 */
public final class DifficultyRule implements HeaderRule {

  public static final String NAME = "difficulty";

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
    if (ctx.isPostMerge(header)) {
      return;
    }
    BigInteger expected;
    try {
      expected = DifficultyCalculator.expected(ctx.spec(), parent, header.timestamp());
    } catch (DifficultyOutOfRangeException e) {
      throw Failures.invalid(header, NAME, "number", "a number whose difficulty bomb is computable", header.number());
    }
    if (!expected.equals(header.difficulty())) {
      throw Failures.invalid(header, NAME, "difficulty", expected, header.difficulty());
    }
  }
}
