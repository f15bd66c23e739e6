package io.headersync.node.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.chain.ChainSpec;
import io.headersync.p2p.eth.EthVersion;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.node.P2pConfig;
import io.headersync.p2p.peers.PeerSetCounter;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.controller.Strategy;
import io.headersync.sync.tip.TrustedTarget;
import io.headersync.testkit.chain.HeaderChain;
import io.headersync.testkit.run.SimulatedSync;
import io.headersync.testkit.run.SimulationSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes in one JVM on loopback: one serves a synthetic Cancun-shaped chain from its store,
 * the other syncs it over real RLPx sessions, with no target (the serving peer's head, resolved by
 * hash on eth/68) and with a trusted target hash (reverse); each ends with the same canonical chain.
 */
class NodeRuntimeLoopbackTest {

  private static final long HEADERS = 3_000;
  private static final ChainSpec SPEC = SimulatedSync.spec();
  private static final HeaderChain CHAIN = SimulatedSync.chain(SimulationSettings.DEFAULT.withHeaders(HEADERS).withSeed(7));

  @ParameterizedTest
  @EnumSource(EthVersion.class)
  void syncsTheServedChainTowardThePeersHead(EthVersion version) throws Exception {
    try (HeaderStore served = storeWith(CHAIN.headNumber());
        HeaderStore synced = storeWith(CHAIN.firstNumber());
        NodeRuntime server = NodeRuntime.builder(SPEC, served, key(1), p2p(List.of(), version)).start();
        NodeRuntime client = NodeRuntime.builder(SPEC, synced, key(2), p2p(List.of(server.enode()), version))
            .sync(SyncSettings.DEFAULT.withPeerTimeout(Duration.ofSeconds(30))).start()) {
      BlockRef head = client.synced().get(60, TimeUnit.SECONDS);
      assertThat(head).isEqualTo(new BlockRef(CHAIN.headNumber(), CHAIN.head().hash()));
      assertSameChain(synced);
      assertThat(client.syncStatus().orElseThrow().strategy()).contains(Strategy.SKELETON);
      assertThat(client.network().eth().activeSessions()).singleElement()
          .satisfies(s -> assertThat(s.version()).isEqualTo(version));
      assertThat(client.network().traffic().bytesReceived()).isPositive();
    }
  }

  @Test
  void syncsDownFromATrustedTargetHash() throws Exception {
    try (HeaderStore served = storeWith(CHAIN.headNumber());
        HeaderStore synced = storeWith(CHAIN.firstNumber());
        NodeRuntime server = NodeRuntime.builder(SPEC, served, key(3), p2p(List.of(), EthVersion.ETH69)).start();
        NodeRuntime client = NodeRuntime.builder(SPEC, synced, key(4), p2p(List.of(server.enode()), EthVersion.ETH69))
            .sync(SyncSettings.DEFAULT.withTarget(Optional.of(TrustedTarget.hash(CHAIN.head().hash())))).start()) {
      client.synced().get(60, TimeUnit.SECONDS);
      assertSameChain(synced);
      assertThat(client.syncStatus().orElseThrow().strategy()).contains(Strategy.REVERSE);
    }
  }

  @Test
  void noReachablePeerFailsTheSyncAfterThePeerTimeout() throws Exception {
    Enode nobody;
    try (HeaderStore s = storeWith(CHAIN.firstNumber());
        NodeRuntime gone = NodeRuntime.builder(SPEC, s, key(5), p2p(List.of(), EthVersion.ETH68)).start()) {
      nobody = gone.enode();
    }
    try (HeaderStore synced = storeWith(CHAIN.firstNumber());
        NodeRuntime client = NodeRuntime.builder(SPEC, synced, key(6), p2p(List.of(nobody), EthVersion.ETH68))
            .sync(SyncSettings.DEFAULT.withPeerTimeout(Duration.ofSeconds(2))).start()) {
      assertThatThrownBy(() -> client.synced().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(NodeRuntime.SyncFailure.class)
          .hasMessageContaining("no peer reachable within 2 s")
          .satisfies(e -> assertThat(((NodeRuntime.SyncFailure) e).kind()).isEqualTo(NodeRuntime.SyncFailure.Kind.NO_PEERS));
      assertThat(client.network().peerSet().snapshot().counter(PeerSetCounter.DIALS)).isPositive();
    }
  }

  private static void assertSameChain(HeaderStore store) {
    assertThat(store.head()).contains(new BlockRef(CHAIN.headNumber(), CHAIN.head().hash()));
    for (long n = CHAIN.firstNumber(); n <= CHAIN.headNumber(); n++) {
      assertThat(store.canonicalHash(n)).as("canonical #%d", n).contains(CHAIN.hash(n));
    }
    assertThat(store.totalDifficulty(CHAIN.headNumber(), CHAIN.head().hash())).contains(CHAIN.totalDifficulty(CHAIN.headNumber()));
  }

  /** A store holding the chain from its first block up to {@code head}, as an import would leave it. */
  private static HeaderStore storeWith(long head) {
    HeaderStore store = InMemoryHeaderStore.create(CHAIN.hash(CHAIN.firstNumber()));
    WriteBatch batch = new WriteBatch();
    for (long n = CHAIN.firstNumber(); n <= head; n++) {
      batch.putCanonicalHeader(CHAIN.header(n), CHAIN.totalDifficulty(n));
    }
    store.commit(batch);
    return store;
  }

  private static NodeKey key(long seed) {
    return NodeKey.generate(new Random(seed));
  }

  private static P2pConfig p2p(List<Enode> peers, EthVersion version) {
    return P2pConfig.DEFAULT.withListen("127.0.0.1", 0).withDiscovery(false).withStaticPeers(peers)
        .withEthVersions(List.of(version));
  }
}
