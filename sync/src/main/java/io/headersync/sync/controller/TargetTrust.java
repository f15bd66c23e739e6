package io.headersync.sync.controller;

/** Where a sync target comes from, which decides how far it can be trusted. */
public enum TargetTrust {
  /**
   * An operator's flag or a consensus client: the target's hash is the chain's, so a download may
   * walk down from it (reverse) and a branch leading to it wins.
   */
  TRUSTED,
  /**
   * The best chain connected peers claim: it may be a lie, so the download goes upward from what is
   * known and judges branches by their own weight.
   */
  PEERS
}
