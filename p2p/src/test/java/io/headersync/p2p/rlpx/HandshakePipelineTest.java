package io.headersync.p2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.p2p.identity.NodeKey;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Whole pipelines (handshake, frames, session) on two embedded channels wired back to back, so
 * every byte between them passes through the test and can be held back or altered.
 */
class HandshakePipelineTest {

  private static final Capability TST_1 = new Capability("tst", 1);

  private final NodeKey keyA = NodeKey.generate(new Random(21));
  private final NodeKey keyB = NodeKey.generate(new Random(22));
  private final TestProtocol protoA = new TestProtocol(4, TST_1);
  private final TestProtocol protoB = new TestProtocol(4, TST_1);
  private final RecordingListener listenerA = new RecordingListener();
  private final RecordingListener listenerB = new RecordingListener();
  private final CompletableFuture<RlpxSession> dialled = new CompletableFuture<>();

  private static final RlpxConfig CONFIG = RlpxConfig.DEFAULT.withDisconnectGrace(Duration.ZERO);

  private EmbeddedChannel a;
  private EmbeddedChannel b;

  private void connect(RlpxConfig configA, RlpxConfig configB) {
    SessionSetup setupA = new SessionSetup(keyA, "a/1", () -> 0, List.of(protoA), configA, listenerA, new SecureRandom());
    SessionSetup setupB = new SessionSetup(keyB, "b/1", () -> 0, List.of(protoB), configB, listenerB, new SecureRandom());
    a = new EmbeddedChannel(new HandshakeHandler(setupA, keyB.nodeId(), dialled));
    b = new EmbeddedChannel(new HandshakeHandler(setupB, null, new CompletableFuture<>()));
  }

  /** Moves bytes both ways until neither side has anything to send; returns bytes moved a→b. */
  private long pump() {
    long aToB = 0;
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Object o = a.readOutbound(); o != null; o = a.readOutbound()) {
        aToB += ((ByteBuf) o).readableBytes();
        if (b.isOpen()) {
          b.writeInbound(o);
        }
        moved = true;
      }
      for (Object o = b.readOutbound(); o != null; o = b.readOutbound()) {
        if (a.isOpen()) {
          a.writeInbound(o);
        }
        moved = true;
      }
      a.runPendingTasks();
      b.runPendingTasks();
    }
    return aToB;
  }

  private static byte[] bytesOf(Object o) {
    ByteBuf buf = (ByteBuf) o;
    byte[] out = new byte[buf.readableBytes()];
    buf.readBytes(out);
    buf.release();
    return out;
  }

  @Test
  void handshakeHelloAndMessagesBothWaysWithSnappy() throws Exception {
    connect(CONFIG, CONFIG);
    pump();

    RlpxSession sa = listenerA.admitted.poll();
    RlpxSession sb = listenerB.admitted.poll();
    assertThat(sa.remoteId()).isEqualTo(keyB.nodeId());
    assertThat(sb.remoteId()).isEqualTo(keyA.nodeId());
    assertThat(sa.inbound()).isFalse();
    assertThat(sb.inbound()).isTrue();
    assertThat(sa.remoteClientId()).isEqualTo("b/1");
    assertThat(sa.capabilities()).containsExactly(TST_1);
    assertThat(dialled).isCompletedWithValue(sa);
    assertThat(listenerA.roundTrips).isNotEmpty();
    assertThat(listenerB.roundTrips).isNotEmpty();

    protoA.opened.getFirst().send(3, new byte[200_000]);
    long wire = pump();
    protoB.opened.getFirst().send(1, new byte[] {(byte) 0xC3, 1, 2, 3});
    pump();

    TestProtocol.Received atB = protoB.received.poll();
    assertThat(atB.code()).isEqualTo(3);
    assertThat(atB.payload()).hasSize(200_000).containsOnly(0);
    assertThat(wire).as("zeros went compressed").isLessThan(20_000);
    assertThat(protoA.received.poll().payload()).containsExactly(0xC3, 1, 2, 3);
  }

  @Test
  void framesArrivingInTheSameReadAsTheAckAreNotLost() {
    connect(CONFIG, CONFIG);
    Object auth = a.readOutbound();
    b.writeInbound(auth);
    io.netty.buffer.CompositeByteBuf ackAndHello = Unpooled.compositeBuffer();
    for (Object o = b.readOutbound(); o != null; o = b.readOutbound()) {
      ackAndHello.addComponent(true, (ByteBuf) o);
    }

    a.writeInbound(ackAndHello);
    pump();

    assertThat(listenerA.admitted).hasSize(1);
    assertThat(listenerB.admitted).hasSize(1);
  }

  @Test
  void aBadMacIsABreachSentBackAndTheSenderSeesWhy() {
    connect(CONFIG, CONFIG);
    pump();

    protoA.opened.getFirst().send(0, new byte[] {(byte) 0xC0});
    byte[] frame = bytesOf(a.readOutbound());
    frame[frame.length - 1] ^= 0x01; // the frame MAC
    b.writeInbound(Unpooled.wrappedBuffer(frame));
    pump();

    assertThat(protoB.received).isEmpty();
    assertThat(listenerB.closed.poll()).satisfies(c -> {
      assertThat(c.reason()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
      assertThat(c.byRemote()).isFalse();
    });
    assertThat(listenerA.closed.poll()).satisfies(c -> {
      assertThat(c.reason()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
      assertThat(c.byRemote()).isTrue();
    });
  }

  @Test
  void anOversizedFrameIsRefusedFromItsHeaderBeforeTheBodyArrives() {
    connect(CONFIG, CONFIG.withMaxFrameSize(4096));
    pump();
    byte[] incompressible = new byte[10_000];
    new Random(5).nextBytes(incompressible);

    protoA.opened.getFirst().send(0, incompressible);
    byte[] frame = bytesOf(a.readOutbound());
    b.writeInbound(Unpooled.wrappedBuffer(frame, 0, FrameCodec.HEADER_WITH_MAC));

    assertThat(listenerB.closed.poll()).satisfies(c -> assertThat(c.reason()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL));
    Object disconnect = b.readOutbound();
    assertThat(disconnect).as("a Disconnect went out").isNotNull();
    b.runPendingTasks();
    assertThat(b.isOpen()).as("closed without waiting for the body").isFalse();
    assertThat(protoB.received).isEmpty();
  }

  @Test
  void garbageInsteadOfAnAuthClosesWithoutAnswer() {
    connect(CONFIG, CONFIG);
    a.readOutbound(); // the real auth, dropped
    byte[] garbage = new byte[400];
    new Random(9).nextBytes(garbage);
    garbage[0] = 0x01;
    garbage[1] = (byte) 0x80; // claims 384 bytes

    b.writeInbound(Unpooled.wrappedBuffer(garbage));

    assertThat(b.isOpen()).isFalse();
    Object answer = b.readOutbound();
    assertThat(answer).isNull();
    assertThat(listenerB.admitted).isEmpty();
  }

  @Test
  void anAuthForAnotherNodeDoesNotDecrypt() {
    SessionSetup setupA = new SessionSetup(keyA, "a/1", () -> 0, List.of(protoA), CONFIG, listenerA, new SecureRandom());
    SessionSetup setupB = new SessionSetup(keyB, "b/1", () -> 0, List.of(protoB), CONFIG, listenerB, new SecureRandom());
    a = new EmbeddedChannel(new HandshakeHandler(setupA, NodeKey.generate(new Random(99)).nodeId(), dialled));
    b = new EmbeddedChannel(new HandshakeHandler(setupB, null, new CompletableFuture<>()));

    pump();

    assertThat(b.isOpen()).isFalse();
    assertThat(listenerB.admitted).isEmpty();
  }

  @Test
  void noAckWithinTheHandshakeTimeoutFailsTheDial() {
    connect(CONFIG.withHandshakeTimeout(Duration.ofSeconds(5)), CONFIG);
    a.readOutbound();

    a.advanceTimeBy(6, TimeUnit.SECONDS);
    a.runScheduledPendingTasks();

    assertThat(a.isOpen()).isFalse();
    assertThat(dialled).failsWithin(Duration.ZERO).withThrowableThat()
        .havingCause().isInstanceOfSatisfying(SessionClosedException.class,
            e -> assertThat(e.reason()).isEqualTo(DisconnectReason.TIMEOUT));
  }

  @Test
  void noHelloWithinTheHandshakeTimeoutSendsATimeoutDisconnect() {
    connect(CONFIG.withHandshakeTimeout(Duration.ofSeconds(5)), CONFIG);
    Object auth = a.readOutbound();
    b.writeInbound(auth);
    Object ack = b.readOutbound(); // b's Hello is held back
    a.writeInbound(ack);
    b.readOutbound();

    a.advanceTimeBy(6, TimeUnit.SECONDS);
    a.runScheduledPendingTasks();
    a.runPendingTasks();

    assertThat(dialled).failsWithin(Duration.ZERO).withThrowableThat()
        .havingCause().isInstanceOfSatisfying(SessionClosedException.class,
            e -> assertThat(e.reason()).isEqualTo(DisconnectReason.TIMEOUT));
    assertThat(listenerA.admitted).isEmpty();
  }
}
