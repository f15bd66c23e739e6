package io.headersync.sync.download.skeleton;

import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.PeerId;
import java.util.ArrayList;
import java.util.List;

/**
 * The lower end of a chain of links whose parent is not known yet: it waits for the header with
 * hash {@link #parentHash}, which an anchor extension request asks for (with the headers below
 * it). Several links may hang from one anchor (siblings of a fork).
 */
final class Anchor {

  final Hash parentHash;
  /** The number of the links hanging from it (their parent is one lower). */
  final long number;
  final long seq;
  /** The peer that sent the header this anchor was made for; reported if the anchor is given up. */
  final PeerId supplier;
  final List<Link> roots = new ArrayList<>(1);

  /** Extension rounds that no peer answered (each already retried by the request scheduler). */
  int failures;
  /** Extension rounds answered without the anchor being extended (the answers broke rules, or did not fit). */
  int fruitless;
  /** Before this time (nanoseconds of the loop's clock) no extension is asked for. */
  long nextRetryNanos = Long.MIN_VALUE;
  boolean requestInFlight;

  Anchor(Hash parentHash, long number, long seq, PeerId supplier) {
    this.parentHash = parentHash;
    this.number = number;
    this.seq = seq;
    this.supplier = supplier;
  }

  boolean waitingAt(long nowNanos) {
    return nextRetryNanos != Long.MIN_VALUE && nowNanos - nextRetryNanos < 0;
  }

  @Override
  public String toString() {
    return "anchor #" + number + " waiting for " + parentHash.toHex().substring(0, 10);
  }
}
