/**
 * The default {@link io.headersync.store.HeaderStore}: RocksDB with one column family per
 * {@link io.headersync.store.kv.Table}, tuned by {@link io.headersync.store.rocksdb.RocksDbConfig}.
 * Only the engine lives here (reads, snapshots, atomic write batches, opening and closing);
 * every rule of the store is in {@link io.headersync.store.kv.KeyValueHeaderStore}.
 *
 * <p>Hand-written on purpose: {@link io.headersync.store.rocksdb.SerializedWriteBatch} builds a
 * commit's RocksDB write batch in RocksDB's serialized form instead of through RocksDB's Java
 * {@code WriteBatch.put}, because one native call per put cost more CPU per imported header than
 * RocksDB's own write of the batch (measured with the import benchmark); the whole batch now
 * crosses into native code once. A unit test pins the bytes against the RocksDB in use.
 * {@link io.headersync.store.rocksdb.KeyOrderedRecords} puts a batch's changes to the hash-keyed
 * table in key order before RocksDB sees them (RocksDB inserts in batch order, and random keys
 * cost its memtable far more); it sorts packed {@code long}s rather than byte arrays through a
 * comparator, to keep the sort's own cost a small fraction of what it saves.
 *
 * <p>RocksDB is a native library: the JVM needs {@code --enable-native-access=ALL-UNNAMED} on
 * JDK 24 and later. May not know about networks, downloading or header validation.
 */
package io.headersync.store.rocksdb;
