package io.headersync.p2p.peers;

import static io.headersync.p2p.peers.LoopbackNode.FAST;
import static io.headersync.p2p.peers.LoopbackNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.p2p.rlpx.ProtocolChannel;
import io.headersync.p2p.rlpx.ProtocolFactory;
import io.headersync.p2p.rlpx.ProtocolHandler;
import io.headersync.p2p.rlpx.RlpxConfig;
import io.headersync.p2p.rlpx.RlpxSession;
import io.headersync.p2p.rlpx.RlpxTransport;
import io.headersync.p2p.rlpx.SessionListener;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.PeerHandle;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The peer set between real RLPx nodes on loopback, with small limits. */
class PeerSetLoopbackTest {

  @Test
  void inboundShareFullRefusesTheNextInboundSessionWithTooManyPeers() {
    // Two peers at most, half of them inbound: one inbound session.
    try (LoopbackNode server = new LoopbackNode(1, FAST.withMaxPeers(2).withInboundRatio(0.5), PeerLists.OPEN, List.of());
        LoopbackNode first = new LoopbackNode(2, FAST, PeerLists.OPEN, List.of(server.enode()))) {
      await("first client connected", 10, () -> server.connected.containsKey(first.peerId()));
      try (LoopbackNode second = new LoopbackNode(3, FAST, PeerLists.OPEN, List.of(server.enode()))) {
        await("second client refused", 10, () -> server.snapshot().counter(PeerSetCounter.REFUSED_TOO_MANY_PEERS) >= 1);
        await("second client saw its session end", 10, () -> second.snapshot().counter(PeerSetCounter.SESSIONS_CLOSED) >= 1);
        assertThat(server.snapshot().inbound()).isEqualTo(1);
        assertThat(server.connected).containsOnlyKeys(first.peerId());
        assertThat(second.connected).isEmpty();
      }
    }
  }

  @Test
  void aSecondSessionWithAConnectedNodeIsRefusedAsAlreadyConnected() throws Exception {
    List<String> closed = new CopyOnWriteArrayList<>();
    SessionListener recording = new SessionListener() {
      @Override
      public Optional<DisconnectReason> admit(RlpxSession session) {
        return Optional.empty();
      }

      @Override
      public void onClosed(RlpxSession session, DisconnectReason reason, boolean byRemote) {
        closed.add(reason + (byRemote ? " by remote" : " by us"));
      }
    };
    try (LoopbackNode server = new LoopbackNode(4, FAST, PeerLists.OPEN, List.of());
        RlpxTransport raw = new RlpxTransport(NodeKey.generate(new Random(5)), "raw-test", List.of(new SilentEth()),
            RlpxConfig.DEFAULT, recording)) {
      RlpxSession firstSession = raw.dial(server.enode()).get(10, TimeUnit.SECONDS);
      await("server admitted the first session", 10, () -> server.snapshot().sessions() == 1);
      // Our side admits the second session as soon as the Hellos are exchanged; the server refuses it then.
      RlpxSession secondSession = raw.dial(server.enode()).get(10, TimeUnit.SECONDS);
      await("second session closed", 10, () -> !secondSession.isOpen() && !closed.isEmpty());
      assertThat(closed).containsExactly(DisconnectReason.ALREADY_CONNECTED + " by remote");
      assertThat(server.snapshot().counter(PeerSetCounter.REFUSED_ALREADY_CONNECTED)).isEqualTo(1);
      assertThat(server.snapshot().sessions()).isEqualTo(1);
      assertThat(firstSession.isOpen()).as("the first session stays").isTrue();
    }
  }

  @Test
  void blockedNodesAreRefusedAndAllowedOnlyModeAdmitsOnlyTheListed() {
    NodeKey blockedKey = NodeKey.generate(new Random(11));
    NodeKey allowedKey = NodeKey.generate(new Random(12));
    PeerLists lists = new PeerLists(Set.of(), Set.of(allowedKey.nodeId(), blockedKey.nodeId()), Set.of(blockedKey.nodeId()));
    try (LoopbackNode server = new LoopbackNode(10, FAST, lists, List.of());
        LoopbackNode blocked = new LoopbackNode(11, FAST, PeerLists.OPEN, List.of(server.enode()));
        LoopbackNode allowed = new LoopbackNode(12, FAST, PeerLists.OPEN, List.of(server.enode()));
        LoopbackNode stranger = new LoopbackNode(13, FAST, PeerLists.OPEN, List.of(server.enode()))) {
      await("allowed node connected", 10, () -> server.connected.containsKey(allowed.peerId()));
      await("blocked node refused", 10, () -> server.snapshot().counter(PeerSetCounter.REFUSED_BLOCKED) >= 1);
      await("stranger refused", 10, () -> server.snapshot().counter(PeerSetCounter.REFUSED_NOT_ALLOWED) >= 1);
      assertThat(server.connected).containsOnlyKeys(allowed.peerId());
      assertThat(blocked.connected).isEmpty();
      assertThat(stranger.connected).isEmpty();
    }
  }

  @Test
  void trustedPeersPassAFullSetAndSyncCannotDropThem() {
    NodeKey trustedKey = NodeKey.generate(new Random(22));
    PeerLists lists = new PeerLists(Set.of(trustedKey.nodeId()), Set.of(), Set.of());
    try (LoopbackNode server = new LoopbackNode(20, FAST.withMaxPeers(1).withInboundRatio(1), lists, List.of());
        LoopbackNode ordinary = new LoopbackNode(21, FAST, PeerLists.OPEN, List.of(server.enode()))) {
      await("ordinary peer connected", 10, () -> server.connected.containsKey(ordinary.peerId()));
      try (LoopbackNode trusted = new LoopbackNode(22, FAST, PeerLists.OPEN, List.of(server.enode()))) {
        await("trusted peer connected to a full set", 10, () -> server.connected.containsKey(trusted.peerId()));
        assertThat(server.snapshot().sessions()).isEqualTo(2);
        assertThat(server.snapshot().trusted()).isEqualTo(1);

        PeerHandle trustedHandle = server.connected.get(trusted.peerId());
        trustedHandle.disconnect(DisconnectReason.USELESS_PEER);
        assertThat(server.snapshot().counter(PeerSetCounter.TRUSTED_DROPS_IGNORED)).isEqualTo(1);

        server.connected.get(ordinary.peerId()).disconnect(DisconnectReason.USELESS_PEER);
        await("ordinary peer dropped", 10, () -> !server.connected.containsKey(ordinary.peerId()));
        assertThat(server.net.peerSet().isConnected(trusted.key.nodeId())).as("the trusted peer stays").isTrue();
        assertThat(server.connected).containsKey(trusted.peerId());
      }
    }
  }

  @Test
  void aStaticPeerIsRedialedAfterItDropsUs() {
    try (LoopbackNode server = new LoopbackNode(30, FAST, PeerLists.OPEN, List.of());
        LoopbackNode client = new LoopbackNode(31, FAST, PeerLists.OPEN, List.of(server.enode()))) {
      await("connected", 10, () -> server.connected.containsKey(client.peerId()));
      server.connected.get(client.peerId()).disconnect(DisconnectReason.REQUESTED);
      await("client saw the disconnect", 10, () -> client.snapshot().counter(PeerSetCounter.SESSIONS_CLOSED) >= 1);
      await("client dialed again and was admitted", 10,
          () -> client.snapshot().counter(PeerSetCounter.OUTBOUND_ADMITTED) >= 2 && client.connected.size() == 1);
      assertThat(server.snapshot().counter(PeerSetCounter.INBOUND_ADMITTED)).isGreaterThanOrEqualTo(2);
      assertThat(client.events).contains("disconnected " + server.peerId() + " " + DisconnectReason.REQUESTED);
    }
  }

  @Test
  void peersCarryTheRoundTripRlpxMeasured() {
    try (LoopbackNode server = new LoopbackNode(40, FAST, PeerLists.OPEN, List.of());
        LoopbackNode client = new LoopbackNode(41, FAST, PeerLists.OPEN, List.of(server.enode()))) {
      await("connected", 10, () -> client.connected.containsKey(server.peerId()));
      PeerHandle peer = client.connected.get(server.peerId());
      await("round trip measured", 10, () -> peer.measuredRoundTrip().isPresent());
      assertThat(peer.measuredRoundTrip().get()).isPositive().isLessThan(Duration.ofSeconds(10));
      assertThat(client.snapshot().ethPeers()).isEqualTo(1);
      assertThat(client.snapshot().outbound()).isEqualTo(1);
    }
  }

  @Test
  void anUnreachableStaticPeerIsRetriedWithGrowingBackOff() {
    Enode nobody;
    try (LoopbackNode gone = new LoopbackNode(50, FAST, PeerLists.OPEN, List.of())) {
      nobody = gone.enode();
    }
    try (LoopbackNode client = new LoopbackNode(51, FAST, PeerLists.OPEN, List.of(nobody))) {
      await("three failed dials", 10, () -> client.snapshot().counter(PeerSetCounter.DIAL_FAILURES) >= 3);
      assertThat(client.connected).isEmpty();
      PeerSet set = client.net.peerSet();
      assertThat(set.backoff(1)).isEqualTo(Duration.ofMillis(100));
      assertThat(set.backoff(2)).isEqualTo(Duration.ofMillis(200));
      assertThat(set.backoff(3)).isEqualTo(Duration.ofMillis(400));
      assertThat(set.backoff(30)).as("capped").isEqualTo(Duration.ofMillis(400));
    }
  }

  /** Offers eth/68 and ignores everything, so a raw transport can hold sessions with a node. */
  private static final class SilentEth implements ProtocolFactory {
    @Override
    public List<Capability> capabilities() {
      return List.of(Capability.ETH_68);
    }

    @Override
    public int messageSpace(Capability capability) {
      return 17;
    }

    @Override
    public ProtocolHandler open(ProtocolChannel channel) {
      return new ProtocolHandler() {
        @Override
        public void onMessage(int code, byte[] payload) {}

        @Override
        public void onClosed(DisconnectReason reason, boolean byRemote) {}
      };
    }
  }
}
