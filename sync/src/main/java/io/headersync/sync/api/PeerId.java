package io.headersync.sync.api;

import java.util.Objects;

/**
 * Names one peer for as long as the process runs: for RLPx peers the hex node id, for simulated
 * peers a short label. Reputation and bans are kept by this name, so a peer that reconnects is
 * recognised.
 */
public record PeerId(String value) implements Comparable<PeerId> {

  public PeerId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a peer id must not be blank");
    }
  }

  public static PeerId of(String value) {
    return new PeerId(value);
  }

  @Override
  public int compareTo(PeerId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
