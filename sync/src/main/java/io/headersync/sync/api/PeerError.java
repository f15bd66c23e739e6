package io.headersync.sync.api;

import java.util.Objects;

/** Why a peer gave no usable answer to one request, as its transport saw it. */
public record PeerError(PeerId peer, Kind kind, String detail) {

  public enum Kind {
    /** The connection closed before the answer arrived. */
    DISCONNECTED,
    /** An answer arrived but could not be decoded (bad RLP, wrong message shape). */
    MALFORMED_MESSAGE,
    /** The request could not be sent. */
    SEND_FAILED
  }

  public PeerError {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
