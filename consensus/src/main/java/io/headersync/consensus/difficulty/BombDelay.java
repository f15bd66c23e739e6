package io.headersync.consensus.difficulty;

import io.headersync.core.chain.Fork;

/**
 * How far each fork pushed the difficulty bomb back, in blocks. Each delay replaces the one
 * before (they are not added), and each was chosen to postpone the ice age by roughly a year
 * or to the expected date of the merge.
 */
public enum BombDelay {
  /** EIP-649, with EIP-100: about 1.4 years of relief, and the block reward cut to 3 ether. */
  BYZANTIUM(Fork.BYZANTIUM, 3_000_000, "EIP-649"),
  /** EIP-1234: another delay when the bomb came back before proof of stake was ready. */
  CONSTANTINOPLE(Fork.CONSTANTINOPLE, 5_000_000, "EIP-1234"),
  /** EIP-2384: a fork made only to delay the bomb again. */
  MUIR_GLACIER(Fork.MUIR_GLACIER, 9_000_000, "EIP-2384"),
  /** EIP-3554: pushed to December 2021, shipped with London. */
  LONDON(Fork.LONDON, 9_700_000, "EIP-3554"),
  /** EIP-4345: pushed to June 2022. */
  ARROW_GLACIER(Fork.ARROW_GLACIER, 10_700_000, "EIP-4345"),
  /** EIP-5133: pushed to after the merge, the last delay. */
  GRAY_GLACIER(Fork.GRAY_GLACIER, 11_400_000, "EIP-5133");

  private final Fork fork;
  private final long blocks;
  private final String eip;

  BombDelay(Fork fork, long blocks, String eip) {
    this.fork = fork;
    this.blocks = blocks;
    this.eip = eip;
  }

  /** The fork that brought this delay. */
  public Fork fork() {
    return fork;
  }

  /** The delay in blocks. */
  public long blocks() {
    return blocks;
  }

  public String eip() {
    return eip;
  }
}
