package io.headersync.p2p.peers;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.node.P2pConfig;
import io.headersync.p2p.node.P2pNetwork;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.p2p.rlpx.RlpxConfig;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.sync.time.EventLoopScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A node on loopback for the peer-set tests: a {@link P2pNetwork} on a free port with discovery
 * off, over an in-memory mainnet store holding the genesis, and a listener recording the eth peer
 * events the sync side would get.
 */
final class LoopbackNode implements AutoCloseable {

  static final ChainSpec SPEC = ChainSpecs.preset("mainnet");
  /** Short timings so that back-off and redial happen within a test. */
  static final PeerSetConfig FAST = PeerSetConfig.DEFAULT.withDialInterval(Duration.ofMillis(50))
      .withRedialBackoff(Duration.ofMillis(100), Duration.ofMillis(400));

  final NodeKey key;
  final HeaderStore store;
  final EventLoopScheduler loop;
  final P2pNetwork net;
  final Map<PeerId, PeerHandle> connected = new ConcurrentHashMap<>();
  final List<String> events = new CopyOnWriteArrayList<>();

  LoopbackNode(long seed, PeerSetConfig peers, PeerLists lists, List<Enode> staticPeers) {
    key = NodeKey.generate(new Random(seed));
    store = InMemoryHeaderStore.create(SPEC.genesisHash());
    BlockHeader genesis = SPEC.genesis();
    store.commit(new WriteBatch().putCanonicalHeader(genesis, genesis.difficulty()));
    loop = new EventLoopScheduler("test-sync-" + seed);
    P2pConfig config = P2pConfig.DEFAULT.withListen("127.0.0.1", 0).withDiscovery(false).withPeers(peers)
        .withLists(lists).withStaticPeers(staticPeers).withRlpx(RlpxConfig.DEFAULT.withDisconnectGrace(Duration.ofMillis(50)));
    net = P2pNetwork.start(config, key, SPEC, store, loop, (peer, offence, detail) -> events.add("report " + peer),
        List.of(new PeerSetListener() {
          @Override
          public void peerConnected(PeerHandle peer) {
            connected.put(peer.id(), peer);
            events.add("connected " + peer.id());
          }

          @Override
          public void peerDisconnected(PeerId peer, DisconnectReason reason) {
            connected.remove(peer);
            events.add("disconnected " + peer + " " + reason);
          }
        }));
  }

  static PeerLists trusting(LoopbackNode... nodes) {
    return new PeerLists(java.util.Arrays.stream(nodes).map(n -> n.key.nodeId()).collect(java.util.stream.Collectors.toSet()),
        java.util.Set.of(), java.util.Set.of());
  }

  Enode enode() {
    return net.enode();
  }

  PeerId peerId() {
    return key.nodeId().toPeerId();
  }

  PeerSetSnapshot snapshot() {
    return net.peerSet().snapshot();
  }

  /** Waits (polling, at most {@code seconds}) until {@code condition} holds; fails with {@code what} otherwise. */
  static void await(String what, double seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  @Override
  public void close() {
    net.close();
    loop.close();
    store.close();
  }
}
