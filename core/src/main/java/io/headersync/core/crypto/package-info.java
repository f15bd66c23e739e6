/**
 * Hash functions: Keccak-256 and Keccak-512 (legacy padding, as Ethereum uses them) on a
 * hand-written keccak-f[1600] ({@link io.headersync.core.crypto.KeccakSponge}: hashing is the
 * largest cost of a sync, and it runs about a seventh faster than Bouncy Castle's digest);
 * secp256k1 signing, public-key recovery and addresses ({@link io.headersync.core.crypto.Secp256k1})
 * over Bouncy Castle's curve arithmetic.
 *
 * <p>Knows nothing of headers, networks or storage.
 */
package io.headersync.core.crypto;
