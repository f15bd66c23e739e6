package io.headersync.store;

import java.util.Iterator;

/**
 * An iterator that holds store resources (a snapshot, native cursors) until closed; use it in
 * try-with-resources. It reads lazily, so memory does not grow with the range it walks.
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {

  /** Releases what the iterator holds; idempotent, and never throws a checked exception. */
  @Override
  void close();
}
