/**
 * Roots of Ethereum's hexary Merkle-Patricia trie, computed from a complete set of entries.
 *
 * <p>Only roots are computed here (transactions, withdrawals and receipts roots; a genesis
 * state root): nothing is stored, no proofs are served. The trie is small and fully specified
 * (yellow paper, appendix D), so it is written by hand rather than pulling in a client library
 * with a database behind it. Depends on {@code rlp} and {@code core.crypto} only.
 */
package io.headersync.core.trie;
