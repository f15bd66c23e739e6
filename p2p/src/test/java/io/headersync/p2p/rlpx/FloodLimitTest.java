package io.headersync.p2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.p2p.identity.NodeKey;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The limits on what a peer can make a session do: base-protocol messages through a token bucket
 * (a Ping flood ends in one {@code BREACH_OF_PROTOCOL} Disconnect, an honest cadence never does),
 * and reads paused while the connection is not writable.
 */
class FloodLimitTest {

  private static final Capability TST_1 = new Capability("tst", 1);
  private static final int PING = 0x02;
  private static final int PONG = 0x03;
  private static final byte[] EMPTY_LIST_SNAPPY = MessageCompression.compress(new byte[] {(byte) 0xC0});
  private static final int FLOOD = 10_000;
  /** A Ping or Pong frame: 32 bytes of header and MAC, content padded to 16, 16 bytes of frame MAC. */
  private static final int SMALL_FRAME_BYTES = 64;
  /** What one such frame adds to a channel's pending bytes: the frame and Netty's estimate of its entry. */
  private static final int ONE_QUEUED_FRAME = SMALL_FRAME_BYTES + 96;

  private final NodeKey local = NodeKey.generate(new Random(41));
  private final NodeKey remote = NodeKey.generate(new Random(42));
  private final TestProtocol tst = new TestProtocol(4, TST_1);
  private final RecordingListener listener = new RecordingListener();
  private final CompletableFuture<RlpxSession> established = new CompletableFuture<>();
  /** The session's clock, moved by hand; starts away from zero, which the round-trip timer treats as unset. */
  private long now = TimeUnit.SECONDS.toNanos(1);

  private final FrameCodec[] codecs = Sessions.codecPair(RlpxConfig.FRAME_SIZE_LIMIT);
  private final FrameCodec peer = codecs[0];

  /**
   * A session behind its frame layer on an embedded channel, Hello exchanged; the remote is played
   * through {@link #peer}. The default 2 s grace keeps the connection open after our Disconnect.
   */
  private EmbeddedChannel session(RlpxConfig config) {
    SessionSetup setup = new SessionSetup(local, "headersync/test", () -> 30303, List.of(tst), config, listener,
        new SecureRandom());
    EmbeddedChannel ch = new EmbeddedChannel(new FrameHandler(codecs[1]),
        new SessionHandler(setup, remote.nodeId(), true, established, new CompletableFuture<Void>(), () -> now));
    ch.writeInbound(Unpooled.wrappedBuffer(peer.encode(HelloMessage.CODE,
        new HelloMessage(5, "flooder/v1", List.of(TST_1), 0, remote.nodeId()).encode())));
    assertThat(established).isCompleted();
    return ch;
  }

  /** The frames the session sent since the last call, opened by the peer, and how many bytes they took. */
  private record Sent(List<RlpxFrame> frames, long bytes) {
    long count(int code) {
      return frames.stream().filter(f -> f.code() == code).count();
    }

    List<DisconnectReason> disconnects() {
      return frames.stream().filter(f -> f.code() == DisconnectMessage.CODE)
          .map(f -> DisconnectMessage.decode(f.data(), true, 1 << 20).reasonOrRequested()).toList();
    }
  }

  private Sent sent(EmbeddedChannel ch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
      ByteBuf buf = (ByteBuf) o;
      byte[] b = new byte[buf.readableBytes()];
      buf.readBytes(b);
      buf.release();
      out.writeBytes(b);
    }
    byte[] wire = out.toByteArray();
    List<RlpxFrame> frames = new ArrayList<>();
    for (int at = 0; at < wire.length; ) {
      int size = peer.readHeader(wire, at);
      frames.add(peer.readBody(wire, at + FrameCodec.HEADER_WITH_MAC, size));
      at += FrameCodec.HEADER_WITH_MAC + FrameCodec.bodySize(size);
    }
    return new Sent(frames, wire.length);
  }

  /** {@code count} frames of {@code code} in one read, as a flooding peer's bytes arrive. */
  private void flood(EmbeddedChannel ch, int code, int count) {
    ByteArrayOutputStream burst = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      burst.writeBytes(peer.encode(code, EMPTY_LIST_SNAPPY));
    }
    ch.writeInbound(Unpooled.wrappedBuffer(burst.toByteArray()));
  }

  @Test
  void aPingFloodIsAnsweredUpToTheBurstThenEndsInOneBreachDisconnectWithBoundedQueuedBytes() {
    RlpxConfig config = RlpxConfig.DEFAULT;
    int burst = config.baseMessageRate().burst();
    EmbeddedChannel ch = session(config);
    sent(ch);

    flood(ch, PING, FLOOD);
    Sent answered = sent(ch);

    assertThat(answered.count(PONG)).as("Pongs queued for the flooder").isEqualTo(burst);
    assertThat(answered.disconnects()).containsExactly(DisconnectReason.BREACH_OF_PROTOCOL);
    assertThat(answered.bytes()).as("bytes queued for the flooder, against %d unlimited", FLOOD * SMALL_FRAME_BYTES)
        .isLessThanOrEqualTo((burst + 1L) * SMALL_FRAME_BYTES);
    assertThat(listener.closed).singleElement().satisfies(c -> {
      assertThat(c.reason()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
      assertThat(c.byRemote()).isFalse();
    });
    assertThat(ch.isOpen()).as("open for the grace period, so the peer can read why").isTrue();

    // The flood goes on during the grace period: read and dropped, nothing more queued.
    now += TimeUnit.SECONDS.toNanos(1);
    flood(ch, PING, FLOOD);
    assertThat(sent(ch).bytes()).isZero();
    assertThat(listener.closed).hasSize(1);
    ch.finishAndReleaseAll();
  }

  @ParameterizedTest(name = "code 0x{0}")
  @ValueSource(ints = {PONG, 0x04, 0x0a, 0x0f})
  void unsolicitedPongsAndUnassignedBaseCodesCountToo(int code) {
    RlpxConfig config = RlpxConfig.DEFAULT.withBaseMessageRate(new RlpxConfig.RateLimit(8, 1));
    EmbeddedChannel ch = session(config);
    sent(ch);

    flood(ch, code, 8);
    assertThat(sent(ch).frames()).as("within the burst").isEmpty();
    flood(ch, code, 1);

    assertThat(sent(ch).disconnects()).containsExactly(DisconnectReason.BREACH_OF_PROTOCOL);
    ch.finishAndReleaseAll();
  }

  @Test
  void anHonestPingCadenceIsNeverLimited() {
    EmbeddedChannel ch = session(RlpxConfig.DEFAULT);
    sent(ch);
    int periods = 2_000;

    // Eight hours of: the peer's Ping every 15 s, our idle Ping answered by its Pong.
    for (int i = 0; i < periods; i++) {
      now += TimeUnit.SECONDS.toNanos(15);
      flood(ch, PING, 1);
      ch.pipeline().fireUserEventTriggered(io.netty.handler.timeout.IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
      flood(ch, PONG, 1);
    }
    Sent sent = sent(ch);

    assertThat(sent.count(PONG)).isEqualTo(periods);
    assertThat(sent.count(PING)).isEqualTo(periods);
    assertThat(sent.disconnects()).isEmpty();
    assertThat(listener.closed).isEmpty();
    assertThat(listener.roundTrips).hasSize(periods);
    ch.finishAndReleaseAll();
  }

  @Test
  void aPeerPingingAtTheConfiguredRateAfterItsBurstStaysConnected() {
    RlpxConfig config = RlpxConfig.DEFAULT;
    long interval = (long) (1e9 / config.baseMessageRate().perSecond());
    EmbeddedChannel ch = session(config);
    sent(ch);

    flood(ch, PING, config.baseMessageRate().burst());
    for (int i = 0; i < 500; i++) {
      now += interval;
      flood(ch, PING, 1);
    }

    assertThat(sent(ch).disconnects()).isEmpty();
    assertThat(ch.isOpen()).isTrue();
    ch.finishAndReleaseAll();
  }

  @Test
  void readsPauseWhileTheChannelIsNotWritableAndResumeWhenItDrains() {
    EmbeddedChannel ch = new EmbeddedChannel(ReadPauseHandler.INSTANCE);
    ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, 4096));
    assertThat(ch.config().isAutoRead()).isTrue();

    ch.write(Unpooled.wrappedBuffer(new byte[3000]));
    assertThat(ch.isWritable()).as("below the high mark").isTrue();
    assertThat(ch.config().isAutoRead()).isTrue();

    ch.write(Unpooled.wrappedBuffer(new byte[3000]));
    ch.runPendingTasks();
    assertThat(ch.isWritable()).as("above the high mark").isFalse();
    assertThat(ch.config().isAutoRead()).as("reading paused").isFalse();

    ch.flush();
    ch.runPendingTasks();
    assertThat(ch.isWritable()).isTrue();
    assertThat(ch.config().isAutoRead()).as("reading resumed").isTrue();
    ch.finishAndReleaseAll();
  }

  /** An embedded channel whose peer can stop reading: while stalled, flushed bytes stay queued. */
  private static final class StallingChannel extends EmbeddedChannel {
    boolean stalled;

    StallingChannel(WriteBufferWaterMark marks) {
      config().setWriteBufferWaterMark(marks);
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) throws Exception {
      if (!stalled) {
        super.doWrite(in);
      }
    }
  }

  @Test
  void aPeerThatPingsAndStopsReadingPausesOurReadsOnceTheHighMarkIsPassed() {
    // a bucket too large to trip here, so the water mark alone is what stops the peer
    RlpxConfig config = RlpxConfig.DEFAULT.withBaseMessageRate(new RlpxConfig.RateLimit(100_000, 1))
        .withWriteBufferMarks(512, 2048);
    SessionSetup setup = new SessionSetup(local, "headersync/test", () -> 30303, List.of(tst), config, listener,
        new SecureRandom());
    StallingChannel ch = new StallingChannel(new WriteBufferWaterMark(config.writeBufferLowMark(),
        config.writeBufferHighMark()));
    ch.pipeline().addLast(ReadPauseHandler.INSTANCE, new FrameHandler(codecs[1]),
        new SessionHandler(setup, remote.nodeId(), true, established, new CompletableFuture<Void>(), () -> now));
    ch.writeInbound(Unpooled.wrappedBuffer(peer.encode(HelloMessage.CODE,
        new HelloMessage(5, "slow-reader/v1", List.of(TST_1), 0, remote.nodeId()).encode())));
    sent(ch);
    ch.stalled = true;

    int pings = 0;
    while (ch.config().isAutoRead() && pings < 10_000) {
      flood(ch, PING, 1);
      pings++;
    }

    assertThat(ch.isWritable()).isFalse();
    assertThat(ch.config().isAutoRead()).as("reading paused").isFalse();
    assertThat(pings).as("Pings answered before the pause").isBetween(2, config.writeBufferHighMark() / SMALL_FRAME_BYTES);
    assertThat(ch.unsafe().outboundBuffer().totalPendingWriteBytes()).as("queued, with Netty's per-entry overhead")
        .isLessThanOrEqualTo(config.writeBufferHighMark() + ONE_QUEUED_FRAME);

    ch.stalled = false;
    ch.flush();
    ch.runPendingTasks();
    assertThat(ch.config().isAutoRead()).as("reading resumed once the peer read").isTrue();
    assertThat(sent(ch).count(PONG)).isEqualTo(pings);
    ch.finishAndReleaseAll();
  }

  @Test
  void rateLimitsAndWaterMarksAreChecked() {
    assertThatThrownBy(() -> new RlpxConfig.RateLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RlpxConfig.RateLimit(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RlpxConfig.DEFAULT.withWriteBufferMarks(2048, 1024))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low <= high");
    assertThat(RlpxConfig.DEFAULT.withDisconnectGrace(Duration.ZERO).baseMessageRate())
        .isEqualTo(RlpxConfig.DEFAULT.baseMessageRate());
  }
}
