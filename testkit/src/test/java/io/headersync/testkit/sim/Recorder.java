package io.headersync.testkit.sim;

import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerError;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.PeerResponseListener;
import io.headersync.sync.api.PeerSetListener;
import java.util.ArrayList;
import java.util.List;

/** Records what a simulated network and its peers report, with the virtual time of each. */
final class Recorder implements PeerSetListener {

  record Timed<T>(long nanos, T value) {}

  final VirtualScheduler clock;
  final List<Timed<PeerId>> connected = new ArrayList<>();
  final List<Timed<PeerId>> disconnected = new ArrayList<>();
  final List<Timed<PeerChainState>> chainStates = new ArrayList<>();
  final List<Timed<BlockAnnouncement>> announcements = new ArrayList<>();

  Recorder(VirtualScheduler clock) {
    this.clock = clock;
  }

  @Override
  public void peerConnected(PeerHandle peer) {
    connected.add(new Timed<>(clock.nanoTime(), peer.id()));
  }

  @Override
  public void peerDisconnected(PeerId peer, DisconnectReason reason) {
    disconnected.add(new Timed<>(clock.nanoTime(), peer));
  }

  @Override
  public void peerChainStateChanged(PeerId peer, PeerChainState state) {
    chainStates.add(new Timed<>(clock.nanoTime(), state));
  }

  @Override
  public void blockAnnounced(PeerId peer, BlockAnnouncement announcement) {
    announcements.add(new Timed<>(clock.nanoTime(), announcement));
  }

  /** A listener for one request. */
  <T> Answer<T> answer() {
    return new Answer<>(clock);
  }

  static final class Answer<T> implements PeerResponseListener<T> {
    final VirtualScheduler clock;
    final List<Timed<T>> values = new ArrayList<>();
    final List<Timed<PeerError>> errors = new ArrayList<>();

    Answer(VirtualScheduler clock) {
      this.clock = clock;
    }

    @Override
    public void onResponse(PeerResponse<T> response) {
      values.add(new Timed<>(clock.nanoTime(), response.value()));
    }

    @Override
    public void onError(PeerError error) {
      errors.add(new Timed<>(clock.nanoTime(), error));
    }

    T value() {
      if (values.size() != 1 || !errors.isEmpty()) {
        throw new AssertionError("expected one answer, got " + values.size() + " answers and errors " + errors);
      }
      return values.getFirst().value();
    }
  }
}
