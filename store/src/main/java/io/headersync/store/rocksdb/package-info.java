/**
 * The default {@link io.headersync.store.HeaderStore}: RocksDB with one column family per
 * {@link io.headersync.store.kv.Table}, tuned by {@link io.headersync.store.rocksdb.RocksDbConfig}.
 * Only the engine lives here (reads, snapshots, atomic write batches, opening and closing);
 * every rule of the store is in {@link io.headersync.store.kv.KeyValueHeaderStore}.
 *
 * <p>RocksDB is a native library: the JVM needs {@code --enable-native-access=ALL-UNNAMED} on
 * JDK 24 and later. May not know about networks, downloading or header validation.
 */
package io.headersync.store.rocksdb;
