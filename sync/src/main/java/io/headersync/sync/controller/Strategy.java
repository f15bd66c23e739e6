package io.headersync.sync.controller;

/** Which header download strategy the {@link SyncController} runs. */
public enum Strategy {
  /**
   * Chosen from the situation (see {@link StrategyChoice}): slices while shipped checkpoint hashes
   * reach beyond the local head, reverse when the target is trusted, skeleton otherwise.
   */
  AUTO,
  /** From a trusted target hash down to the local head. */
  REVERSE,
  /** Anchors and links from skeleton requests, upward from the local head; the target may come from peers. */
  SKELETON,
  /** Slices of the chain upward from the local head: preverified, then linear, then forky. */
  SLICES
}
