/**
 * Blocks as they travel: {@link io.headersync.core.block.BlockHeader} in every shape mainnet
 * has had (legacy through Prague, and any trailing fields a later fork adds), bodies and
 * withdrawals. A decoded header keeps the exact bytes it came from, so it re-encodes byte for
 * byte and its hash is the Keccak-256 of what was received.
 *
 * <p>Knows nothing of validation rules, networks or storage.
 */
package io.headersync.core.block;
