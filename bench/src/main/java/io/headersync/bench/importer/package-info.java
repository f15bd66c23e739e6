/**
 * The whole-import harness: {@link io.headersync.bench.importer.ImportBenchmark} imports the
 * shared mainnet and Sepolia era1 files into fresh RocksDB data directories through the node's
 * importer, and prints its headers per second beside the machine's own limits measured in the
 * same run: Keccak-256 of every header once (one thread and the import's thread count) and just
 * reading the files.
 *
 * <p>Uses the node's importer classes as the {@code headersync import} command wires them; it
 * may not change how they work. Writes only to temporary directories, which it deletes.
 */
package io.headersync.bench.importer;
