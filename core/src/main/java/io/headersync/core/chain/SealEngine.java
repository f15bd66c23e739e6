package io.headersync.core.chain;

/** How a chain's pre-merge blocks are sealed. */
public sealed interface SealEngine {

  /** Proof of work (ethash). */
  record Ethash() implements SealEngine {}

  /** Proof of authority (EIP-225): blocks signed by a rotating set of signers. */
  record Clique(long periodSeconds, long epochLength) implements SealEngine {}

  /** No seal of its own: proof of stake from genesis, or a chain whose seals are not checked. */
  record None() implements SealEngine {}
}
