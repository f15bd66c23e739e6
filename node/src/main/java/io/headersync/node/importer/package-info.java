/**
 * Importing and verifying block files: reads them in order through
 * {@link io.headersync.core.source.BlockSources}, checks every block in chunks (hashes and body
 * roots on a bounded worker pool, then header rules and total difficulty in order, then seals),
 * and — for an import — writes each chunk to the store in one atomic batch with the
 * {@code headers} checkpoint.
 *
 * <p>Wiring only: the rules live in consensus, the formats in core, the tables in store.
 */
package io.headersync.node.importer;
