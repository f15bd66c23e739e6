package io.headersync.p2p.rlpx;

import io.headersync.sync.api.DisconnectReason;
import java.time.Duration;
import java.util.Optional;

/**
 * Observes sessions of an {@link RlpxTransport} and decides which may stay: the hook a peer set
 * uses to enforce its peer limit and one connection per node id.
 *
 * <p>Calls come from the session's I/O thread: keep them short and never block; a listener shared
 * by many sessions must be thread-safe.
 */
public interface SessionListener {

  /**
   * A session finished its handshake and Hello exchange and shares at least one capability.
   * Called once, before any sub-protocol handler is opened.
   *
   * @return empty to admit the session, or the reason to refuse it with (such as
   *     {@link DisconnectReason#TOO_MANY_PEERS} or {@link DisconnectReason#ALREADY_CONNECTED}),
   *     which is sent to the remote before the connection closes
   */
  Optional<DisconnectReason> admit(RlpxSession session);

  /** An admitted session measured a round trip (after admission, then after every Pong). */
  default void onRoundTrip(RlpxSession session, Duration roundTrip) {}

  /** An admitted session ended; called exactly once per admitted session. */
  default void onClosed(RlpxSession session, DisconnectReason reason, boolean byRemote) {}

  /** Admits every session. */
  SessionListener ADMIT_ALL = session -> Optional.empty();
}
