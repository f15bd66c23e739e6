package io.headersync.core.chain;

/**
 * Every fork mainnet has had, in activation order. Forks up to and including Paris are
 * activated by block number (Paris by terminal total difficulty, with an optional block that
 * marks it); later ones by timestamp.
 */
public enum Fork {
  FRONTIER(false),
  HOMESTEAD(false),
  DAO(false),
  TANGERINE_WHISTLE(false),
  SPURIOUS_DRAGON(false),
  BYZANTIUM(false),
  CONSTANTINOPLE(false),
  PETERSBURG(false),
  ISTANBUL(false),
  MUIR_GLACIER(false),
  BERLIN(false),
  LONDON(false),
  ARROW_GLACIER(false),
  GRAY_GLACIER(false),
  /** The merge: active from the first block past terminal total difficulty. */
  PARIS(false),
  SHANGHAI(true),
  CANCUN(true),
  PRAGUE(true),
  OSAKA(true),
  BPO1(true),
  BPO2(true),
  BPO3(true),
  BPO4(true),
  BPO5(true);

  private final boolean timeBased;

  Fork(boolean timeBased) {
    this.timeBased = timeBased;
  }

  /** True when the fork activates at a timestamp rather than at a block number. */
  public boolean timeBased() {
    return timeBased;
  }
}
