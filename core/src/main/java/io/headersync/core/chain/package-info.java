/**
 * Chain specifications: the fork schedule (blocks, times, terminal total difficulty), the blob
 * schedule, the seal engine, the genesis header, bootnodes; presets for the public networks and
 * any chain given as a geth-style {@code genesis.json}; fork ids (EIP-2124).
 *
 * <p>Knows nothing of validation rules, networks or storage.
 */
package io.headersync.core.chain;
