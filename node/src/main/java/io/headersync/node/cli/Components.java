package io.headersync.node.cli;

import io.headersync.consensus.seal.SealMode;
import io.headersync.consensus.seal.SealVerifier;
import io.headersync.consensus.seal.SealVerifierConfig;
import io.headersync.consensus.seal.SealVerifiers;
import io.headersync.core.chain.ChainSpec;
import io.headersync.node.importer.ChunkVerifier;
import io.headersync.node.importer.ImportConfig;
import java.security.SecureRandom;

/** Builds the verification components the import and verify commands share. */
final class Components {

  private Components() {}

  /** A chunk verifier and the seal verifier it owns; closing it closes both. */
  record Verification(SealVerifier seals, ChunkVerifier chunks) implements AutoCloseable {
    @Override
    public void close() {
      chunks.close();
      seals.close();
    }
  }

  static Verification verification(ChainSpec chain, SealMode mode, ImportConfig config) {
    // Sampling draws from a secure source so a peer or file cannot predict which seals go unchecked.
    SealVerifier seals = SealVerifiers.forChain(chain, mode, SealVerifierConfig.DEFAULT.withThreads(config.threads()),
        new SecureRandom());
    return new Verification(seals, new ChunkVerifier(chain, seals, config.threads()));
  }
}
