package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.Fork;
import java.math.BigInteger;

/**
 * The merge transition (EIP-3675): once the parent's total difficulty has reached the terminal
 * total difficulty, blocks are proof of stake (difficulty 0); before that they are proof of
 * work (difficulty above 0). A chain that schedules a Paris block also requires proof of stake
 * from that block on. Without the parent's total difficulty only the Paris block can be judged.
 */
public final class TerminalTotalDifficultyRule implements HeaderRule {

  public static final String NAME = "terminal total difficulty";

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
    boolean proofOfStake = header.difficulty().signum() == 0;
    long parisBlock = ctx.activation(Fork.PARIS);
    if (!proofOfStake && ctx.isScheduled(Fork.PARIS) && header.number() >= parisBlock) {
      throw Failures.invalid(header, NAME, "difficulty", "0 (at or after the Paris block " + parisBlock + ")", header.difficulty());
    }
    BigInteger ttd = ctx.terminalTotalDifficulty();
    BigInteger parentTd = ctx.parentTotalDifficulty();
    if (ttd == null || parentTd == null) {
      return;
    }
    boolean reached = parentTd.compareTo(ttd) >= 0;
    if (reached && !proofOfStake) {
      throw Failures.invalid(header, NAME, "difficulty",
          "0 (parent total difficulty " + parentTd + " reached terminal total difficulty " + ttd + ")", header.difficulty());
    }
    if (!reached && proofOfStake) {
      throw Failures.invalid(header, NAME, "difficulty",
          "> 0 (parent total difficulty " + parentTd + " below terminal total difficulty " + ttd + ")", header.difficulty());
    }
  }
}
