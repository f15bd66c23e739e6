package io.headersync.p2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.p2p.identity.NodeKey;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real sessions over loopback TCP between two transports. */
class RlpxTransportTest {

  private static final Capability TST_1 = new Capability("tst", 1);
  private static final RlpxConfig FAST = RlpxConfig.DEFAULT
      .withHandshakeTimeout(Duration.ofMillis(500))
      .withDisconnectGrace(Duration.ofMillis(50));

  private final NodeKey keyA = NodeKey.generate(new Random(31));
  private final NodeKey keyB = NodeKey.generate(new Random(32));
  private final TestProtocol protoA = new TestProtocol(4, TST_1);
  private final TestProtocol protoB = new TestProtocol(4, TST_1);
  private RlpxTransport a;
  private RlpxTransport b;

  @AfterEach
  void close() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  private Enode listenA(SessionListener listener) {
    a = new RlpxTransport(keyA, "a/1", List.of(protoA), FAST, listener);
    InetSocketAddress bound = a.listen(new InetSocketAddress("127.0.0.1", 0)).join();
    return new Enode(keyA.nodeId(), "127.0.0.1", bound.getPort());
  }

  @Test
  void dialListenHelloAndMessagesBothWaysThenAQuittingDisconnect() throws Exception {
    RecordingListener listenerA = new RecordingListener();
    RecordingListener listenerB = new RecordingListener();
    Enode enode = listenA(listenerA);
    b = new RlpxTransport(keyB, "b/1", List.of(protoB), FAST, listenerB);

    RlpxSession atB = b.dial(enode).get(5, TimeUnit.SECONDS);
    RlpxSession atA = listenerA.admitted.poll(5, TimeUnit.SECONDS);

    assertThat(atB.remoteId()).isEqualTo(keyA.nodeId());
    assertThat(atB.inbound()).isFalse();
    assertThat(atB.remoteP2pVersion()).isEqualTo(5);
    assertThat(atA.remoteId()).isEqualTo(keyB.nodeId());
    assertThat(atA.inbound()).isTrue();
    assertThat(atA.remoteClientId()).isEqualTo("b/1");
    assertThat(atA.capabilities()).containsExactly(TST_1);

    ProtocolChannel chB = protoB.channels.poll(5, TimeUnit.SECONDS);
    ProtocolChannel chA = protoA.channels.poll(5, TimeUnit.SECONDS);
    byte[] big = new byte[1 << 20];
    new Random(3).nextBytes(big);
    for (int i = 0; i < 10; i++) {
      chB.send(i % 4, new byte[] {(byte) 0x81, (byte) (0x80 + i)});
    }
    chA.send(2, big);

    for (int i = 0; i < 10; i++) {
      TestProtocol.Received r = protoA.received.poll(5, TimeUnit.SECONDS);
      assertThat(r.code()).isEqualTo(i % 4);
      assertThat(r.payload()).containsExactly(0x81, 0x80 + i);
    }
    assertThat(protoB.received.poll(5, TimeUnit.SECONDS).payload()).isEqualTo(big);
    assertThat(listenerB.roundTrips.poll(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(atB.roundTrip()).isPresent();

    b.close();
    RecordingListener.Closed closedAtA = listenerA.closed.poll(5, TimeUnit.SECONDS);
    assertThat(closedAtA.reason()).isEqualTo(DisconnectReason.CLIENT_QUITTING);
    assertThat(closedAtA.byRemote()).isTrue();
    assertThat(protoA.closed.poll(5, TimeUnit.SECONDS)).isEqualTo(new TestProtocol.Closed(DisconnectReason.CLIENT_QUITTING, true));
  }

  @Test
  void aSessionTheRemoteRefusesEndsWithItsReasonAndOpensNothingThere() throws Exception {
    Enode enode = listenA(new RecordingListener(DisconnectReason.TOO_MANY_PEERS));
    RecordingListener listenerB = new RecordingListener();
    b = new RlpxTransport(keyB, "b/1", List.of(protoB), FAST, listenerB);

    CompletableFuture<RlpxSession> dial = b.dial(enode);
    RecordingListener.Closed closed = listenerB.closed.poll(5, TimeUnit.SECONDS);

    assertThat(closed.reason()).isEqualTo(DisconnectReason.TOO_MANY_PEERS);
    assertThat(closed.byRemote()).isTrue();
    assertThat(protoA.opened).isEmpty();
    assertThat(dial).succeedsWithin(Duration.ofSeconds(5)); // b admitted before a's refusal arrived
  }

  @Test
  void aSilentConnectionIsClosedAtTheHandshakeTimeout() throws Exception {
    Enode enode = listenA(new RecordingListener());
    try (Socket socket = new Socket("127.0.0.1", enode.tcpPort())) {
      socket.setSoTimeout(5000);
      long start = System.nanoTime();
      InputStream in = socket.getInputStream();
      assertThat(in.read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }
  }

  @Test
  void dialingAClosedPortFailsWithNetworkError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    b = new RlpxTransport(keyB, "b/1", List.of(protoB), FAST, new RecordingListener());

    assertThat(b.dial(new Enode(keyA.nodeId(), "127.0.0.1", port))).failsWithin(Duration.ofSeconds(5))
        .withThrowableThat().havingCause().isInstanceOfSatisfying(SessionClosedException.class,
            e -> assertThat(e.reason()).isEqualTo(DisconnectReason.NETWORK_ERROR));
  }

  @Test
  void dialingTheWrongNodeIdAtAnAddressFails() throws Exception {
    Enode real = listenA(new RecordingListener());
    b = new RlpxTransport(keyB, "b/1", List.of(protoB), FAST, new RecordingListener());
    Enode wrong = new Enode(NodeKey.generate(new Random(77)).nodeId(), real.host(), real.tcpPort());

    assertThat(b.dial(wrong)).failsWithin(Duration.ofSeconds(5))
        .withThrowableThat().havingCause().isInstanceOf(SessionClosedException.class);
  }

  @Test
  void dialingOurselvesIsRefusedAtOnce() {
    b = new RlpxTransport(keyB, "b/1", List.of(protoB), FAST, new RecordingListener());

    assertThat(b.dial(new Enode(keyB.nodeId(), "127.0.0.1", 1))).failsWithin(Duration.ZERO)
        .withThrowableThat().havingCause().isInstanceOfSatisfying(SessionClosedException.class,
            e -> assertThat(e.reason()).isEqualTo(DisconnectReason.CONNECTED_TO_SELF));
  }
}
