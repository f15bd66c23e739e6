package io.headersync.consensus.seal.ethash;

import io.headersync.core.bytes.Hash;

/**
 * What light verification computes for a seal hash and nonce: the mix digest the header must
 * carry, and the result that must not exceed {@code 2^256 / difficulty}.
 */
public record EthashResult(Hash mixDigest, Hash result) {}
