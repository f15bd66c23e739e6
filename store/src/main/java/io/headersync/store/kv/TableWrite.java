package io.headersync.store.kv;

/**
 * Changes gathered for one atomic write; nothing is visible until {@link #commit()}. Closing
 * without committing discards them.
 *
 * <p>{@link #put} and {@link #delete} take what they need from the arrays before returning: a
 * caller may pass arrays it does not own (a hash's own bytes), and an engine never keeps them.
 */
public interface TableWrite extends AutoCloseable {

  void put(Table table, byte[] key, byte[] value);

  void delete(Table table, byte[] key);

  /** Applies every change at once. */
  void commit();

  @Override
  void close();
}
