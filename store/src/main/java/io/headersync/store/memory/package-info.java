/**
 * {@link io.headersync.store.memory.InMemoryHeaderStore}: the same tables and rules as the
 * RocksDB store, held in sorted maps, for tests and simulations that want speed and no files.
 *
 * <p>May not touch RocksDB or the file system.
 */
package io.headersync.store.memory;
