/**
 * Block seals: {@link io.headersync.consensus.seal.SealVerifier} checks them for a chain
 * ({@link io.headersync.consensus.seal.SealVerifiers#forChain}), all of them or a random sample
 * of each batch ({@link io.headersync.consensus.seal.SealMode}), on a bounded set of threads
 * ({@link io.headersync.consensus.seal.SealWorkers}); defaults are in
 * {@link io.headersync.consensus.seal.SealVerifierConfig}. The engines live in
 * {@code seal.ethash} and {@code seal.clique}.
 *
 * <p>Checks seals only: other header rules, parent links and storage are not touched here.
 */
package io.headersync.consensus.seal;
