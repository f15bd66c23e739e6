package io.headersync.testkit.sim;

import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.testkit.chain.HeaderChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic network of simulated peers: one virtual clock and event loop, one seed from
 * which every peer draws its own random stream (so adding a peer does not change what the others
 * do), and listeners that hear of peers the way they would from a real transport. The same seed
 * and the same calls give the same {@link EventTrace}, event for event.
 *
 * <pre>{@code
 * SimulatedNetwork net = new SimulatedNetwork(seed);
 * RequestScheduler scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, net.scheduler());
 * net.addListener(scheduler);
 * net.addPeer("honest-1", chain, PeerProfile.typical());
 * net.addPeer("liar", chain, PeerProfile.typical(), new PeerBehaviour.CorruptsHeaderByte());
 * net.scheduler().runUntil(() -> done, Duration.ofMinutes(10));
 * }</pre>
 */
public final class SimulatedNetwork {

  /** Lines of trace kept for reading after a failure. */
  private static final int TRACE_LINES_KEPT = 2000;

  private final long seed;
  private final EventTrace trace = new EventTrace(TRACE_LINES_KEPT);
  private final VirtualScheduler scheduler = new VirtualScheduler(trace);
  private final List<PeerSetListener> listeners = new ArrayList<>();
  private final List<SimulatedPeer> peers = new ArrayList<>();

  public SimulatedNetwork(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  public VirtualScheduler scheduler() {
    return scheduler;
  }

  public EventTrace trace() {
    return trace;
  }

  public void addListener(PeerSetListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Adds a peer serving {@code chain}; it connects at once (on the next event) or when its
   * {@link PeerBehaviour.JoinsLate} says.
   */
  public SimulatedPeer addPeer(String id, HeaderChain chain, PeerProfile profile, PeerBehaviour... behaviours) {
    SimulatedPeer peer = new SimulatedPeer(this, id, peers.size(), chain, profile, List.of(behaviours));
    peers.add(peer);
    peer.scheduleConnect();
    return peer;
  }

  public List<SimulatedPeer> peers() {
    return List.copyOf(peers);
  }

  long peerSeed(int index) {
    return Seeds.mix(seed, index);
  }

  void announceConnected(SimulatedPeer peer) {
    for (PeerSetListener l : List.copyOf(listeners)) {
      l.peerConnected(peer);
    }
  }

  void announceDisconnected(SimulatedPeer peer, DisconnectReason reason) {
    for (PeerSetListener l : List.copyOf(listeners)) {
      l.peerDisconnected(peer.id(), reason);
    }
  }

  void announceChainState(SimulatedPeer peer, PeerChainState state) {
    for (PeerSetListener l : List.copyOf(listeners)) {
      l.peerChainStateChanged(peer.id(), state);
    }
  }

  void announceBlock(SimulatedPeer peer, BlockAnnouncement announcement) {
    for (PeerSetListener l : List.copyOf(listeners)) {
      l.blockAnnounced(peer.id(), announcement);
    }
  }
}
