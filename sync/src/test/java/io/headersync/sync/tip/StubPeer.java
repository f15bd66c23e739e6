package io.headersync.sync.tip;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponseListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A peer that only states its chain; the tracker never sends it requests. */
record StubPeer(PeerId id, PeerChainState chainState) implements PeerHandle {

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.ETH_68);
  }

  @Override
  public Optional<Duration> measuredRoundTrip() {
    return Optional.empty();
  }

  @Override
  public void requestHeaders(HeadersRequest request, PeerResponseListener<List<BlockHeader>> listener) {
    throw new UnsupportedOperationException("the tip tracker asks through its client, never a peer directly");
  }

  @Override
  public void requestBodies(BodiesRequest request, PeerResponseListener<List<BlockBody>> listener) {
    throw new UnsupportedOperationException("the tip tracker asks through its client, never a peer directly");
  }

  @Override
  public void disconnect(DisconnectReason reason) {}
}
