package io.headersync.p2p.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.p2p.eth.EthCodec;
import io.headersync.p2p.eth.EthConfig;
import io.headersync.p2p.eth.EthLimits;
import io.headersync.p2p.eth.EthMessage;
import io.headersync.p2p.eth.EthMessageType;
import io.headersync.p2p.eth.EthSession;
import io.headersync.p2p.eth.EthVersion;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.rlpx.HelloMessage;
import io.headersync.p2p.rlpx.RlpxConfig;
import io.headersync.p2p.rlpx.RlpxInternals;
import io.headersync.p2p.rlpx.RlpxSession;
import io.headersync.p2p.rlpx.SessionListener;
import io.headersync.sync.api.DisconnectReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Floods through the whole stack, bytes to sync: an RLPx session (frames, base protocol, snappy)
 * on an embedded channel carrying an eth session, the remote played by {@link FrameWire}. The eth
 * tests on an in-memory channel already show each limit trips; these show that a flood arriving as
 * one burst of frames ends in a single {@code BREACH_OF_PROTOCOL} Disconnect on the wire, and that
 * everything after it, during the grace period before the socket closes, is read and dropped
 * without leaving anything behind: no further frames queued for the peer, no further tasks for the
 * sync loop, no further events for sync.
 */
class FloodTest {

  private static final byte[] AES = Keccak.keccak256(new byte[] {21}).toArray();
  private static final byte[] MAC = Keccak.keccak256(new byte[] {22}).toArray();
  private static final byte[] PEER_OUT = Keccak.keccak256(new byte[] {23}).toArray();
  private static final byte[] SESSION_OUT = Keccak.keccak256(new byte[] {24}).toArray();
  private static final NodeKey LOCAL = NodeKey.generate(new Random(61));
  private static final NodeKey REMOTE = NodeKey.generate(new Random(62));
  /** Sub-protocol codes start after the sixteen of the base protocol; eth is the only capability. */
  private static final int ETH_OFFSET = 16;
  private static final int FLOOD = 10_000;

  private final FrameWire peer = new FrameWire(AES, MAC, PEER_OUT, SESSION_OUT);
  private final EthCodec codec = new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT);
  private EthStack stack;
  private EmbeddedChannel channel;
  private final List<FrameWire.Opened> sent = new ArrayList<>();

  /** Session up and eth Status exchanged; the default 2 s grace keeps the connection open after a Disconnect. */
  private void connect(EthConfig config) {
    stack = new EthStack(config);
    CompletableFuture<RlpxSession> established = new CompletableFuture<>();
    channel = new EmbeddedChannel(RlpxInternals.establishedSession(LOCAL, REMOTE.nodeId(), AES, MAC, SESSION_OUT,
        PEER_OUT, List.of(stack.protocol), RlpxConfig.DEFAULT, SessionListener.ADMIT_ALL, established));
    channel.writeInbound(Unpooled.wrappedBuffer(peer.frame(0, RlpxInternals.encodeHello(
        new HelloMessage(5, "flooder/v1", List.of(EthVersion.ETH68.capability()), 0, REMOTE.nodeId())))));
    send(ETH_OFFSET + EthMessageType.STATUS.code(), codec.encode(stack.peerStatus(EthVersion.ETH68)));
    stack.loop.runFor(Duration.ZERO);
    assertThat(established).isCompleted();
    assertThat(stack.listener.connected).as("the eth peer is up").isEqualTo(1);
    collectSent();
  }

  private void send(int code, byte[] payload) {
    channel.writeInbound(Unpooled.wrappedBuffer(peer.frame(code, RlpxInternals.compress(payload))));
  }

  /** Many frames in one read, as a flooding peer's bytes arrive. */
  private void flood(int count, IntFunction<EthMessage> message) {
    ByteArrayOutputStream burst = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      EthMessage m = message.apply(i);
      burst.writeBytes(peer.frame(ETH_OFFSET + m.type().code(), RlpxInternals.compress(codec.encode(m))));
    }
    channel.writeInbound(Unpooled.wrappedBuffer(burst.toByteArray()));
  }

  /** Opens what the session sent since the last call; returns how many frames that was. */
  private int collectSent() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
      ByteBuf buf = (ByteBuf) o;
      byte[] b = new byte[buf.readableBytes()];
      buf.readBytes(b);
      buf.release();
      out.writeBytes(b);
    }
    byte[] wire = out.toByteArray();
    int[] length = new int[1];
    int before = sent.size();
    for (int at = 0; at < wire.length; at += length[0]) {
      sent.add(peer.open(wire, at, length));
    }
    return sent.size() - before;
  }

  private List<DisconnectReason> disconnectsSent() {
    return sent.stream().filter(f -> f.code() == 1)
        .map(f -> RlpxInternals.decodeDisconnect(f.data(), true, 1 << 20).reasonOrRequested()).toList();
  }

  @Test
  void aMessageFloodInOneBurstEndsInOneBreachDisconnectAndTheRestCostsNothing() {
    try (QuietLogs quiet = QuietLogs.of(EthSession.class)) {
      EthConfig.RateLimit messages = new EthConfig.RateLimit(100, 10);
      connect(EthConfig.DEFAULT.withRates(messages, EthConfig.DEFAULT.announcementRate()));
      EthMessage gossip = new EthMessage.Transactions(List.of(new byte[] {(byte) 0x82, 0x02, 0x01}));

      flood(FLOOD, i -> gossip);
      stack.loop.runFor(Duration.ZERO);
      collectSent();

      assertThat(disconnectsSent()).containsExactly(DisconnectReason.BREACH_OF_PROTOCOL);
      assertThat(stack.listener.disconnected).isEqualTo(1);
      assertThat(stack.reports).as("the flood is reported once, as the reason for the drop").isEqualTo(1);
      assertThat(channel.isOpen()).as("open for the grace period, so the peer can read why").isTrue();

      // During the grace period the flood goes on; it is read and dropped.
      long tasksBefore = stack.loop.eventsRun();
      flood(FLOOD, i -> gossip);
      stack.loop.runFor(Duration.ZERO);
      assertThat(collectSent()).as("nothing more is queued for the peer").isZero();
      assertThat(stack.loop.eventsRun() - tasksBefore).as("no task reaches the sync loop").isZero();
      assertThat(stack.listener.disconnected).isEqualTo(1);
      assertThat(stack.protocol.activeSessions()).isEmpty();
      channel.finishAndReleaseAll();
    }
  }

  @Test
  void anAnnouncementFloodReachesSyncOnlyUpToTheBurstThenEndsInABreachDisconnect() {
    try (QuietLogs quiet = QuietLogs.of(EthSession.class)) {
      connect(EthConfig.DEFAULT);
      int burst = EthConfig.DEFAULT.announcementRate().burst();

      flood(FLOOD, i -> new EthMessage.NewBlockHashes(List.of(new EthMessage.AnnouncedBlock(
          Hash.fromHex(String.format("0x%064x", i + 1)), 1_000 + i))));
      stack.loop.runFor(Duration.ZERO);
      collectSent();

      assertThat(disconnectsSent()).containsExactly(DisconnectReason.BREACH_OF_PROTOCOL);
      assertThat(stack.listener.announcements).as("announcements that reached sync").isEqualTo(burst);
      assertThat(stack.listener.stateChanges).isLessThanOrEqualTo(burst);

      long tasksBefore = stack.loop.eventsRun();
      flood(FLOOD, i -> new EthMessage.NewBlockHashes(List.of(new EthMessage.AnnouncedBlock(
          Hash.fromHex(String.format("0x%064x", FLOOD + i + 1)), 50_000 + i))));
      stack.loop.runFor(Duration.ZERO);
      assertThat(collectSent()).isZero();
      assertThat(stack.loop.eventsRun() - tasksBefore).isZero();
      assertThat(stack.listener.announcements).isEqualTo(burst);
      channel.finishAndReleaseAll();
    }
  }
}
