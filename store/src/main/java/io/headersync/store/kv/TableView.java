package io.headersync.store.kv;

import io.headersync.store.CloseableIterator;

/**
 * Reads of the tables as they were when the view was opened (engines that cannot snapshot
 * return a live view and say so). Close it to release the snapshot.
 */
public interface TableView extends AutoCloseable {

  /** The value at {@code key}, or {@code null}. */
  byte[] get(Table table, byte[] key);

  /** Entries from {@code fromKey} (inclusive) in ascending unsigned byte order. */
  CloseableIterator<KeyValue> scan(Table table, byte[] fromKey);

  /**
   * Whether reads see one point in time. A live view (an engine without snapshots) may see a
   * commit halfway through a walk; walks over it stop where the data stops agreeing.
   */
  boolean isSnapshot();

  @Override
  void close();
}
