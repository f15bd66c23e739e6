/**
 * Hash functions: Keccak-256 and Keccak-512 (legacy padding, as Ethereum uses them) over
 * Bouncy Castle's permutation; secp256k1 signing, public-key recovery and addresses
 * ({@link io.headersync.core.crypto.Secp256k1}) over Bouncy Castle's curve arithmetic.
 *
 * <p>Knows nothing of headers, networks or storage.
 */
package io.headersync.core.crypto;
