package io.headersync.p2p.eth;

import io.headersync.p2p.rlpx.ProtocolChannel;
import io.headersync.p2p.rlpx.ProtocolFactory;
import io.headersync.p2p.rlpx.ProtocolHandler;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.PeerReporter;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.sync.time.TaskScheduler;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The eth sub-protocol offered to RLPx sessions: eth/68 and eth/69 (as configured). Each session
 * that agrees on one gets an {@link EthSession}; once its Status is accepted the peer is announced
 * to the {@link PeerSetListener} (the request scheduler, the tip tracker) as a
 * {@link io.headersync.sync.api.PeerHandle}, and its requests are answered by the
 * {@link RequestServer}.
 */
public final class EthProtocol implements ProtocolFactory {

  private final EthConfig config;
  private final StatusHandshake handshake;
  private final RequestServer server;
  private final TaskScheduler loop;
  private final PeerSetListener listener;
  private final PeerReporter reporter;
  private final RoundTripProbe roundTripProbe;
  private final Set<EthSession> active = ConcurrentHashMap.newKeySet();

  /**
   * @param handshake our Status and the judge of theirs
   * @param server answers the peers' requests
   * @param loop the sync event loop, where every event for sync is delivered
   * @param listener told of peers arriving, leaving and announcing
   * @param reporter told of peers' offences (usually the request scheduler)
   * @param roundTripProbe the transport's own round-trip measurement, if any
   */
  public EthProtocol(EthConfig config, StatusHandshake handshake, RequestServer server, TaskScheduler loop,
      PeerSetListener listener, PeerReporter reporter, RoundTripProbe roundTripProbe) {
    this.config = Objects.requireNonNull(config, "config");
    this.handshake = Objects.requireNonNull(handshake, "handshake");
    this.server = Objects.requireNonNull(server, "server");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.roundTripProbe = Objects.requireNonNull(roundTripProbe, "roundTripProbe");
  }

  @Override
  public List<Capability> capabilities() {
    return config.versions().stream().map(EthVersion::capability).toList();
  }

  @Override
  public int messageSpace(Capability capability) {
    return version(capability).messageSpace();
  }

  @Override
  public ProtocolHandler open(ProtocolChannel channel) {
    return new EthSession(channel, version(channel.capability()), this);
  }

  /** Sessions whose Status was accepted and that are still open. */
  public List<EthSession> activeSessions() {
    return active.stream().filter(EthSession::isActive).toList();
  }

  private EthVersion version(Capability capability) {
    EthVersion v = EthVersion.of(capability)
        .orElseThrow(() -> new IllegalArgumentException("not an eth version headersync speaks: " + capability));
    if (!config.versions().contains(v)) {
      throw new IllegalArgumentException(capability + " is not offered by this node's configuration");
    }
    return v;
  }

  void register(EthSession session) {
    active.add(session);
  }

  void unregister(EthSession session) {
    active.remove(session);
  }

  EthConfig config() {
    return config;
  }

  StatusHandshake handshake() {
    return handshake;
  }

  RequestServer server() {
    return server;
  }

  TaskScheduler loop() {
    return loop;
  }

  PeerSetListener listener() {
    return listener;
  }

  PeerReporter reporter() {
    return reporter;
  }

  RoundTripProbe roundTripProbe() {
    return roundTripProbe;
  }
}
