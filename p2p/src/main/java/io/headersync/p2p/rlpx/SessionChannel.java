package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeId;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;

/** One sub-protocol's {@link ProtocolChannel} onto its session: shifts its codes by the negotiated offset. */
final class SessionChannel implements ProtocolChannel {

  private final SessionHandler session;
  private final SharedCapability shared;

  SessionChannel(SessionHandler session, SharedCapability shared) {
    this.session = session;
    this.shared = shared;
  }

  @Override
  public NodeId remoteId() {
    return session.remoteId();
  }

  @Override
  public Capability capability() {
    return shared.capability();
  }

  @Override
  public String remoteClientId() {
    return session.remoteClientId();
  }

  @Override
  public String remoteAddress() {
    return session.remoteAddress();
  }

  @Override
  public boolean inbound() {
    return session.inbound();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code code} is outside the capability's message space
   *     or the payload exceeds the session's message cap
   */
  @Override
  public void send(int code, byte[] payload) {
    if (code < 0 || code >= shared.messageSpace()) {
      throw new IllegalArgumentException(shared.capability() + " has message codes 0 to "
          + (shared.messageSpace() - 1) + ", not " + code);
    }
    session.sendMessage(shared.offset() + code, payload);
  }

  @Override
  public void disconnect(DisconnectReason reason) {
    session.disconnect(reason);
  }

  @Override
  public boolean isOpen() {
    return session.isOpen();
  }

  @Override
  public String toString() {
    return shared.capability() + "@" + session;
  }
}
