package io.headersync.p2p.rlpx;

import io.headersync.sync.api.DisconnectReason;

/**
 * Why a dialled session never became usable: the connection failed, the handshake or Hello
 * exchange failed or timed out, the remote disconnected, or our listener refused the session.
 */
public final class SessionClosedException extends Exception {

  private final DisconnectReason reason;
  private final boolean byRemote;

  public SessionClosedException(DisconnectReason reason, boolean byRemote, String detail) {
    super(detail + " (" + reason + (byRemote ? ", by remote)" : ")"));
    this.reason = reason;
    this.byRemote = byRemote;
  }

  public DisconnectReason reason() {
    return reason;
  }

  public boolean byRemote() {
    return byRemote;
  }
}
