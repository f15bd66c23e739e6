package io.headersync.p2p.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.crypto.Keccak;
import io.headersync.p2p.discovery.wire.Packet;
import io.headersync.p2p.discovery.wire.PacketCodec;
import io.headersync.p2p.discovery.wire.PacketException;
import io.headersync.p2p.discovery.wire.PacketType;
import io.headersync.p2p.discovery.wire.WireInternals;
import io.headersync.p2p.eth.EthCodec;
import io.headersync.p2p.eth.EthLimits;
import io.headersync.p2p.eth.EthMessage;
import io.headersync.p2p.eth.EthMessageType;
import io.headersync.p2p.eth.EthProtocolException;
import io.headersync.p2p.eth.EthVersion;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.rlpx.HelloMessage;
import io.headersync.p2p.rlpx.RlpxException;
import io.headersync.p2p.rlpx.RlpxInternals;
import io.headersync.rlp.RlpWriter;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Generated and mutated input, a million by default, fed to every decoder a peer reaches: the
 * RLPx frame layer (ciphertext mutated, and plaintext mutated under correct MACs), Hello and
 * Disconnect, snappy, the handshake's packet readers and body parsers, every eth message of both
 * versions, and the discv4 field decoder and datagram decoder. For each input only the decoder's
 * typed error may escape, and the heap it took must stay below a bound set by the input's size and
 * the decoder's cap ({@link FuzzLoop}). Each decoder's share of the budget is fixed here; the
 * counts per decoder are printed at the end.
 */
class DecoderFuzzTest {

  private static final long SEED = FuzzBudget.seed();
  /** Frame and message caps of the decoders under test: small, so that "within the cap" means something. */
  private static final int FRAME_CAP = 64 * 1024;
  private static final int MESSAGE_CAP = 64 * 1024;
  /** Heap for one ECDH, signature recovery or ECIES run: Bouncy Castle's point arithmetic allocates freely. */
  private static final long CURVE_WORK = 2L << 20;

  private static final byte[] AES = Keccak.keccak256(new byte[] {1}).toArray();
  private static final byte[] MAC = Keccak.keccak256(new byte[] {2}).toArray();
  private static final byte[] SEED_IN = Keccak.keccak256(new byte[] {3}).toArray();
  private static final byte[] SEED_OUT = Keccak.keccak256(new byte[] {4}).toArray();

  private static final List<EthCorpus.Seed> ETH = EthCorpus.seeds(SEED, 12);
  private static final List<byte[]> ETH_PAYLOADS = ETH.stream().map(EthCorpus.Seed::payload).toList();
  private static final Map<String, Tally> TALLIES = new LinkedHashMap<>();
  private static final int DECODER_GROUPS = 6;

  private static void record(String group, Tally tally) {
    TALLIES.computeIfAbsent(group, Tally::new).add(tally);
  }

  @AfterAll
  static void summary() {
    long total = 0;
    System.out.println("fuzz inputs per decoder group (seed " + SEED + "):");
    for (Map.Entry<String, Tally> e : TALLIES.entrySet()) {
      System.out.printf("  %-28s %,10d%n", e.getKey(), e.getValue().inputs);
      total += e.getValue().inputs;
    }
    System.out.printf("  %-28s %,10d%n", "total", total);
    if (TALLIES.size() == DECODER_GROUPS) {
      assertThat(total).as("inputs over all decoders").isGreaterThanOrEqualTo(FuzzBudget.total());
    }
  }

  private static String rlpxReason(Throwable t) {
    RlpxException e = (RlpxException) t;
    if (e.reason() == null || e.disconnectReason() == null) {
      throw new AssertionError("an RlpxException without a reason");
    }
    return e.reason().name();
  }

  private static String ethReason(Throwable t) {
    EthProtocolException e = (EthProtocolException) t;
    if (e.disconnectReason() != DisconnectReason.BREACH_OF_PROTOCOL) {
      throw new AssertionError("a decoding fault must cost the peer BREACH_OF_PROTOCOL, got " + e.disconnectReason());
    }
    return e.reason().name();
  }

  private static String packetReason(Throwable t) {
    return ((PacketException) t).reason().name();
  }

  /** Mostly a mutation of one seed (spliced with another), sometimes the seed itself or random bytes. */
  static byte[] variant(List<byte[]> seeds, SplittableRandom r) {
    byte[] seed = seeds.get(r.nextInt(seeds.size()));
    int roll = r.nextInt(100);
    if (roll < 3) {
      return seed.clone();
    }
    if (roll < 6) {
      return Mutator.randomBytes(r, r.nextInt(400));
    }
    return Mutator.mutate(seed, seeds.get(r.nextInt(seeds.size())), r);
  }

  // ------------------------------------------------------------------ RLPx frames

  /** A frame reader and the bytes a peer sent it. */
  private static boolean readFrame(RlpxInternals.FrameReader reader, byte[] wire) {
    if (wire.length < RlpxInternals.HEADER_WITH_MAC) {
      return false; // the frame handler waits for the header before calling the codec
    }
    int size = reader.readHeader(wire, 0);
    if (wire.length - RlpxInternals.HEADER_WITH_MAC < RlpxInternals.bodySize(size)) {
      return false;
    }
    RlpxInternals.Frame frame = reader.readBody(wire, RlpxInternals.HEADER_WITH_MAC, size);
    assertThat(frame.code()).isNotNegative();
    return true;
  }

  private static byte[] frameData(SplittableRandom r) {
    return r.nextBoolean() ? ETH_PAYLOADS.get(r.nextInt(ETH_PAYLOADS.size())) : Mutator.randomBytes(r, r.nextInt(600));
  }

  @Test
  void frameDecoderOnMutatedCiphertext() {
    Tally t = FuzzLoop.ofBytes("rlpx frame, ciphertext mutated", RlpxException.class, DecoderFuzzTest::rlpxReason)
        .run(SEED, FuzzBudget.share(0.08), r -> {
          FrameWire peer = new FrameWire(AES, MAC, SEED_IN, SEED_OUT);
          byte[] wire = peer.frame(r.nextInt(3) == 0 ? r.nextInt(0x100000) : r.nextInt(0x20), frameData(r));
          return r.nextInt(20) == 0 ? wire : Mutator.mutate(wire, peer.frame(r.nextInt(0x20), frameData(r)), r);
        }, wire -> readFrame(RlpxInternals.frameReader(AES, MAC, SEED_OUT, SEED_IN, FRAME_CAP), wire));
    assertThat(t.accepted).as("unmutated frames decode").isPositive();
    assertThat(t.rejected).containsKey("BAD_MAC");
    record("rlpx frames", t);
  }

  /** The sizes a lying header announces: zero, at and around the cap, the 24-bit maximum, a little more than sent. */
  private static int liedSize(int actual, SplittableRandom r) {
    return switch (r.nextInt(7)) {
      case 0 -> 0;
      case 1 -> FRAME_CAP;
      case 2 -> FRAME_CAP + 1;
      case 3 -> 0xFFFFFF;
      case 4 -> actual + 1 + r.nextInt(64);
      case 5 -> Math.max(0, actual - 1 - r.nextInt(16));
      default -> r.nextInt(0x1000000);
    };
  }

  @Test
  void frameDecoderOnMutatedPlaintextUnderValidMacs() {
    Tally t = FuzzLoop.ofBytes("rlpx frame, plaintext mutated", RlpxException.class, DecoderFuzzTest::rlpxReason)
        .allocation(FuzzLoop.DEFAULT_CONSTANT, 8, 0)
        .run(SEED, FuzzBudget.share(0.127), r -> {
          FrameWire peer = new FrameWire(AES, MAC, SEED_IN, SEED_OUT);
          byte[] codeRlp = new RlpWriter().writeLong(r.nextInt(3) == 0 ? r.nextLong(0, Long.MAX_VALUE) : r.nextInt(0x20))
              .toByteArray();
          byte[] data = frameData(r);
          byte[] content = Arrays.copyOf(codeRlp, codeRlp.length + data.length);
          System.arraycopy(data, 0, content, codeRlp.length, data.length);
          if (r.nextBoolean()) {
            content = Mutator.mutate(content, data, r);
          }
          byte[] header = FrameWire.header(content.length);
          switch (r.nextInt(4)) {
            case 0 -> { }
            case 1 -> header = FrameWire.header(liedSize(content.length, r));
            case 2 -> header[3 + r.nextInt(13)] = (byte) r.nextInt(256);
            default -> {
              header = FrameWire.header(liedSize(content.length, r));
              header[3 + r.nextInt(13)] = (byte) r.nextInt(256);
            }
          }
          return peer.seal(header, r.nextInt(10) == 0 ? new byte[0] : content);
        }, wire -> readFrame(RlpxInternals.frameReader(AES, MAC, SEED_OUT, SEED_IN, FRAME_CAP), wire));
    assertThat(t.accepted).isPositive();
    assertThat(t.incomplete).as("frames announcing more than was sent wait for it").isPositive();
    assertThat(t.rejected).containsKeys("FRAME_TOO_LARGE", "MALFORMED_FRAME");
    record("rlpx frames", t);
  }

  // ------------------------------------------------------------------ base protocol and snappy

  private static List<byte[]> helloSeeds() {
    SplittableRandom r = new SplittableRandom(SEED);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      List<Capability> caps = new ArrayList<>();
      for (int c = r.nextInt(5); c > 0; c--) {
        caps.add(new Capability(List.of("eth", "snap", "les", "wit", "x").get(r.nextInt(5)), r.nextInt(70)));
      }
      String client = "client/v" + r.nextInt(100) + "/" + Long.toHexString(r.nextLong());
      out.add(RlpxInternals.encodeHello(
          new HelloMessage(4 + r.nextInt(2), client, caps, r.nextInt(65536), NodeId.of(Mutator.randomBytes(r, 64)))));
    }
    return out;
  }

  private static List<byte[]> disconnectSeeds() {
    List<byte[]> out = new ArrayList<>();
    for (int code = 0; code < 0x12; code++) {
      byte[] list = new RlpWriter().startList().writeLong(code).endList().toByteArray();
      byte[] bare = new RlpWriter().writeLong(code).toByteArray();
      out.add(list);
      out.add(bare);
      out.add(RlpxInternals.compress(list));
      out.add(RlpxInternals.compress(bare));
    }
    out.add(new byte[] {(byte) 0xC0});
    return out;
  }

  @Test
  void helloAndDisconnectDecoders() {
    List<byte[]> hellos = helloSeeds();
    Tally hello = FuzzLoop.ofBytes("rlpx Hello", RlpxException.class, DecoderFuzzTest::rlpxReason)
        .run(SEED, FuzzBudget.share(0.035), r -> variant(hellos, r), data -> {
          HelloMessage m = RlpxInternals.decodeHello(data);
          assertThat(m.nodeId()).isNotNull();
          return true;
        });
    assertThat(hello.accepted).isPositive();
    assertThat(hello.rejected).containsKey("MALFORMED_MESSAGE");
    record("rlpx base messages", hello);

    List<byte[]> disconnects = disconnectSeeds();
    Tally disconnect = FuzzLoop.ofBytes("rlpx Disconnect", RlpxException.class, DecoderFuzzTest::rlpxReason)
        .allocation(FuzzLoop.DEFAULT_CONSTANT, 8, MESSAGE_CAP)
        .run(SEED, FuzzBudget.share(0.025), r -> variant(disconnects, r), data -> {
          assertThat(RlpxInternals.decodeDisconnect(data, data.length % 2 == 0, MESSAGE_CAP).reasonOrRequested()).isNotNull();
          return true;
        });
    assertThat(disconnect.accepted).isPositive();
    assertThat(disconnect.rejected).containsKey("MALFORMED_MESSAGE");
    record("rlpx base messages", disconnect);
  }

  /** Snappy's varint length header, replaced by one announcing {@code length}. */
  private static byte[] withAnnouncedLength(byte[] block, long length) {
    int header = 0;
    while (header < block.length && header < 5 && (block[header] & 0x80) != 0) {
      header++;
    }
    header = Math.min(block.length, header + 1);
    byte[] varint = new byte[10];
    int n = 0;
    long v = length;
    do {
      varint[n++] = (byte) ((v & 0x7F) | (v > 0x7F ? 0x80 : 0));
      v >>>= 7;
    } while (v != 0 && n < 10);
    byte[] out = new byte[n + block.length - header];
    System.arraycopy(varint, 0, out, 0, n);
    System.arraycopy(block, header, out, n, block.length - header);
    return out;
  }

  @Test
  void snappyDecoder() {
    SplittableRandom s = new SplittableRandom(SEED);
    List<byte[]> blocks = new ArrayList<>();
    for (byte[] p : ETH_PAYLOADS.subList(0, Math.min(80, ETH_PAYLOADS.size()))) {
      blocks.add(RlpxInternals.compress(p));
    }
    for (int i = 0; i < 40; i++) {
      byte[] repetitive = new byte[s.nextInt(8000)];
      Arrays.fill(repetitive, 0, repetitive.length / 2, (byte) s.nextInt(4));
      blocks.add(RlpxInternals.compress(repetitive));
    }
    long[] lies = {0, 1, MESSAGE_CAP, MESSAGE_CAP + 1L, 1L << 24, 0xFFFFFFFFL, 1L << 35};
    Tally t = FuzzLoop.ofBytes("snappy decompression", RlpxException.class, DecoderFuzzTest::rlpxReason)
        .allocation(FuzzLoop.DEFAULT_CONSTANT, 8, MESSAGE_CAP)
        .run(SEED, FuzzBudget.share(0.04), r -> {
          byte[] v = variant(blocks, r);
          return r.nextInt(4) == 0 ? withAnnouncedLength(v, r.nextBoolean() ? lies[r.nextInt(lies.length)] : r.nextInt(1 << 20)) : v;
        }, data -> RlpxInternals.decompress(data, MESSAGE_CAP).length <= MESSAGE_CAP);
    assertThat(t.accepted).isPositive();
    assertThat(t.rejected).containsKeys("MESSAGE_TOO_LARGE", "BAD_COMPRESSION");
    record("snappy", t);
  }

  // ------------------------------------------------------------------ handshake

  private static final NodeKey INITIATOR = NodeKey.generate(new Random(31));
  private static final NodeKey RECIPIENT = NodeKey.generate(new Random(32));

  /** Handshake packets with their size prefix lying: under the ECIES overhead, over the cap, off by a little. */
  private static byte[] withPrefix(byte[] packet, SplittableRandom r) {
    if (packet.length < 2) {
      return packet;
    }
    int[] sizes = {0, 1, 112, 113, 2046, 2047, 0xFFFF, packet.length - 2 + 1, packet.length - 2 - 1};
    int size = sizes[r.nextInt(sizes.length)];
    byte[] out = packet.clone();
    out[0] = (byte) (size >>> 8);
    out[1] = (byte) size;
    return out;
  }

  @Test
  void handshakePacketReaders() {
    RlpxInternals.Handshake hs = RlpxInternals.handshake(INITIATOR, RECIPIENT, 2048);
    List<byte[]> auths = List.of(hs.authPacket());
    List<byte[]> acks = List.of(hs.ackPacket(), hs.legacyAckPacket());
    Tally auth = FuzzLoop.ofBytes("handshake auth reader", RlpxException.class, DecoderFuzzTest::rlpxReason)
        .allocation(CURVE_WORK, 8, 0)
        .run(SEED, FuzzBudget.share(0.004), r -> {
          byte[] v = variant(auths, r);
          return r.nextInt(5) == 0 ? withPrefix(v, r) : v;
        }, packet -> hs.readAuth(Unpooled.wrappedBuffer(packet)) != null);
    assertThat(auth.accepted).isPositive();
    assertThat(auth.rejected).containsKeys("HANDSHAKE_SIZE", "HANDSHAKE_DECRYPT");
    record("handshake", auth);

    Tally ack = FuzzLoop.ofBytes("handshake ack reader", RlpxException.class, DecoderFuzzTest::rlpxReason)
        .allocation(CURVE_WORK, 8, 0)
        .run(SEED, FuzzBudget.share(0.003), r -> {
          byte[] v = variant(acks, r);
          return r.nextInt(5) == 0 ? withPrefix(v, r) : v;
        }, packet -> hs.readAck(Unpooled.wrappedBuffer(packet)) != null);
    assertThat(ack.accepted).isPositive();
    assertThat(ack.rejected).containsKeys("HANDSHAKE_SIZE", "HANDSHAKE_DECRYPT");
    record("handshake", ack);
  }

  @Test
  void handshakeBodyParsers() {
    RlpxInternals.Handshake hs = RlpxInternals.handshake(INITIATOR, RECIPIENT, 2048);
    List<byte[]> authBodies = List.of(hs.authBody(), new byte[194]);
    Tally auths = FuzzLoop.ofBytes("handshake auth bodies", RlpxException.class, DecoderFuzzTest::rlpxReason)
        .run(SEED, FuzzBudget.share(0.03), r -> variant(authBodies, r), plain -> {
          // 194 bytes is the pre-EIP-8 size; the reader tells the formats apart by the packet, so try both
          RlpxInternals.decodeAuthBody(plain, plain.length != 194);
          return true;
        });
    assertThat(auths.accepted).isPositive();
    assertThat(auths.rejected).containsKey("HANDSHAKE_MALFORMED");
    record("handshake", auths);

    List<byte[]> ackBodies = List.of(hs.ackBody(), new byte[97]);
    Tally acks = FuzzLoop.ofBytes("handshake ack bodies", RlpxException.class, DecoderFuzzTest::rlpxReason)
        .run(SEED, FuzzBudget.share(0.02), r -> variant(ackBodies, r), plain -> {
          RlpxInternals.decodeAckBody(plain, plain.length != 97);
          return true;
        });
    assertThat(acks.accepted).isPositive();
    assertThat(acks.rejected).containsKey("HANDSHAKE_MALFORMED");
    record("handshake", acks);

    // Mutated bodies sealed properly, so they pass ECIES and reach the parser and the signature check.
    SecureRandom random = new SecureRandom();
    Tally authentic = FuzzLoop.ofBytes("handshake authentic auths", RlpxException.class, DecoderFuzzTest::rlpxReason)
        .allocation(4 * CURVE_WORK, 8, 0)
        .run(SEED, FuzzBudget.share(0.001), r -> hs.sealForRecipient(variant(authBodies, r), random),
            packet -> hs.readAuth(Unpooled.wrappedBuffer(packet)) != null);
    assertThat(authentic.accepted).isPositive();
    assertThat(authentic.rejected).containsKey("HANDSHAKE_MALFORMED");
    record("handshake", authentic);
  }

  // ------------------------------------------------------------------ eth

  /** An eth message as a peer sends it: the version of the session, the code and the payload. */
  record EthInput(EthVersion version, int code, byte[] payload) {}

  @Test
  void everyEthMessageDecoderOfBothVersions() {
    Map<EthVersion, EthCodec> codecs = new LinkedHashMap<>();
    for (EthVersion v : EthVersion.values()) {
      codecs.put(v, new EthCodec(v, EthLimits.DEFAULT));
    }
    List<EthCorpus.Seed> decoders = ETH;
    List<String> names = decoders.stream().map(s -> s.version() + " " + s.type().wireName()).distinct().toList();
    double share = 0.448 / names.size();
    Tally all = new Tally("eth");
    for (String name : names) {
      List<EthCorpus.Seed> own = decoders.stream().filter(s -> (s.version() + " " + s.type().wireName()).equals(name)).toList();
      List<byte[]> payloads = own.stream().map(EthCorpus.Seed::payload).toList();
      EthVersion version = own.getFirst().version();
      int code = own.getFirst().type().code();
      Tally t = ethLoop("eth " + name).run(SEED, FuzzBudget.share(share), r -> {
        byte[] donor = ETH_PAYLOADS.get(r.nextInt(ETH_PAYLOADS.size()));
        byte[] seed = payloads.get(r.nextInt(payloads.size()));
        byte[] payload = r.nextInt(30) == 0 ? seed.clone() : Mutator.mutate(seed, donor, r);
        return new EthInput(version, r.nextInt(20) == 0 ? r.nextInt(0x20) : code, payload);
      }, in -> decodeEth(codecs, in));
      assertThat(t.accepted).as(name + " accepted").isPositive();
      assertThat(t.rejected).as(name + " rejected").containsKey("MALFORMED");
      all.add(t);
    }
    // The messages just over each count cap, mutated: the count check, not the session's byte cap, refuses them.
    List<EthCorpus.Seed> big = EthCorpus.overCaps(EthLimits.DEFAULT);
    Tally caps = ethLoop("eth over the count caps").run(SEED, FuzzBudget.share(0.002), r -> {
      EthCorpus.Seed s = big.get(r.nextInt(big.size()));
      byte[] payload = r.nextInt(4) == 0 ? s.payload().clone() : Mutator.mutateOnce(s.payload(), s.payload(), r);
      return new EthInput(s.version(), s.type().code(), payload);
    }, in -> decodeEth(codecs, in));
    assertThat(caps.rejected).containsKey("OVER_LIMIT");
    all.add(caps);
    record("eth", all);
  }

  /**
   * A decoded message may cost more heap than its bytes: a one-byte transaction becomes an array
   * and a list slot, about 40 bytes. The count caps bound how many such items there are; the
   * bound per byte says no length or count was believed beyond what the input holds.
   */
  private static FuzzLoop<EthInput> ethLoop(String name) {
    return new FuzzLoop<EthInput>(name, EthProtocolException.class, DecoderFuzzTest::ethReason, EthInput::payload)
        .allocation(FuzzLoop.DEFAULT_CONSTANT, 48, 0);
  }

  private static boolean decodeEth(Map<EthVersion, EthCodec> codecs, EthInput in) throws EthProtocolException {
    EthMessage m = codecs.get(in.version()).decode(in.code(), in.payload());
    assertThat(m.type().code()).isEqualTo(in.code());
    assertThat(m.type().existsIn(in.version())).isTrue();
    return true;
  }

  // ------------------------------------------------------------------ discv4

  @Test
  void discoveryFieldDecoderOfEveryPacketType() {
    List<byte[]> datagrams = DiscoveryCorpus.datagrams(SEED, 16);
    Tally all = new Tally("discv4 fields");
    for (PacketType type : PacketType.values()) {
      List<byte[]> payloads = datagrams.stream().filter(d -> (d[PacketCodec.HEADER_SIZE - 1] & 0xFF) == type.code())
          .map(d -> Arrays.copyOfRange(d, PacketCodec.HEADER_SIZE, d.length)).toList();
      Function<Throwable, String> reason = DecoderFuzzTest::packetReason;
      // A node record's signature is checked while decoding: curve work, whatever the input's size.
      long constant = type == PacketType.ENR_RESPONSE ? CURVE_WORK : FuzzLoop.DEFAULT_CONSTANT;
      Tally t = FuzzLoop.ofBytes("discv4 " + type + " fields", PacketException.class, reason)
          .allocation(constant, 8, 0)
          .run(SEED, FuzzBudget.share(0.18 / PacketType.values().length), r -> variant(payloads, r), data -> {
            Packet p = WireInternals.decodeData(type, data, 0, data.length);
            assertThat(p.type()).isEqualTo(type);
            return true;
          });
      assertThat(t.accepted).as(type + " accepted").isPositive();
      assertThat(t.rejected).as(type + " rejected").containsKey("MALFORMED");
      all.add(t);
    }
    record("discv4", all);
  }

  @Test
  void discoveryDatagramDecoder() {
    List<byte[]> datagrams = DiscoveryCorpus.datagrams(SEED + 1, 4);
    Tally t = FuzzLoop.ofBytes("discv4 datagrams", PacketException.class, DecoderFuzzTest::packetReason)
        .allocation(CURVE_WORK, 8, 0)
        .run(SEED, FuzzBudget.share(0.005), r -> {
          byte[] v = variant(datagrams, r);
          if (r.nextInt(8) == 0) {
            v = Arrays.copyOf(v, PacketCodec.MAX_PACKET_SIZE + 1 + r.nextInt(200));
          }
          // Most get a fresh hash, so the signature and the fields are what is tested.
          return r.nextInt(5) == 0 ? v : DiscoveryCorpus.rehash(v);
        }, d -> PacketCodec.decode(d).packet() != null);
    assertThat(t.accepted).isPositive();
    assertThat(t.rejected).containsKeys("HASH_MISMATCH", "MALFORMED", "TOO_LARGE");
    record("discv4", t);
  }
}
