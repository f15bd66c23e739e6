/**
 * Reading blocks from files: the common {@link io.headersync.core.source.BlockSource} shape and
 * its implementations for RLP chain files and header-hex text files (era1 lives in
 * {@code io.headersync.core.era}). Every malformed input becomes a
 * {@link io.headersync.core.source.SourceFormatException} naming the file, the byte offset and
 * the reason.
 *
 * <p>Sources only decode; they do not validate chain rules and know nothing of storage.
 */
package io.headersync.core.source;
