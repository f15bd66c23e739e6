/**
 * Shipped checkpoint hashes: block number → hash pairs a node trusts without checking the
 * headers below them ({@link io.headersync.core.checkpoint.CheckpointHashes}), read from text
 * files with typed, line-numbered errors ({@link io.headersync.core.checkpoint.CheckpointFileException}).
 *
 * <p>Two line forms are read: a bare hash per line at a fixed step (line {@code i} is block
 * {@code step·i}, as the published every-192 lists are), and {@code number hash} per line for
 * irregular spacing. Hand-written: the format is a few lines of text and the errors must name the
 * line; no library would add anything.
 *
 * <p>Only reads and looks up: knows nothing of peers, downloading or storage.
 */
package io.headersync.core.checkpoint;
