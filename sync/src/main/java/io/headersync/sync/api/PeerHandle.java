package io.headersync.sync.api;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a transport gives the request scheduler for one connected peer. Implemented by the eth
 * peer of the p2p module and by the testkit's simulated peer; the scheduler cannot tell them
 * apart.
 *
 * <p>Requests never block: the answer comes later through the listener, on the sync event loop
 * (see {@link PeerResponseListener} for the contract). Transports answer with what arrived,
 * decoded but not judged: whether the headers are the ones asked for is for the caller to check.
 */
public interface PeerHandle {

  PeerId id();

  /** Sub-protocols the peer agreed to speak in its Hello. */
  Set<Capability> capabilities();

  /** The peer's latest claim about its chain (Status, announcements, BlockRangeUpdate). */
  PeerChainState chainState();

  /**
   * A round-trip time the transport measured itself (such as a devp2p ping), used before the
   * scheduler has timed any request to this peer; empty when there is none.
   */
  Optional<Duration> measuredRoundTrip();

  void requestHeaders(HeadersRequest request, PeerResponseListener<List<BlockHeader>> listener);

  void requestBodies(BodiesRequest request, PeerResponseListener<List<BlockBody>> listener);

  /** Closes the connection; pending requests end with a {@link PeerError.Kind#DISCONNECTED} error. */
  void disconnect(DisconnectReason reason);
}
