/**
 * The one table layout every store uses, and {@link io.headersync.store.kv.KeyValueHeaderStore},
 * which implements all of {@link io.headersync.store.HeaderStore}'s semantics (batch validation,
 * unwind, chain identity, iteration) over a small ordered key-value engine. The RocksDB store and
 * the in-memory store only supply the engine, so they cannot drift apart in behaviour. {@code
 * RecentLinks} is the store's bounded in-memory record of a reverse walk's links, which its canonical pass reads instead of the headers; it only ever saves a read, so a
 * miss is never an error.
 *
 * <p>Tables and key layouts are fixed by the design document: numbers are 8 bytes big-endian so
 * that byte order is numeric order and a range of blocks is a range of keys.
 *
 * <p>May not touch RocksDB or any other engine directly.
 */
package io.headersync.store.kv;
