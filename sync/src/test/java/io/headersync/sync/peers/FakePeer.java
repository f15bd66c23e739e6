package io.headersync.sync.peers;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerError;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.PeerResponseListener;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A peer the test answers by hand. */
final class FakePeer implements PeerHandle {

  record Sent(HeadersRequest request, PeerResponseListener<List<BlockHeader>> listener) {}

  final PeerId id;
  PeerChainState state;
  Optional<Duration> roundTrip = Optional.empty();
  final List<Sent> sent = new ArrayList<>();
  final List<DisconnectReason> disconnects = new ArrayList<>();

  FakePeer(String id, long headNumber) {
    this.id = PeerId.of(id);
    this.state = PeerChainState.eth68(Hash.ZERO, headNumber, BigInteger.ONE);
  }

  FakePeer rtt(long millis) {
    roundTrip = Optional.of(Duration.ofMillis(millis));
    return this;
  }

  FakePeer range(long first, long last) {
    state = PeerChainState.eth69(BlockRange.of(first, last), Hash.ZERO);
    return this;
  }

  FakePeer headUnknown() {
    state = PeerChainState.eth68(Hash.ZERO, BigInteger.ONE);
    return this;
  }

  Sent last() {
    return sent.getLast();
  }

  void answer(Sent s, List<BlockHeader> headers) {
    s.listener().onResponse(new PeerResponse<>(id, headers));
  }

  void answerLast(List<BlockHeader> headers) {
    answer(last(), headers);
  }

  void failLast(PeerError.Kind kind) {
    last().listener().onError(new PeerError(id, kind, "test"));
  }

  @Override
  public PeerId id() {
    return id;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.ETH_68);
  }

  @Override
  public PeerChainState chainState() {
    return state;
  }

  @Override
  public Optional<Duration> measuredRoundTrip() {
    return roundTrip;
  }

  @Override
  public void requestHeaders(HeadersRequest request, PeerResponseListener<List<BlockHeader>> listener) {
    sent.add(new Sent(request, listener));
  }

  @Override
  public void requestBodies(BodiesRequest request, PeerResponseListener<List<BlockBody>> listener) {
    throw new UnsupportedOperationException("not used by these tests");
  }

  @Override
  public void disconnect(DisconnectReason reason) {
    disconnects.add(reason);
  }
}
