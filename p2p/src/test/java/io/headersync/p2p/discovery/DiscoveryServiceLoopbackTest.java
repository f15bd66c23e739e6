package io.headersync.p2p.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.chain.ForkId;
import io.headersync.p2p.discovery.enr.Enr;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real UDP sockets on loopback: three services find each other through one bootnode. */
class DiscoveryServiceLoopbackTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private final List<DiscoveryService> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(DiscoveryService::stop);
  }

  private DiscoveryService start(int seed, List<DiscoveryNode> bootnodes) {
    DiscoveryConfig config = DiscoveryConfig.builder().bindAddress(LOOPBACK).udpPort(0).tcpPort(30303 + seed)
        .forkId(ForkId.of(0xfc64ec04, 1_150_000)).lookupInterval(Duration.ofMillis(700)).random(new Random(seed)).build();
    DiscoveryService s = DiscoveryService.start(config, NodeKey.generate(new Random(seed)), bootnodes);
    started.add(s);
    return s;
  }

  private static DiscoveryNode asBootnode(DiscoveryService s) {
    return new DiscoveryNode(s.nodeId(), LOOPBACK, s.localAddress().getPort(), 0);
  }

  private static Set<NodeId> ids(DiscoveryService s) {
    return s.nodes().stream().map(DiscoveryNode::id).collect(Collectors.toSet());
  }

  private static void awaitUntil(Duration limit, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  @Test
  void threeNodesDiscoverEachOtherThroughABootnode() throws Exception {
    DiscoveryService boot = start(1, List.of());
    DiscoveryService a = start(2, List.of(asBootnode(boot)));
    DiscoveryService b = start(3, List.of(asBootnode(boot)));
    List<DiscoveryNode> added = new java.util.concurrent.CopyOnWriteArrayList<>();
    a.addListener(new DiscoveryListener() {
      @Override
      public void nodeAdded(DiscoveryNode node) {
        added.add(node);
      }
    });

    awaitUntil(Duration.ofSeconds(10), () -> ids(a).contains(b.nodeId()) && ids(b).contains(a.nodeId())
        && ids(boot).containsAll(Set.of(a.nodeId(), b.nodeId())));

    assertThat(ids(a)).contains(boot.nodeId(), b.nodeId());
    assertThat(ids(b)).contains(boot.nodeId(), a.nodeId());
    assertThat(ids(boot)).contains(a.nodeId(), b.nodeId());
    assertThat(added).extracting(DiscoveryNode::id).contains(b.nodeId());
    DiscoveryNode bAsSeenByA = a.nodes().stream().filter(n -> n.id().equals(b.nodeId())).findFirst().orElseThrow();
    assertThat(bAsSeenByA.udpAddress()).isEqualTo(b.localAddress());
    assertThat(bAsSeenByA.tcpPort()).isEqualTo(30303 + 3);
    assertThat(a.counters().get(DiscoveryCounter.MALFORMED)).isZero();
  }

  @Test
  void aLookupAndAnEnrRequestAnswerOverUdp() throws Exception {
    DiscoveryService boot = start(4, List.of());
    DiscoveryService a = start(5, List.of());
    DiscoveryService b = start(6, List.of(asBootnode(boot)));
    awaitUntil(Duration.ofSeconds(5), () -> ids(boot).contains(b.nodeId()));

    assertThat(a.ping(asBootnode(boot)).get(5, TimeUnit.SECONDS)).isTrue();
    List<DiscoveryNode> found = a.lookup(b.nodeId()).get(10, TimeUnit.SECONDS);
    assertThat(found).extracting(DiscoveryNode::id).contains(boot.nodeId(), b.nodeId());

    Enr record = a.requestEnr(asBootnode(b)).get(5, TimeUnit.SECONDS);
    assertThat(record).isEqualTo(b.localRecord());
    assertThat(record.nodeId()).isEqualTo(b.nodeId());
    assertThat(record.ip()).contains(LOOPBACK);
    assertThat(record.udp()).hasValue(b.localAddress().getPort());
    assertThat(record.tcp()).hasValue(30303 + 6);
    assertThat(record.eth()).contains(ForkId.of(0xfc64ec04, 1_150_000));
    assertThat(a.record(b.nodeId()).get(5, TimeUnit.SECONDS)).contains(record);
  }

  @Test
  void garbageDatagramsAreCountedNotFatal() throws Exception {
    DiscoveryService s = start(7, List.of());
    try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
      for (int size : new int[] {0, 1, 97, 98, 500, 1280, 1281, 4000}) {
        byte[] junk = new byte[size];
        new Random(size).nextBytes(junk);
        socket.send(new DatagramPacket(junk, size, s.localAddress()));
      }
    }
    awaitUntil(Duration.ofSeconds(5), () -> s.counters().get(DiscoveryCounter.RECEIVED) >= 7);
    assertThat(s.counters().get(DiscoveryCounter.MALFORMED)).isEqualTo(s.counters().get(DiscoveryCounter.RECEIVED));
    assertThat(s.counters().get(DiscoveryCounter.RECEIVED)).isGreaterThanOrEqualTo(7);
    // Still answering.
    DiscoveryService other = start(8, List.of());
    assertThat(other.ping(asBootnode(s)).get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aBusyPortIsReportedWithTheAddress() {
    DiscoveryService s = start(9, List.of());
    DiscoveryConfig clash = DiscoveryConfig.builder().bindAddress(LOOPBACK).udpPort(s.localAddress().getPort()).build();
    assertThatThrownBy(() -> DiscoveryService.start(clash, NodeKey.generate(new Random(10)), List.of()))
        .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining(String.valueOf(s.localAddress().getPort()));
  }

}
