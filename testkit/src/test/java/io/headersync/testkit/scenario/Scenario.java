package io.headersync.testkit.scenario;

/** The four situations every strategy is simulated in. */
public enum Scenario {
  /** Honest peers only. */
  HONEST,
  /** As many awkward or faulty peers as honest ones, one behaviour each. */
  ADVERSARIAL,
  /** The honest peers move to a branch leaving the chain near its tip, and the trusted target follows. */
  REORG,
  /** The sync is stopped at a random moment and started again over the same store. */
  RESTART
}
