package io.headersync.consensus.seal;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.seal.clique.CliqueSealVerifier;
import io.headersync.consensus.seal.ethash.Ethash;
import io.headersync.consensus.seal.ethash.EthashCaches;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.SealEngine;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/** The seal verifier a chain needs. */
public final class SealVerifiers {

  private SealVerifiers() {}

  /**
   * The verifier of {@code chain}'s seals with default settings, sampling (if asked) from an
   * unpredictable source so that no peer can tell which of its headers will be checked.
   */
  public static SealVerifier forChain(ChainSpec chain, SealMode mode) {
    return forChain(chain, mode, SealVerifierConfig.DEFAULT, new SecureRandom());
  }

  /**
   * The verifier of {@code chain}'s seals: ethash proof of work up to the merge (the genesis
   * and headers with difficulty zero carry none), clique signatures, or nothing for chains without a seal of
   * their own and for mode {@code off}.
   *
   * @param random where sampled mode draws from; tests pass a seeded one to reproduce a run
   * @throws IllegalArgumentException when a clique chain's genesis does not list its signers
   */
  public static SealVerifier forChain(ChainSpec chain, SealMode mode, SealVerifierConfig config, RandomGenerator random) {
    if (mode instanceof SealMode.Off) {
      return new NoSealVerifier(mode);
    }
    return switch (chain.sealEngine()) {
      case SealEngine.Ethash e -> ethash(new Ethash(new EthashCaches(config.ethashCacheEpochs())), mode, config, random);
      case SealEngine.Clique c -> {
        try {
          yield new CliqueSealVerifier(chain.genesis(), c, mode, config.cliqueSnapshots(),
              new SealWorkers(config.threads(), "clique-verify"));
        } catch (InvalidHeaderException e) {
          throw new IllegalArgumentException("chain " + chain.name() + ": genesis cannot start clique: " + e.getMessage(), e);
        }
      }
      case SealEngine.None n -> new NoSealVerifier(mode);
    };
  }

  /**
   * An ethash verifier over caches the caller may share with other verifiers. The genesis
   * (a trust anchor, never mined) and headers with difficulty zero (past the merge) carry no
   * proof of work and are passed without a check.
   */
  public static SealVerifier ethash(Ethash ethash, SealMode mode, SealVerifierConfig config, RandomGenerator random) {
    if (mode instanceof SealMode.Off) {
      return new NoSealVerifier(mode);
    }
    return new IndependentSealVerifier(mode, header -> {
      if (header.number() != 0 && header.difficulty().signum() != 0) {
        ethash.verify(header);
      }
    }, random, new SealWorkers(config.threads(), "ethash-verify"));
  }
}
