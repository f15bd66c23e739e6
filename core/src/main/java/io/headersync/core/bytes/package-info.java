/**
 * Fixed-size byte values ({@link io.headersync.core.bytes.Hash}, {@link io.headersync.core.bytes.Address})
 * and hex text. Values are immutable; accessors that return arrays return copies, except the
 * explicitly named {@code unsafe} ones used on hot paths.
 *
 * <p>Knows nothing of headers, networks or storage.
 */
package io.headersync.core.bytes;
