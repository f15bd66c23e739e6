package io.headersync.p2p.discovery.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.p2p.discovery.enr.Enr;
import io.headersync.p2p.discovery.wire.Packet.EnrRequest;
import io.headersync.p2p.discovery.wire.Packet.EnrResponse;
import io.headersync.p2p.discovery.wire.Packet.FindNode;
import io.headersync.p2p.discovery.wire.Packet.Neighbors;
import io.headersync.p2p.discovery.wire.Packet.Ping;
import io.headersync.p2p.discovery.wire.Packet.Pong;
import io.headersync.p2p.discovery.wire.PacketException.Reason;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.rlp.RlpWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PacketCodecTest {

  private static final NodeKey KEY = NodeKey.generate(new Random(1));
  private static final NodeKey OTHER = NodeKey.generate(new Random(2));

  static Stream<Packet> packets() throws Exception {
    Endpoint v4 = new Endpoint(InetAddress.getByName("10.1.2.3"), 30303, 30304);
    Endpoint v6 = new Endpoint(InetAddress.getByName("2001:db8::7"), 65535, 0);
    Enr record = Enr.builder().seq(7).ip(InetAddress.getByName("10.1.2.3")).udp(30303).tcp(30304).sign(KEY);
    return Stream.of(
        new Ping(4, v4, v6, 1_700_000_000L, OptionalLong.of(7)),
        new Ping(4, v4, v6, 1_700_000_000L, OptionalLong.empty()),
        new Ping(4, v4, v6, -1L, OptionalLong.of(-2L)),
        new Pong(v6, Keccak.keccak256(new byte[] {1}), 1_700_000_000L, OptionalLong.of(0)),
        new FindNode(OTHER.nodeId(), 1_700_000_000L),
        new Neighbors(List.of(new Neighbor(v4, OTHER.nodeId()), new Neighbor(v6, KEY.nodeId())), 1_700_000_000L),
        new Neighbors(List.of(), 1),
        new EnrRequest(1_700_000_000L),
        new EnrResponse(Keccak.keccak256(new byte[] {2}), record));
  }

  @ParameterizedTest
  @MethodSource("packets")
  void roundTripsWithSenderAndHash(Packet packet) throws Exception {
    byte[] wire = PacketCodec.encode(packet, KEY);
    DecodedPacket decoded = PacketCodec.decode(wire);
    assertThat(decoded.packet()).isEqualTo(packet);
    assertThat(decoded.sender()).isEqualTo(KEY.nodeId());
    assertThat(decoded.hash()).isEqualTo(PacketCodec.hashOf(wire));
    assertThat(decoded.hash()).isEqualTo(Keccak.keccak256(wire, 32, wire.length - 32));
  }

  @Test
  void aByteFlippedAnywhereBreaksTheHash() throws Exception {
    byte[] wire = PacketCodec.encode(new EnrRequest(99), KEY);
    for (int i = 0; i < wire.length; i++) {
      byte[] bad = wire.clone();
      bad[i] ^= 0x01;
      assertThatThrownBy(() -> PacketCodec.decode(bad)).as("byte " + i)
          .isInstanceOfSatisfying(PacketException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HASH_MISMATCH));
    }
  }

  @Test
  void aSignatureOutOfRangeIsATypedErrorEvenWithAFreshHash() throws Exception {
    byte[] wire = PacketCodec.encode(new EnrRequest(99), KEY);
    byte[] zeroR = wire.clone();
    java.util.Arrays.fill(zeroR, 32, 64, (byte) 0);
    rehash(zeroR);
    assertThatThrownBy(() -> PacketCodec.decode(zeroR))
        .isInstanceOfSatisfying(PacketException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    byte[] badV = wire.clone();
    badV[96] = 9;
    rehash(badV);
    assertThatThrownBy(() -> PacketCodec.decode(badV))
        .isInstanceOfSatisfying(PacketException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void aTamperedSignatureWithAFreshHashNoLongerNamesTheSigner() throws Exception {
    byte[] wire = PacketCodec.encode(new EnrRequest(99), KEY);
    byte[] bad = wire.clone();
    bad[40] ^= 0x10;
    rehash(bad);
    try {
      assertThat(PacketCodec.decode(bad).sender()).isNotEqualTo(KEY.nodeId());
    } catch (PacketException e) {
      assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }
  }

  @Test
  void sizeIsCheckedBeforeAnythingElse() {
    assertThatThrownBy(() -> PacketCodec.decode(new byte[1281]))
        .isInstanceOfSatisfying(PacketException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    assertThatThrownBy(() -> PacketCodec.decode(new byte[97]))
        .isInstanceOfSatisfying(PacketException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_SMALL));
  }

  @Test
  void unknownTypeAndMalformedPayloadAreTypedAndNameTheField() throws Exception {
    assertThatThrownBy(() -> PacketCodec.decode(signed(0x07, new byte[] {(byte) 0xC0})))
        .isInstanceOfSatisfying(PacketException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_TYPE));
    // A ping whose "from" is a string instead of a list.
    byte[] ping = new RlpWriter().startList().writeLong(4).writeLong(5).endList().toByteArray();
    assertThatThrownBy(() -> PacketCodec.decode(signed(0x01, ping)))
        .isInstanceOfSatisfying(PacketException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
          assertThat(e.getMessage()).contains("PING").contains("from");
        });
    // A findnode whose target is 63 bytes.
    byte[] find = new RlpWriter().startList().writeBytes(new byte[63]).writeLong(5).endList().toByteArray();
    assertThatThrownBy(() -> PacketCodec.decode(signed(0x03, find)))
        .isInstanceOfSatisfying(PacketException.class, e -> assertThat(e.getMessage()).contains("target"));
    // An endpoint with a 5-byte IP.
    byte[] pong = new RlpWriter().startList().startList().writeBytes(new byte[5]).writeLong(1).writeLong(1).endList()
        .writeBytes(new byte[32]).writeLong(5).endList().toByteArray();
    assertThatThrownBy(() -> PacketCodec.decode(signed(0x02, pong)))
        .isInstanceOfSatisfying(PacketException.class, e -> assertThat(e.getMessage()).contains("to.ip"));
    // An ENRResponse whose record is garbage.
    byte[] enr = new RlpWriter().startList().writeBytes(new byte[32]).startList().writeLong(1).endList().endList().toByteArray();
    assertThatThrownBy(() -> PacketCodec.decode(signed(0x06, enr)))
        .isInstanceOfSatisfying(PacketException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RECORD));
  }

  @Test
  void portsWithLeadingZerosAndAnEmptyIpAreTolerated() throws Exception {
    byte[] ping = new RlpWriter().startList().writeLong(4)
        .startList().writeBytes(new byte[0]).writeBytes(new byte[] {0x00, 0x05}).writeBytes(new byte[] {0x00}).endList()
        .startList().writeBytes(new byte[] {127, 0, 0, 1}).writeLong(30303).writeLong(0).endList()
        .writeLong(77).endList().toByteArray();
    Ping p = (Ping) PacketCodec.decode(signed(0x01, ping)).packet();
    assertThat(p.from()).isEqualTo(new Endpoint(InetAddress.getByName("0.0.0.0"), 5, 0));
    assertThat(p.expiration()).isEqualTo(77);
  }

  @Test
  void neighboursSplitIntoTheFewestPacketsUnderTheCap() throws Exception {
    List<Neighbor> nodes = new ArrayList<>();
    Random random = new Random(5);
    for (int i = 0; i < 40; i++) {
      byte[] ip = new byte[i % 3 == 0 ? 4 : 16];
      random.nextBytes(ip);
      nodes.add(new Neighbor(new Endpoint(InetAddress.getByAddress(ip), 65535, 65535), NodeKey.generate(random).nodeId()));
    }
    long expiration = Long.MAX_VALUE;
    List<Neighbors> parts = PacketCodec.splitNeighbors(nodes, expiration);
    List<Neighbor> joined = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      Neighbors part = parts.get(i);
      byte[] wire = PacketCodec.encode(part, KEY);
      assertThat(wire.length).isLessThanOrEqualTo(PacketCodec.MAX_PACKET_SIZE);
      if (i + 1 < parts.size()) {
        List<Neighbor> plusOne = new ArrayList<>(part.nodes());
        plusOne.add(parts.get(i + 1).nodes().get(0));
        assertThatThrownBy(() -> PacketCodec.encode(new Neighbors(plusOne, expiration), KEY))
            .as("packet %d could not have taken one more node", i).isInstanceOf(IllegalArgumentException.class);
      }
      joined.addAll(part.nodes());
    }
    assertThat(joined).isEqualTo(nodes);
  }

  @Test
  void sixteenIpv6NeighboursNeedTwoPacketsOfTwelveAndFour() throws Exception {
    List<Neighbor> nodes = new ArrayList<>();
    Random random = new Random(6);
    for (int i = 0; i < 16; i++) {
      nodes.add(new Neighbor(new Endpoint(InetAddress.getByName("2001:db8::" + (i + 1)), 30303, 30303), NodeKey.generate(random).nodeId()));
    }
    assertThat(PacketCodec.splitNeighbors(nodes, 1_700_000_000L)).extracting(n -> n.nodes().size()).containsExactly(12, 4);
  }

  @Test
  void encodingRefusesAPacketOverTheCap() throws Exception {
    List<Neighbor> nodes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      nodes.add(new Neighbor(new Endpoint(InetAddress.getByName("2001:db8::1"), 1, 1), KEY.nodeId()));
    }
    assertThatThrownBy(() -> PacketCodec.encode(new Neighbors(nodes, 1), KEY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1280");
  }

  /** A datagram with a valid hash and signature around an arbitrary type byte and payload. */
  static byte[] signed(int type, byte[] data) {
    byte[] out = new byte[PacketCodec.HEADER_SIZE + data.length];
    out[97] = (byte) type;
    System.arraycopy(data, 0, out, 98, data.length);
    byte[] sig = KEY.sign(Keccak.keccak256(out, 97, out.length - 97).unsafeArray()).toCompact();
    System.arraycopy(sig, 0, out, 32, 65);
    rehash(out);
    return out;
  }

  static void rehash(byte[] wire) {
    Hash h = Keccak.keccak256(wire, 32, wire.length - 32);
    System.arraycopy(h.unsafeArray(), 0, wire, 0, 32);
  }
}
