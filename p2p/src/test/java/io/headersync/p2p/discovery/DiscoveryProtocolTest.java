package io.headersync.p2p.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.bytes.Hash;
import io.headersync.p2p.discovery.enr.Enr;
import io.headersync.p2p.discovery.table.TableConfig;
import io.headersync.p2p.discovery.wire.DecodedPacket;
import io.headersync.p2p.discovery.wire.Endpoint;
import io.headersync.p2p.discovery.wire.Packet;
import io.headersync.p2p.discovery.wire.Packet.EnrRequest;
import io.headersync.p2p.discovery.wire.Packet.FindNode;
import io.headersync.p2p.discovery.wire.Packet.Neighbors;
import io.headersync.p2p.discovery.wire.Packet.Ping;
import io.headersync.p2p.discovery.wire.Packet.Pong;
import io.headersync.p2p.discovery.wire.PacketCodec;
import io.headersync.p2p.discovery.wire.PacketException;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The protocol state machine on virtual time over an in-memory network. */
class DiscoveryProtocolTest {

  private static final Instant WALL_START = Instant.parse("2025-01-01T00:00:00Z");
  private final ManualLoop loop = new ManualLoop(WALL_START);
  private final InMemoryNetwork net = new InMemoryNetwork(loop);
  private int seeds;

  private record Node(DiscoveryProtocol protocol, DiscoveryNode address) {
    NodeId id() {
      return address.id();
    }
  }

  private Node node(TableConfig table) {
    int seed = ++seeds;
    InetSocketAddress addr = net.newAddress();
    NodeKey key = NodeKey.generate(new Random(seed));
    DiscoveryConfig config = DiscoveryConfig.builder().bindAddress(addr.getAddress()).udpPort(addr.getPort())
        .clock(loop.clock()).random(new Random(seed)).table(table).build();
    DiscoveryProtocol p = new DiscoveryProtocol(key, config, loop, net.transportFor(addr), addr.getPort());
    net.attach(addr, p::onDatagram);
    return new Node(p, new DiscoveryNode(key.nodeId(), addr.getAddress(), addr.getPort(), 0));
  }

  private Node node() {
    return node(TableConfig.DEFAULT);
  }

  /** A scripted peer: records what it receives, sends what the test says. */
  private final class RawPeer {
    final NodeKey key = NodeKey.generate(new Random(1000 + ++seeds));
    final InetSocketAddress addr = net.newAddress();
    final List<DecodedPacket> received = new ArrayList<>();

    RawPeer() {
      net.attach(addr, (bytes, from) -> {
        try {
          received.add(PacketCodec.decode(bytes));
        } catch (PacketException e) {
          throw new AssertionError(e);
        }
      });
    }

    void send(Node to, Packet packet) {
      net.transportFor(addr).send(to.address().udpAddress(), PacketCodec.encode(packet, key));
    }

    long exp() {
      return loop.clock().instant().getEpochSecond() + 20;
    }

    Ping ping(Node to) {
      return new Ping(4, Endpoint.of(addr, 0), to.address().endpoint(), exp(), OptionalLong.empty());
    }

    <T extends Packet> List<T> got(Class<T> type) {
      return received.stream().map(DecodedPacket::packet).filter(type::isInstance).map(type::cast).toList();
    }

    /** Answers the last ping received, proving this peer's endpoint. */
    void pongLastPing(Node to) {
      DecodedPacket ping = received.stream().filter(d -> d.packet() instanceof Ping).reduce((a, b) -> b).orElseThrow();
      send(to, new Pong(to.address().endpoint(), ping.hash(), exp(), OptionalLong.empty()));
    }
  }

  @Test
  void aLookupBondsBothWaysAndFindsNodesTwoHopsAway() {
    Node a = node();
    Node b = node();
    Node c = node();
    b.protocol().seed(c.address());
    a.protocol().seed(b.address());
    CompletableFuture<List<DiscoveryNode>> result = a.protocol().lookup(a.id());
    loop.advance(Duration.ofSeconds(5));

    assertThat(result).isDone();
    assertThat(result.join()).extracting(DiscoveryNode::id).containsExactlyInAnyOrder(b.id(), c.id());
    assertThat(a.protocol().nodes()).extracting(DiscoveryNode::id).contains(b.id(), c.id());
    assertThat(b.protocol().nodes()).extracting(DiscoveryNode::id).contains(a.id());
    assertThat(c.protocol().nodes()).extracting(DiscoveryNode::id).contains(a.id());
    assertThat(b.protocol().counter(DiscoveryCounter.UNBONDED_QUERY)).isZero();
  }

  @Test
  void findNodeFromAnUnprovedEndpointGetsOnlyAPingUntilItsPongArrives() {
    Node b = node();
    Node known = node();
    b.protocol().seed(known.address());
    RawPeer x = new RawPeer();
    x.send(b, new FindNode(x.key.nodeId(), x.exp()));
    loop.advance(Duration.ofMillis(100));
    assertThat(x.got(Ping.class)).hasSize(1);
    assertThat(x.got(Neighbors.class)).isEmpty();
    assertThat(b.protocol().counter(DiscoveryCounter.UNBONDED_QUERY)).isEqualTo(1);

    x.pongLastPing(b);
    loop.advance(Duration.ofMillis(100));
    assertThat(x.got(Neighbors.class)).hasSize(1);
    // Its pong put the asker in the table too, so it is among the closest to its own id.
    assertThat(x.got(Neighbors.class).get(0).nodes()).extracting(n -> n.id())
        .containsExactlyInAnyOrder(known.id(), x.key.nodeId());
  }

  @Test
  void aQueryWhosePingIsNeverAnsweredIsNeverAnswered() {
    Node b = node();
    RawPeer x = new RawPeer();
    x.send(b, new EnrRequest(x.exp()));
    loop.advance(Duration.ofSeconds(5));
    assertThat(x.got(Packet.EnrResponse.class)).isEmpty();
    assertThat(x.got(Ping.class)).hasSize(1);
    assertThat(b.protocol().counter(DiscoveryCounter.TIMEOUT)).isEqualTo(1);
  }

  @Test
  void expiredPacketsAreDroppedAndCounted() {
    Node b = node();
    RawPeer x = new RawPeer();
    long past = loop.clock().instant().getEpochSecond() - 1;
    x.send(b, new Ping(4, Endpoint.of(x.addr, 0), b.address().endpoint(), past, OptionalLong.empty()));
    loop.runDue();
    assertThat(x.received).isEmpty();
    assertThat(b.protocol().counter(DiscoveryCounter.EXPIRED)).isEqualTo(1);

    // The same ping, valid when sent, expires while it waits: the clock decides, not the sender.
    Ping ping = x.ping(b);
    loop.advance(Duration.ofSeconds(25));
    x.send(b, ping);
    loop.runDue();
    assertThat(x.received).isEmpty();
    assertThat(b.protocol().counter(DiscoveryCounter.EXPIRED)).isEqualTo(2);
  }

  @Test
  void aPingIsAnsweredWithAPongNamingItsHashAndOurRecordSeq() {
    Node b = node();
    RawPeer x = new RawPeer();
    x.send(b, x.ping(b));
    loop.runDue();
    assertThat(x.got(Pong.class)).hasSize(1);
    Pong pong = x.got(Pong.class).get(0);
    assertThat(pong.enrSeq()).hasValue(b.protocol().localRecord().seq());
    assertThat(pong.to()).isEqualTo(Endpoint.of(x.addr, 0));
    assertThat(x.received.get(0).sender()).isEqualTo(b.id());
  }

  @Test
  void unsolicitedPongsAndNeighboursAreIgnored() {
    Node b = node();
    RawPeer x = new RawPeer();
    x.send(b, new Pong(b.address().endpoint(), Hash.ZERO, x.exp(), OptionalLong.empty()));
    x.send(b, new Neighbors(List.of(), x.exp()));
    loop.runDue();
    assertThat(b.protocol().counter(DiscoveryCounter.UNSOLICITED)).isEqualTo(2);
    assertThat(b.protocol().nodes()).isEmpty();
  }

  @Test
  void enrRequestAfterBondingReturnsTheSignedRecord() {
    Node a = node();
    Node b = node();
    AtomicReference<Enr> got = new AtomicReference<>();
    a.protocol().ensureBond(b.address(),
        () -> a.protocol().requestEnr(b.id(), b.address().udpAddress()).thenAccept(got::set), () -> {});
    loop.advance(Duration.ofSeconds(2));
    assertThat(got.get()).isEqualTo(b.protocol().localRecord());
    assertThat(got.get().udp()).hasValue(b.address().udpPort());
    assertThat(a.protocol().record(b.id())).contains(b.protocol().localRecord());
  }

  @Test
  void findNodeAnswersHoldTheSixteenClosestSplitUnderTheCap() {
    Node b = node();
    Random random = new Random(77);
    for (int i = 0; i < 40; i++) {
      b.protocol().addCandidate(NodeKey.generate(random).nodeId(),
          new Endpoint(net.newAddress().getAddress(), 30303, 30303));
    }
    RawPeer x = new RawPeer();
    x.send(b, new FindNode(x.key.nodeId(), x.exp()));
    loop.runDue();
    x.pongLastPing(b);
    loop.runDue();
    List<Neighbors> answers = x.got(Neighbors.class);
    int total = answers.stream().mapToInt(n -> n.nodes().size()).sum();
    assertThat(total).isEqualTo(16);
    List<NodeId> expected = b.protocol().table().closest(x.key.nodeId().kademliaId(), 16).stream()
        .map(e -> e.id()).toList();
    assertThat(answers.stream().flatMap(n -> n.nodes().stream()).map(n -> n.id()).toList()).isEqualTo(expected);
  }

  @Test
  void aFloodFromOneAddressIsCutAtTheBurst() {
    Node b = node();
    RawPeer x = new RawPeer();
    for (int i = 0; i < 100; i++) {
      x.send(b, x.ping(b));
    }
    loop.runDue();
    assertThat(x.got(Pong.class)).hasSize(40);
    assertThat(b.protocol().counter(DiscoveryCounter.RATE_LIMITED)).isEqualTo(60);
    loop.advance(Duration.ofSeconds(1));
    x.send(b, x.ping(b));
    loop.runDue();
    assertThat(x.got(Pong.class)).hasSize(41);
  }

  @Test
  void aDeadLeastRecentlySeenEntryGivesWayToTheNewcomer() {
    Node a = node(new TableConfig(1, 2));
    Node dead = node();
    Node live = node();
    while (a.protocol().table().bucketIndex(live.id().kademliaId()) != a.protocol().table().bucketIndex(dead.id().kademliaId())) {
      live = node();
    }
    List<NodeId> removed = new ArrayList<>();
    a.protocol().addListener(new DiscoveryListener() {
      @Override
      public void nodeRemoved(NodeId id) {
        removed.add(id);
      }
    });
    a.protocol().seed(dead.address());
    net.cutOff(dead.address().udpAddress());
    a.protocol().addCandidate(live.id(), live.address().endpoint());
    loop.advance(Duration.ofSeconds(1));
    assertThat(removed).containsExactly(dead.id());
    assertThat(a.protocol().nodes()).extracting(DiscoveryNode::id).containsExactly(live.id());
  }

  @Test
  void aLiveLeastRecentlySeenEntryKeepsItsPlace() {
    Node a = node(new TableConfig(1, 2));
    Node old = node();
    Node newcomer = node();
    while (a.protocol().table().bucketIndex(newcomer.id().kademliaId()) != a.protocol().table().bucketIndex(old.id().kademliaId())) {
      newcomer = node();
    }
    a.protocol().seed(old.address());
    a.protocol().addCandidate(newcomer.id(), newcomer.address().endpoint());
    loop.advance(Duration.ofSeconds(1));
    int bucket = a.protocol().table().bucketIndex(old.id().kademliaId());
    assertThat(a.protocol().table().bucket(bucket)).extracting(e -> e.id()).containsExactly(old.id());
    assertThat(a.protocol().table().replacements(bucket)).extracting(e -> e.id()).containsExactly(newcomer.id());
  }
}
