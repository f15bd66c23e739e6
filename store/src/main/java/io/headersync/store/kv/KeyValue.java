package io.headersync.store.kv;

/** One entry of a table, as an engine's scan returns it. */
public record KeyValue(byte[] key, byte[] value) {}
