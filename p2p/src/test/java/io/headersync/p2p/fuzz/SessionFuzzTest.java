package io.headersync.p2p.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.crypto.Keccak;
import io.headersync.p2p.eth.EthCodec;
import io.headersync.p2p.eth.EthConfig;
import io.headersync.p2p.eth.EthLimits;
import io.headersync.p2p.eth.EthMessageType;
import io.headersync.p2p.eth.EthProtocolException;
import io.headersync.p2p.eth.EthSession;
import io.headersync.p2p.eth.EthVersion;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.rlpx.HelloMessage;
import io.headersync.p2p.rlpx.ProtocolHandler;
import io.headersync.p2p.rlpx.RlpxConfig;
import io.headersync.p2p.rlpx.RlpxException;
import io.headersync.p2p.rlpx.RlpxInternals;
import io.headersync.p2p.rlpx.RlpxSession;
import io.headersync.p2p.rlpx.SessionClosedException;
import io.headersync.p2p.rlpx.SessionListener;
import io.headersync.sync.api.DisconnectReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Malformed input through whole sessions rather than bare decoders: the offending peer must be
 * disconnected with the reason its fault earns. The eth session must answer a message its codec
 * rejects with {@code BREACH_OF_PROTOCOL}; an RLPx session (frames and base protocol on an embedded
 * channel, the remote played by {@link FrameWire}) must send a Disconnect whose reason is the one
 * the standalone decoders assign to the same bytes; a handshake handler that cannot read an auth
 * must close without answering and fail the session with {@code BREACH_OF_PROTOCOL}.
 */
class SessionFuzzTest {

  private static final long SEED = FuzzBudget.seed();

  /** The session hung up on the peer (or the peer on it); the reason is the tally's rejection key. */
  static final class Dropped extends RuntimeException {
    Dropped(Object reason) {
      super(String.valueOf(reason), null, false, false);
    }
  }

  // ------------------------------------------------------------------ eth

  record EthCase(EthVersion version, boolean statusFirst, int code, byte[] payload) {}

  @Test
  void anEthMessageTheCodecRejectsDropsThePeerWithBreachOfProtocol() {
    try (QuietLogs quiet = QuietLogs.of(EthSession.class)) {
      ethSessionFuzz();
    }
  }

  private void ethSessionFuzz() {
    EthStack stack = new EthStack(EthConfig.DEFAULT);
    List<EthCorpus.Seed> seeds = EthCorpus.seeds(SEED + 2, 4);
    Map<EthVersion, EthCodec> codecs = Map.of(EthVersion.ETH68, new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT),
        EthVersion.ETH69, new EthCodec(EthVersion.ETH69, EthLimits.DEFAULT));
    Tally t = new FuzzLoop<EthCase>("eth session", Dropped.class, Throwable::getMessage, EthCase::payload)
        .allocation(256 * 1024, 16, 0)
        .run(SEED, FuzzBudget.share(0.02), r -> {
          EthCorpus.Seed seed = seeds.get(r.nextInt(seeds.size()));
          byte[] payload = r.nextInt(10) == 0 ? seed.payload()
              : Mutator.mutate(seed.payload(), seeds.get(r.nextInt(seeds.size())).payload(), r);
          return new EthCase(seed.version(), r.nextInt(10) != 0, r.nextInt(20) == 0 ? r.nextInt(0x20) : seed.type().code(),
              payload);
        }, in -> {
          EthCodec codec = codecs.get(in.version());
          RecordingChannel channel = new RecordingChannel(in.version().capability());
          ProtocolHandler session = stack.protocol.open(channel);
          if (in.statusFirst()) {
            session.onMessage(0, codec.encode(stack.peerStatus(in.version())));
            assertThat(channel.disconnect).as("the peer's own Status is accepted").isNull();
          }
          session.onMessage(in.code(), in.payload());
          DisconnectReason expected = null;
          try {
            EthMessageType type = codec.decode(in.code(), in.payload()).type();
            if (in.statusFirst() && type == EthMessageType.STATUS) {
              expected = DisconnectReason.BREACH_OF_PROTOCOL; // a second Status
            } else if (!in.statusFirst() && type != EthMessageType.STATUS) {
              expected = DisconnectReason.BREACH_OF_PROTOCOL; // anything before Status
            }
          } catch (EthProtocolException e) {
            expected = DisconnectReason.BREACH_OF_PROTOCOL;
          }
          DisconnectReason actual = channel.disconnect;
          session.onClosed(actual == null ? DisconnectReason.REQUESTED : actual, actual == null);
          stack.loop.runFor(Duration.ZERO);
          if (expected != null || in.statusFirst()) {
            assertThat(actual).isEqualTo(expected);
          } else if (actual != null) {
            // a mutated Status that decodes may still name another chain: refused, but not as a breach
            assertThat(actual).isIn(DisconnectReason.SUBPROTOCOL_ERROR, DisconnectReason.BREACH_OF_PROTOCOL);
          }
          assertThat(channel.disconnects).isLessThanOrEqualTo(1);
          if (actual != null) {
            throw new Dropped(actual);
          }
          return true;
        });
    assertThat(t.rejected).containsKey("BREACH_OF_PROTOCOL");
    assertThat(t.accepted).isPositive();
  }

  // ------------------------------------------------------------------ RLPx session

  private static final byte[] AES = Keccak.keccak256(new byte[] {11}).toArray();
  private static final byte[] MAC = Keccak.keccak256(new byte[] {12}).toArray();
  private static final byte[] PEER_OUT = Keccak.keccak256(new byte[] {13}).toArray();
  private static final byte[] SESSION_OUT = Keccak.keccak256(new byte[] {14}).toArray();
  private static final NodeKey LOCAL = NodeKey.generate(new Random(51));
  private static final NodeKey REMOTE = NodeKey.generate(new Random(52));
  private static final int CAP = 64 * 1024;
  private static final RlpxConfig CONFIG = RlpxConfig.DEFAULT.withDisconnectGrace(Duration.ZERO).withMaxFrameSize(CAP)
      .withMaxMessageSize(CAP);

  /** The remote's side of one session: its Hello frame, then the frame under test, from one {@link FrameWire}. */
  record SessionCase(FrameWire peer, byte[] hello, byte[] fuzz) {}

  private static SessionCase sessionCase(SplittableRandom r, List<byte[]> payloads) {
    FrameWire peer = new FrameWire(AES, MAC, PEER_OUT, SESSION_OUT);
    byte[] hello = peer.frame(0, RlpxInternals.encodeHello(
        new HelloMessage(5, "fuzzer/v1", List.of(SinkProtocol.TST), 0, REMOTE.nodeId())));
    byte[] data = payloads.get(r.nextInt(payloads.size()));
    data = switch (r.nextInt(3)) {
      case 0 -> RlpxInternals.compress(data);
      case 1 -> Mutator.mutate(RlpxInternals.compress(data), data, r);
      default -> Mutator.mutate(data, data, r);
    };
    int code = r.nextInt(4) == 0 ? r.nextInt(4) : r.nextInt(0x20);
    byte[] fuzz = switch (r.nextInt(3)) {
      case 0 -> peer.frame(code, data);
      case 1 -> {
        byte[] content = Mutator.mutate(new byte[] {(byte) code}, data, r);
        byte[] header = FrameWire.header(r.nextBoolean() ? content.length : r.nextInt(CAP * 2));
        yield peer.seal(header, content);
      }
      default -> Mutator.mutate(peer.frame(code, data), data, r);
    };
    return new SessionCase(peer, hello, fuzz);
  }

  /**
   * What the session should do with the bytes, from the standalone decoders: the reason of our
   * Disconnect, or null. The bytes may hold more than one frame (a mutation can repeat a stretch
   * of them), and the session reads every whole frame in order, so the oracle does too.
   */
  private static Object expectedOutcome(SessionCase c) {
    RlpxInternals.FrameReader reader = RlpxInternals.frameReader(AES, MAC, SESSION_OUT, PEER_OUT, CAP);
    reader.readBody(c.hello(), RlpxInternals.HEADER_WITH_MAC, reader.readHeader(c.hello(), 0));
    byte[] wire = c.fuzz();
    try {
      int at = 0;
      while (wire.length - at >= RlpxInternals.HEADER_WITH_MAC) {
        int size = reader.readHeader(wire, at);
        int body = RlpxInternals.bodySize(size);
        if (wire.length - at - RlpxInternals.HEADER_WITH_MAC < body) {
          return null; // the rest of this frame has not arrived
        }
        Object outcome = frameOutcome(reader.readBody(wire, at + RlpxInternals.HEADER_WITH_MAC, size));
        if (outcome != null) {
          return outcome;
        }
        at += RlpxInternals.HEADER_WITH_MAC + body;
      }
      return null;
    } catch (RlpxException e) {
      return e.disconnectReason();
    }
  }

  /** What one whole, authentic frame earns after the Hello: a reason, "remote", or null to read on. */
  private static Object frameOutcome(RlpxInternals.Frame frame) {
    int code = frame.code();
    if (code == 0) {
      return DisconnectReason.BREACH_OF_PROTOCOL; // a second Hello
    }
    if (code == 1) {
      return "remote"; // the peer hung up: nothing is sent back
    }
    if (code < 16) {
      return null;
    }
    if (code >= 16 + SinkProtocol.MESSAGE_SPACE) {
      return DisconnectReason.BREACH_OF_PROTOCOL; // beyond every capability
    }
    RlpxInternals.decompress(frame.data(), CAP);
    return null;
  }

  private static byte[] drain(EmbeddedChannel ch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
      ByteBuf buf = (ByteBuf) o;
      byte[] b = new byte[buf.readableBytes()];
      buf.readBytes(b);
      buf.release();
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  /** The frames the session sent, opened by the peer in order. */
  private static List<FrameWire.Opened> frames(FrameWire peer, byte[] wire) {
    List<FrameWire.Opened> out = new ArrayList<>();
    int[] length = new int[1];
    for (int at = 0; at < wire.length; at += length[0]) {
      out.add(peer.open(wire, at, length));
    }
    return out;
  }

  @Test
  void aMalformedFrameOrMessageEndsTheRlpxSessionWithTheReasonItEarns() {
    List<byte[]> payloads = EthCorpus.seeds(SEED + 3, 2).stream().map(EthCorpus.Seed::payload).toList();
    SinkProtocol sink = new SinkProtocol();
    Tally t = new FuzzLoop<SessionCase>("rlpx session", Dropped.class, Throwable::getMessage, SessionCase::fuzz)
        .allocation(256 * 1024, 16, CAP)
        .run(SEED, FuzzBudget.share(0.008), r -> sessionCase(r, payloads), c -> {
          Object expected = expectedOutcome(c);
          CompletableFuture<RlpxSession> established = new CompletableFuture<>();
          EmbeddedChannel ch = new EmbeddedChannel(RlpxInternals.establishedSession(LOCAL, REMOTE.nodeId(), AES, MAC,
              SESSION_OUT, PEER_OUT, List.of(sink), CONFIG, SessionListener.ADMIT_ALL, established));
          List<FrameWire.Opened> before = frames(c.peer(), drain(ch));
          assertThat(before.getFirst().code()).as("our Hello").isZero();
          ch.writeInbound(Unpooled.wrappedBuffer(c.hello()));
          assertThat(established).isCompleted();
          frames(c.peer(), drain(ch)); // the Ping that measures the round trip
          ch.writeInbound(Unpooled.wrappedBuffer(c.fuzz()));
          ch.runPendingTasks();
          List<FrameWire.Opened> after = frames(c.peer(), drain(ch));
          List<DisconnectReason> sent = after.stream().filter(f -> f.code() == 1)
              .map(f -> RlpxInternals.decodeDisconnect(f.data(), true, CAP).reasonOrRequested()).toList();
          boolean open = ch.isOpen();
          ch.finishAndReleaseAll();
          if (expected == null) {
            assertThat(sent).as("no Disconnect for a frame that is fine or incomplete").isEmpty();
            assertThat(open).isTrue();
            return true;
          }
          if (expected.equals("remote")) {
            assertThat(sent).as("the peer's own Disconnect is not answered").isEmpty();
            assertThat(open).isFalse();
            throw new Dropped("by the remote");
          }
          assertThat(sent).as("one Disconnect with the reason the decoders give").containsExactly((DisconnectReason) expected);
          assertThat(open).as("closed after the Disconnect").isFalse();
          throw new Dropped(expected);
        });
    assertThat(t.rejected).containsKey("BREACH_OF_PROTOCOL");
    assertThat(t.accepted).isPositive();
  }

  // ------------------------------------------------------------------ handshake

  @Test
  void anUnreadableAuthClosesTheConnectionUnansweredAsABreach() {
    RlpxInternals.Handshake oracle = RlpxInternals.handshake(REMOTE, LOCAL, CONFIG.maxHandshakeSize());
    List<byte[]> auths = List.of(oracle.authPacket());
    Tally t = FuzzLoop.ofBytes("rlpx handshake handler", Dropped.class, Throwable::getMessage)
        .allocation(8L << 20, 16, 0)
        .run(SEED, FuzzBudget.share(0.001), r -> DecoderFuzzTest.variant(auths, r), auth -> {
          boolean readable;
          boolean complete;
          boolean trailing = false;
          try {
            ByteBuf in = Unpooled.wrappedBuffer(auth);
            complete = oracle.readAuth(in) != null;
            trailing = complete && in.isReadable();
            readable = true;
          } catch (RlpxException e) {
            assertThat(e.disconnectReason()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
            complete = false;
            readable = false;
          }
          CompletableFuture<RlpxSession> established = new CompletableFuture<>();
          EmbeddedChannel ch = new EmbeddedChannel(RlpxInternals.handshakeHandler(LOCAL, null, List.of(new SinkProtocol()),
              CONFIG, SessionListener.ADMIT_ALL, established));
          ch.writeInbound(Unpooled.wrappedBuffer(auth));
          byte[] answer = drain(ch);
          boolean open = ch.isOpen();
          ch.finishAndReleaseAll();
          if (readable) {
            // Bytes after a whole auth are the peer's first frame, which random bytes fail to
            // authenticate: the session may hang up then, but only after its ack.
            assertThat(open || trailing).as("open unless a frame followed the auth").isTrue();
            assertThat(answer.length > 0).as("an ack exactly when the auth was whole").isEqualTo(complete);
            return complete;
          }
          assertThat(answer).as("nothing is sent before the secrets exist").isEmpty();
          assertThat(open).isFalse();
          assertThat(established).isCompletedExceptionally();
          try {
            established.get();
          } catch (ExecutionException | InterruptedException e) {
            SessionClosedException closed = (SessionClosedException) e.getCause();
            throw new Dropped(closed.reason());
          }
          throw new AssertionError("unreachable");
        });
    assertThat(t.rejected).containsKey("BREACH_OF_PROTOCOL");
    assertThat(t.accepted).isPositive();
  }
}
