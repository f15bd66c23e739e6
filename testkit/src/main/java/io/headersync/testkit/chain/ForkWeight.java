package io.headersync.testkit.chain;

/**
 * How a pre-merge fork's total difficulty compares with the chain it leaves, at their heads.
 * Post-merge forks all weigh the same (difficulty zero); the consensus layer picks among them.
 */
public enum ForkWeight {
  /** More total difficulty than the base chain's head. */
  HEAVIER,
  /** Less total difficulty than the base chain's head. */
  LIGHTER,
  /** No promise either way (and the only choice after the merge). */
  ANY
}
