/**
 * Recursive Length Prefix encoding, written by hand because it is the hottest code of the
 * product (every header, body and wire message passes through it) and because the canonical
 * checks must be exact.
 *
 * <p>{@link io.headersync.rlp.RlpReader} reads in place over a byte array slice: it never copies
 * unless asked, and it checks every length prefix against the bytes that remain before it
 * allocates anything. {@link io.headersync.rlp.RlpWriter} builds encodings into one growable
 * buffer. Every malformed input raises {@link io.headersync.rlp.RlpException} with a
 * {@link io.headersync.rlp.RlpException.Reason} and the offset where it was found.
 *
 * <p>This package knows nothing about Ethereum: no headers, no hashes.
 */
package io.headersync.rlp;
