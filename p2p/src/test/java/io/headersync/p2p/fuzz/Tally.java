package io.headersync.p2p.fuzz;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one decoder made of its inputs: how many it accepted, rejected with the typed error (by
 * reason) or left waiting for more bytes, and the most heap one input cost.
 */
final class Tally {

  final String decoder;
  long inputs;
  long accepted;
  long incomplete;
  long maxAllocated;
  int maxAllocatedInputSize;
  long maxInputSize;
  final Map<String, Long> rejected = new TreeMap<>();

  Tally(String decoder) {
    this.decoder = decoder;
  }

  long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  void add(Tally other) {
    inputs += other.inputs;
    accepted += other.accepted;
    incomplete += other.incomplete;
    if (other.maxAllocated > maxAllocated) {
      maxAllocated = other.maxAllocated;
      maxAllocatedInputSize = other.maxAllocatedInputSize;
    }
    maxInputSize = Math.max(maxInputSize, other.maxInputSize);
    other.rejected.forEach((k, v) -> rejected.merge(k, v, Long::sum));
  }

  @Override
  public String toString() {
    return String.format("%-34s %,10d inputs: %,9d accepted, %,9d rejected, %,7d incomplete; "
            + "most heap for one input %,9d B (input of %,d B); rejections %s",
        decoder, inputs, accepted, rejectedTotal(), incomplete, maxAllocated, maxAllocatedInputSize, rejected);
  }
}
