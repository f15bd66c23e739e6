package io.headersync.sync.follow;

/**
 * How the {@link TipFollower} chooses between the canonical chain and a competing branch.
 *
 * <p>Ties: a branch must be strictly better to replace the canonical chain. Under
 * {@link #TOTAL_DIFFICULTY} a branch of equal total difficulty loses (the first seen stays, so two
 * equal branches announced alternately cannot make the head flap); under {@link #TARGET} the
 * question does not arise, the target names one block.
 */
public enum ForkChoiceRule {
  /** Pre-merge: the branch with the most total difficulty wins, whoever announced it. */
  TOTAL_DIFFICULTY,
  /**
   * Post-merge: difficulty is zero, so work cannot decide; the branch the current target names
   * (a trusted hash, the Engine API's forkchoiceUpdated, or the peers' agreed head) becomes
   * canonical up to exactly that block, and nothing else does.
   */
  TARGET,
  /**
   * Each branch by the rule of its era: a branch whose tip has difficulty (proof of work) by
   * {@link #TOTAL_DIFFICULTY}, one whose tip has none (proof of stake) by {@link #TARGET}.
   */
  AUTO
}
