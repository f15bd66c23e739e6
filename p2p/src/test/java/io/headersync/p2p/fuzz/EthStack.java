package io.headersync.p2p.fuzz;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import io.headersync.p2p.eth.EthConfig;
import io.headersync.p2p.eth.EthMessage;
import io.headersync.p2p.eth.EthProtocol;
import io.headersync.p2p.eth.EthVersion;
import io.headersync.p2p.eth.RoundTripProbe;
import io.headersync.p2p.eth.StatusHandshake;
import io.headersync.p2p.server.ServerConfig;
import io.headersync.p2p.server.StoreRequestServer;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.sim.EventTrace;
import io.headersync.testkit.sim.VirtualScheduler;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The eth protocol of a node that holds a short synthetic chain, on a virtual sync loop, with
 * counters of what it tells sync: the receiving side of the session-level fuzz and flood tests.
 */
final class EthStack {

  static final long NETWORK_ID = 4242;
  private static final LazyHeaderChain CHAIN = ChainBuilder.preMerge().seed(9).length(64).build();

  final VirtualScheduler loop = new VirtualScheduler(new EventTrace(16));
  final Counting listener = new Counting();
  final StatusHandshake handshake;
  final EthProtocol protocol;
  long reports;

  EthStack(EthConfig config) {
    BlockHeader genesis = CHAIN.header(0);
    ChainSpec spec = new ChainSpec("fuzz", NETWORK_ID, NETWORK_ID, genesis, Map.of(Fork.HOMESTEAD, 1000L), null, Map.of(),
        new SealEngine.Ethash(), List.of());
    InMemoryHeaderStore store = InMemoryHeaderStore.create(genesis.hash());
    WriteBatch batch = new WriteBatch();
    for (long n = 0; n <= CHAIN.headNumber(); n++) {
      batch.putCanonicalHeader(CHAIN.header(n), CHAIN.totalDifficulty(n));
    }
    store.commit(batch);
    handshake = new StatusHandshake(spec, store);
    protocol = new EthProtocol(config, handshake, new StoreRequestServer(store, ServerConfig.DEFAULT), loop, listener,
        (peer, offence, detail) -> reports++, RoundTripProbe.NONE);
  }

  /** A Status this node accepts: its own, as a peer on the same chain would send it. */
  EthMessage peerStatus(EthVersion version) {
    return handshake.localStatus(version);
  }

  static BigInteger td(long number) {
    return CHAIN.totalDifficulty(number);
  }

  /** Counts what the transport tells sync. */
  static final class Counting implements PeerSetListener {
    long connected;
    long disconnected;
    long announcements;
    long stateChanges;

    @Override
    public void peerConnected(PeerHandle peer) {
      connected++;
    }

    @Override
    public void peerDisconnected(PeerId peer, DisconnectReason reason) {
      disconnected++;
    }

    @Override
    public void peerChainStateChanged(PeerId peer, PeerChainState state) {
      stateChanges++;
    }

    @Override
    public void blockAnnounced(PeerId peer, BlockAnnouncement announcement) {
      announcements++;
    }
  }
}
