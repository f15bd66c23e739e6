/**
 * Hash functions: Keccak-256 and Keccak-512 (legacy padding, as Ethereum uses them) over
 * Bouncy Castle's permutation.
 *
 * <p>Knows nothing of headers, networks or storage.
 */
package io.headersync.core.crypto;
