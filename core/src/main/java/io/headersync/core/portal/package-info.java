/**
 * Content values of the portal history network that carry block headers, starting with
 * {@link io.headersync.core.portal.HeaderWithProof}: decoded by hand (two fixed SSZ containers
 * do not justify an SSZ library) and checked against the pre-merge accumulator of
 * {@code io.headersync.core.era}. A malformed value becomes a
 * {@link io.headersync.core.portal.ContentFormatException} with its offset and reason.
 *
 * <p>Decodes values only: no portal networking (discv5, uTP) lives here, and nothing of storage.
 */
package io.headersync.core.portal;
