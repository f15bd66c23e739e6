/**
 * Unit tests of the importer's verification pieces ({@code ChunkVerifier}, {@code FileVerifier})
 * on real mainnet headers from the shared data; skipped with a message when it is absent.
 */
package io.headersync.node.importer;
