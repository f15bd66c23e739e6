package io.headersync.store.kv;

/**
 * Changes gathered for one atomic write; nothing is visible until {@link #commit()}. Closing
 * without committing discards them.
 */
public interface TableWrite extends AutoCloseable {

  void put(Table table, byte[] key, byte[] value);

  void delete(Table table, byte[] key);

  /** Applies every change at once. */
  void commit();

  @Override
  void close();
}
