package io.headersync.bench.jmh;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Walks a header array in order, per benchmark thread, so that each call sees the next header
 * (as an import does) rather than one header the CPU caches and predicts perfectly.
 */
@State(Scope.Thread)
public class Cursor {

  private int next = 1;

  /** The next index in {@code [from, size)}, wrapping round to {@code from}. */
  int next(int from, int size) {
    int i = next;
    if (i >= size || i < from) {
      i = from;
    }
    next = i + 1;
    return i;
  }
}
