package io.headersync.p2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.rlp.RlpWriter;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xerial.snappy.Snappy;

/** The base protocol on frames, without crypto: an embedded channel around one {@link SessionHandler}. */
class SessionHandlerTest {

  private static final Capability TST_1 = new Capability("tst", 1);
  private static final Capability TST_2 = new Capability("tst", 2);
  private static final Capability AAA_1 = new Capability("aaa", 1);

  private final NodeKey local = NodeKey.generate(new Random(1));
  private final NodeKey remote = NodeKey.generate(new Random(2));
  private final TestProtocol tst = new TestProtocol(3, TST_1, TST_2);
  private final TestProtocol aaa = new TestProtocol(5, AAA_1);
  private final RecordingListener listener = new RecordingListener();
  private final CompletableFuture<RlpxSession> established = new CompletableFuture<>();
  private final CompletableFuture<Void> deadline = new CompletableFuture<>();

  private EmbeddedChannel channel(RlpxConfig config, SessionListener listener) {
    SessionSetup setup = new SessionSetup(local, "headersync/test", () -> 30303, List.of(tst, aaa), config, listener,
        new SecureRandom());
    return new EmbeddedChannel(new SessionHandler(setup, remote.nodeId(), false, established, deadline));
  }

  private EmbeddedChannel channel() {
    return channel(RlpxConfig.DEFAULT.withDisconnectGrace(Duration.ZERO), listener);
  }

  private static RlpxFrame hello(long version, NodeId id, Capability... caps) {
    return new RlpxFrame(0, new HelloMessage(version, "remote/v1", List.of(caps), 0, id).encode());
  }

  private static byte[] snappy(byte[] data) throws Exception {
    return Snappy.compress(data);
  }

  private static List<RlpxFrame> outbound(EmbeddedChannel ch) {
    List<RlpxFrame> out = new ArrayList<>();
    for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
      out.add((RlpxFrame) o);
    }
    return out;
  }

  /** The reason of the one Disconnect among {@code frames}. */
  private static DisconnectReason sentDisconnect(List<RlpxFrame> frames, boolean compressed) {
    RlpxFrame d = frames.stream().filter(f -> f.code() == 1).findFirst().orElseThrow();
    return DisconnectMessage.decode(d.data(), compressed, 1 << 20).reason().orElseThrow();
  }

  private EmbeddedChannel established(EmbeddedChannel ch) {
    outbound(ch);
    ch.writeInbound(hello(5, remote.nodeId(), TST_1, TST_2, AAA_1, new Capability("zzz", 9)));
    return ch;
  }

  @Test
  void sendsHelloFirstWithVersionFiveOurCapabilitiesAndNodeId() {
    RlpxFrame first = outbound(channel()).getFirst();
    HelloMessage hello = HelloMessage.decode(first.data());

    assertThat(first.code()).isZero();
    assertThat(hello.p2pVersion()).isEqualTo(5);
    assertThat(hello.clientId()).isEqualTo("headersync/test");
    assertThat(hello.capabilities()).containsExactly(TST_1, TST_2, AAA_1);
    assertThat(hello.listenPort()).isEqualTo(30303);
    assertThat(hello.nodeId()).isEqualTo(local.nodeId());
  }

  @Test
  void negotiatesSharedCapabilitiesAdmitsAndPingsForTheRoundTrip() throws Exception {
    EmbeddedChannel ch = established(channel());

    RlpxSession session = listener.admitted.poll();
    assertThat(session).isNotNull();
    assertThat(session.capabilities()).containsExactly(AAA_1, TST_2);
    assertThat(session.remoteClientId()).isEqualTo("remote/v1");
    assertThat(session.remoteId()).isEqualTo(remote.nodeId());
    assertThat(session.isOpen()).isTrue();
    assertThat(established).isCompletedWithValue(session);
    assertThat(deadline).isCancelled();
    assertThat(tst.opened).singleElement().satisfies(c -> assertThat(c.capability()).isEqualTo(TST_2));
    List<RlpxFrame> out = outbound(ch);
    assertThat(out).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo(2));
    assertThat(Snappy.uncompress(out.getFirst().data())).containsExactly(0xC0);

    ch.writeInbound(new RlpxFrame(3, snappy(new byte[] {(byte) 0xC0})));
    assertThat(listener.roundTrips.poll()).isNotNull();
    assertThat(session.roundTrip()).isPresent();
  }

  @Test
  void routesMessagesByOffsetDecompressedAndSendsWithTheOffsetCompressed() throws Exception {
    EmbeddedChannel ch = established(channel());
    outbound(ch);

    // aaa/1 has codes 0x10..0x14, tst/2 has 0x15..0x17
    ch.writeInbound(new RlpxFrame(0x12, snappy(new byte[] {(byte) 0x82, 1, 2})));
    ch.writeInbound(new RlpxFrame(0x16, snappy(new byte[] {(byte) 0xC1, 7})));

    TestProtocol.Received a = aaa.received.poll();
    TestProtocol.Received t = tst.received.poll();
    assertThat(a.code()).isEqualTo(2);
    assertThat(a.payload()).containsExactly(0x82, 1, 2);
    assertThat(t.code()).isEqualTo(1);
    assertThat(t.payload()).containsExactly(0xC1, 7);

    tst.opened.getFirst().send(2, new byte[] {(byte) 0xC0});
    RlpxFrame sent = outbound(ch).getFirst();
    assertThat(sent.code()).isEqualTo(0x17);
    assertThat(Snappy.uncompress(sent.data())).containsExactly(0xC0);
  }

  @Test
  void answersPingWithPong() throws Exception {
    EmbeddedChannel ch = established(channel());
    outbound(ch);

    ch.writeInbound(new RlpxFrame(2, snappy(new byte[] {(byte) 0xC0})));

    assertThat(outbound(ch)).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo(3));
  }

  @Test
  void aHelloFromAnotherNodeThanTheHandshakeAuthenticatedIsUnexpectedIdentity() {
    EmbeddedChannel ch = channel();
    outbound(ch);

    ch.writeInbound(hello(5, NodeKey.generate(new Random(3)).nodeId(), TST_1));

    assertThat(sentDisconnect(outbound(ch), false)).isEqualTo(DisconnectReason.UNEXPECTED_IDENTITY);
    assertThat(listener.admitted).isEmpty();
    assertThat(established).isCompletedExceptionally();
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void noSharedCapabilityIsUselessPeer() {
    EmbeddedChannel ch = channel();
    outbound(ch);

    ch.writeInbound(hello(5, remote.nodeId(), new Capability("eth", 68)));

    assertThat(sentDisconnect(outbound(ch), false)).isEqualTo(DisconnectReason.USELESS_PEER);
    assertThat(tst.opened).isEmpty();
  }

  @Test
  void anyMessageButHelloOrDisconnectBeforeHelloIsABreach() {
    EmbeddedChannel ch = channel();
    outbound(ch);

    ch.writeInbound(new RlpxFrame(0x10, new byte[] {(byte) 0xC0}));

    assertThat(sentDisconnect(outbound(ch), false)).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
  }

  @Test
  void aMessageBeyondEveryCapabilityOrBadSnappyIsABreach() {
    EmbeddedChannel ch = established(channel());
    outbound(ch);
    ch.writeInbound(new RlpxFrame(0x40, new byte[] {1, 0}));
    assertThat(sentDisconnect(outbound(ch), true)).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
    assertThat(tst.closed.poll()).isEqualTo(new TestProtocol.Closed(DisconnectReason.BREACH_OF_PROTOCOL, false));

    EmbeddedChannel other = new SessionHandlerTest().established(new SessionHandlerTest().channel());
    outbound(other);
    other.writeInbound(new RlpxFrame(0x10, new byte[] {(byte) 0x05, 0x7F}));
    assertThat(sentDisconnect(outbound(other), true)).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
  }

  @Test
  void aMessageThatWouldDecompressBeyondTheCapIsRefusedFromSnappysHeader() throws Exception {
    EmbeddedChannel ch = established(channel(RlpxConfig.DEFAULT.withMaxMessageSize(4096).withDisconnectGrace(Duration.ZERO),
        listener));
    outbound(ch);

    ch.writeInbound(new RlpxFrame(0x10, snappy(new byte[5000])));

    assertThat(sentDisconnect(outbound(ch), true)).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
    assertThat(aaa.received).isEmpty();
  }

  @Test
  void aVersionFourPeerGetsUncompressedMessages() {
    EmbeddedChannel ch = channel();
    outbound(ch);
    ch.writeInbound(hello(4, remote.nodeId(), TST_1));
    outbound(ch);

    ch.writeInbound(new RlpxFrame(0x12, new byte[] {(byte) 0xC1, 9}));
    tst.opened.getFirst().send(0, new byte[] {(byte) 0xC2, 1, 2});

    assertThat(tst.received.poll().payload()).containsExactly(0xC1, 9);
    assertThat(outbound(ch).getFirst().data()).containsExactly(0xC2, 1, 2);
  }

  /** Every form of Disconnect real peers send, each ending the session with the reason it names. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "list compressed,      true,  true,  c104, TOO_MANY_PEERS",
      "list uncompressed,    true,  false, c104, TOO_MANY_PEERS",
      "bare int compressed,  true,  true,  04,   TOO_MANY_PEERS",
      "bare int uncompressed,true,  false, 04,   TOO_MANY_PEERS",
      "zero as bare int,     true,  false, 80,   REQUESTED",
      "empty list,           true,  false, c0,   REQUESTED",
      "unknown code,         true,  true,  c155, REQUESTED",
      "before Hello,         false, false, c10b, TIMEOUT",
      "before Hello bare,    false, false, 03,   USELESS_PEER"})
  void acceptsEveryDisconnectForm(String name, boolean afterHello, boolean compressed, String hex,
      DisconnectReason expected) throws Exception {
    EmbeddedChannel ch = afterHello ? established(channel()) : channel();
    outbound(ch);
    byte[] body = io.headersync.core.bytes.Hex.decode(hex);

    ch.writeInbound(new RlpxFrame(1, compressed ? snappy(body) : body));

    assertThat(ch.isOpen()).isFalse();
    assertThat(outbound(ch)).noneMatch(f -> f.code() == 1);
    if (afterHello) {
      RecordingListener.Closed closed = listener.closed.poll();
      assertThat(closed.reason()).isEqualTo(expected);
      assertThat(closed.byRemote()).isTrue();
      assertThat(tst.closed.poll()).isEqualTo(new TestProtocol.Closed(expected, true));
    } else {
      assertThat(established).failsWithin(Duration.ZERO).withThrowableThat()
          .havingCause().isInstanceOfSatisfying(SessionClosedException.class, e -> {
            assertThat(e.reason()).isEqualTo(expected);
            assertThat(e.byRemote()).isTrue();
          });
    }
  }

  @Test
  void aListenerRefusalIsSentAndNoSubProtocolOpens() {
    EmbeddedChannel ch = channel(RlpxConfig.DEFAULT.withDisconnectGrace(Duration.ZERO),
        new RecordingListener(DisconnectReason.ALREADY_CONNECTED));
    outbound(ch);

    ch.writeInbound(hello(5, remote.nodeId(), TST_1));

    assertThat(sentDisconnect(outbound(ch), true)).isEqualTo(DisconnectReason.ALREADY_CONNECTED);
    assertThat(tst.opened).isEmpty();
    assertThat(established).isCompletedExceptionally();
  }

  @Test
  void handshakeDeadlineBeforeHelloSendsTimeout() {
    EmbeddedChannel ch = channel();
    outbound(ch);

    ch.pipeline().fireUserEventTriggered(HandshakeTimeout.INSTANCE);

    assertThat(sentDisconnect(outbound(ch), false)).isEqualTo(DisconnectReason.TIMEOUT);
  }

  @Test
  void silenceGetsAPingThenATimeoutDisconnect() {
    EmbeddedChannel ch = established(channel());
    outbound(ch);

    ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    assertThat(outbound(ch)).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo(2));
    ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);

    assertThat(sentDisconnect(outbound(ch), true)).isEqualTo(DisconnectReason.TIMEOUT);
    assertThat(listener.closed.poll().reason()).isEqualTo(DisconnectReason.TIMEOUT);
  }

  @Test
  void aFrameBetweenIdlePeriodsKeepsTheSessionAlive() throws Exception {
    EmbeddedChannel ch = established(channel());
    outbound(ch);

    ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    ch.writeInbound(new RlpxFrame(3, snappy(new byte[] {(byte) 0xC0})));
    ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

    assertThat(outbound(ch)).extracting(RlpxFrame::code).containsExactly(2, 2);
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void aDroppedConnectionClosesOnceAsNetworkError() {
    EmbeddedChannel ch = established(channel());

    ch.close();
    ch.close();

    assertThat(listener.closed).singleElement().satisfies(c -> {
      assertThat(c.reason()).isEqualTo(DisconnectReason.NETWORK_ERROR);
      assertThat(c.byRemote()).isTrue();
    });
    assertThat(tst.closed).hasSize(1);
  }

  @Test
  void disconnectFromTheSubProtocolIsSentCompressedAndReportedOnce() {
    EmbeddedChannel ch = established(channel());
    outbound(ch);

    tst.opened.getFirst().disconnect(DisconnectReason.SUBPROTOCOL_ERROR);
    tst.opened.getFirst().disconnect(DisconnectReason.USELESS_PEER);
    ch.runPendingTasks();

    assertThat(sentDisconnect(outbound(ch), true)).isEqualTo(DisconnectReason.SUBPROTOCOL_ERROR);
    assertThat(listener.closed).singleElement().satisfies(c -> assertThat(c.byRemote()).isFalse());
    assertThat(tst.opened.getFirst().isOpen()).isFalse();
  }

  @Test
  void encodesDisconnectAsAList() {
    assertThat(DisconnectMessage.of(DisconnectReason.TOO_MANY_PEERS).encode()).containsExactly(0xC1, 0x04);
    assertThat(DisconnectMessage.of(DisconnectReason.REQUESTED).encode()).containsExactly(0xC1, 0x80);
    assertThat(DisconnectMessage.parse(new RlpWriter().startList().writeLong(0x10).endList().toByteArray()))
        .isEqualTo(new DisconnectMessage(OptionalLong.of(0x10)));
  }
}
