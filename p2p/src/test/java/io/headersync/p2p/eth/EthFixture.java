package io.headersync.p2p.eth;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import io.headersync.p2p.server.ServerConfig;
import io.headersync.p2p.server.StoreRequestServer;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerReporter;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PreMergeRecipe;
import io.headersync.testkit.chain.SyntheticBodies;
import io.headersync.testkit.chain.WithBodiesRecipe;
import io.headersync.testkit.sim.EventTrace;
import io.headersync.testkit.sim.VirtualScheduler;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * A synthetic proof-of-work chain of {@link #HEAD} + 1 blocks (bodies committed by the headers), a
 * chain spec for it (forks at blocks 1000 and 5,000,000, so a full node and a fresh one have
 * different but compatible fork ids), stores, and a virtual sync loop with recording listeners.
 */
final class EthFixture {

  static final long HEAD = 3000;
  static final long NETWORK_ID = 4242;

  /** Shared by every test: the chain is immutable, and making it is the slowest part of a fixture. */
  private static final LazyHeaderChain CHAIN = ChainBuilder.withRecipe(new WithBodiesRecipe(PreMergeRecipe.homestead()))
      .seed(11).length(HEAD).build();

  final LazyHeaderChain chain = CHAIN;
  final ChainSpec spec = new ChainSpec("synthetic", NETWORK_ID, NETWORK_ID, chain.header(0),
      Map.of(Fork.HOMESTEAD, 1000L, Fork.BYZANTIUM, 5_000_000L), null, Map.of(), new SealEngine.Ethash(), List.of());
  final VirtualScheduler loop = new VirtualScheduler(new EventTrace(64));
  final RecordingListener listener = new RecordingListener();
  /** What the serving side (end b in most tests) tells its own sync. */
  final RecordingListener remoteListener = new RecordingListener();
  final List<String> reports = new ArrayList<>();
  final PeerReporter reporter = (peer, offence, detail) -> reports.add(offence + " " + peer + ": " + detail);

  /** A store holding the whole chain, with bodies for the blocks {@code hasBody} accepts. */
  InMemoryHeaderStore fullStore(LongPredicate hasBody) {
    InMemoryHeaderStore store = InMemoryHeaderStore.create(chain.header(0).hash());
    WriteBatch batch = new WriteBatch();
    for (long n = 0; n <= HEAD; n++) {
      BlockHeader h = chain.header(n);
      batch.putCanonicalHeader(h, chain.totalDifficulty(n));
      if (hasBody.test(n)) {
        batch.putBody(h.hash(), SyntheticBodies.bodyFor(h).encode());
      }
      if (batch.size() > 2000) {
        store.commit(batch);
        batch = new WriteBatch();
      }
    }
    store.commit(batch);
    return store;
  }

  /** A store with the genesis only: a node that has not synced yet. */
  InMemoryHeaderStore freshStore() {
    InMemoryHeaderStore store = InMemoryHeaderStore.create(chain.header(0).hash());
    store.commit(new WriteBatch().putCanonicalHeader(chain.header(0), chain.totalDifficulty(0)));
    return store;
  }

  EthProtocol protocol(EthConfig config, InMemoryHeaderStore store) {
    return protocol(config, spec, store);
  }

  EthProtocol protocol(EthConfig config, ChainSpec chainSpec, InMemoryHeaderStore store) {
    return new EthProtocol(config, new StatusHandshake(chainSpec, store),
        new StoreRequestServer(store, ServerConfig.DEFAULT), loop, listener, reporter, RoundTripProbe.NONE);
  }

  /** The serving side's protocol: its events go to {@link #remoteListener}, its reports nowhere. */
  EthProtocol remoteProtocol(EthConfig config, InMemoryHeaderStore store) {
    return new EthProtocol(config, new StatusHandshake(spec, store),
        new StoreRequestServer(store, ServerConfig.DEFAULT), loop, remoteListener, (p, o, d) -> { }, RoundTripProbe.NONE);
  }

  /** Delivers messages and runs loop tasks due now until both are idle; virtual time does not move. */
  void settle(ChannelPair pair) {
    boolean moved;
    do {
      moved = pair.deliverAll();
      long before = loop.eventsRun();
      loop.runFor(Duration.ZERO);
      moved |= loop.eventsRun() != before;
    } while (moved);
  }

  BigInteger td(long number) {
    return chain.totalDifficulty(number);
  }

  /** Everything the transport told sync, in order, with the thread-free check that it ran on the loop. */
  static final class RecordingListener implements PeerSetListener {
    final List<PeerHandle> connected = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final List<BlockAnnouncement> announcements = new ArrayList<>();
    final List<PeerChainState> stateChanges = new ArrayList<>();

    @Override
    public void peerConnected(PeerHandle peer) {
      connected.add(peer);
      events.add("connected " + peer.id());
    }

    @Override
    public void peerDisconnected(PeerId peer, DisconnectReason reason) {
      events.add("disconnected " + peer + " " + reason);
    }

    @Override
    public void peerChainStateChanged(PeerId peer, PeerChainState state) {
      stateChanges.add(state);
      events.add("state " + peer);
    }

    @Override
    public void blockAnnounced(PeerId peer, BlockAnnouncement announcement) {
      announcements.add(announcement);
    }

    long disconnects() {
      return events.stream().filter(e -> e.startsWith("disconnected")).count();
    }
  }

  static String offences(List<String> reports, Offence offence) {
    return String.join("\n", reports.stream().filter(r -> r.startsWith(offence.name())).toList());
  }
}
