/**
 * Clique proof of authority (EIP-225): the extraData layout and seal hash
 * ({@link io.headersync.consensus.seal.clique.CliqueHeaders}), the voting state after each
 * block ({@link io.headersync.consensus.seal.clique.CliqueSnapshot}) and the verifier that
 * follows it ({@link io.headersync.consensus.seal.clique.CliqueSealVerifier}). Signatures use
 * {@code core.crypto.Secp256k1}.
 *
 * <p>Knows headers only: the snapshots it keeps live in memory; no networks, no storage.
 */
package io.headersync.consensus.seal.clique;
