/**
 * Body-vs-header checks: {@link io.headersync.consensus.body.BodyValidator} recomputes the
 * transactions root, ommers hash and withdrawals root of a body and compares them with its
 * header, reporting a mismatch as an {@link io.headersync.consensus.InvalidHeaderException}
 * naming the field.
 *
 * <p>Roots come from {@code io.headersync.core.trie.TrieRoot}; nothing here executes
 * transactions, reads state, or knows where a body came from (network, file or store).
 */
package io.headersync.consensus.body;
