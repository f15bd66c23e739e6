package io.headersync.sync.api;

import java.util.Objects;

/**
 * An answer and the peer that gave it, so whoever checks the answer can report that peer if it
 * turns out to be wrong.
 */
public record PeerResponse<T>(PeerId peer, T value) {

  public PeerResponse {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(value, "value");
  }
}
