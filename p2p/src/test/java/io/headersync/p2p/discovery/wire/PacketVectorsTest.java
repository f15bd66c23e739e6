package io.headersync.p2p.discovery.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.testdata.TestData;
import io.headersync.p2p.discovery.wire.Packet.FindNode;
import io.headersync.p2p.discovery.wire.Packet.Neighbors;
import io.headersync.p2p.discovery.wire.Packet.Ping;
import io.headersync.p2p.discovery.wire.Packet.Pong;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The discv4 packets of EIP-8's test vectors (ethereum/EIPs, eip-8.md), read from the shared
 * vectors file: every one decodes, names the vector key as its sender, and carries the fields the
 * hex spells out, with the extra list elements and trailing bytes ignored.
 */
class PacketVectorsTest {

  private static final long EXPIRATION = 0x43b9a355L;
  private JsonNode vectors;
  private NodeId signer;

  @BeforeEach
  void load() throws IOException {
    Path file = TestData.require("vectors/devp2p/eip8-vectors.json");
    vectors = new ObjectMapper().readTree(file.toFile()).get("vectors");
    signer = NodeKey.of(Hex.decode(hex("discv4 packet signing key"))).nodeId();
  }

  private String hex(String namePrefix) {
    for (JsonNode v : vectors) {
      if (v.get("name").asText().startsWith(namePrefix)) {
        return v.get("hex").asText();
      }
    }
    throw new AssertionError("vector \"" + namePrefix + "\" not in the file");
  }

  private DecodedPacket decode(String namePrefix) throws Exception {
    DecodedPacket d = PacketCodec.decode(Hex.decode(hex(namePrefix)));
    assertThat(d.sender()).isEqualTo(signer);
    assertThat(d.hash()).isEqualTo(Hash.of(Hex.decode(hex(namePrefix)), 0));
    return d;
  }

  private static Endpoint endpoint(String ip, int udp, int tcp) throws Exception {
    return new Endpoint(InetAddress.getByName(ip), udp, tcp);
  }

  @Test
  void pingVersion4WithExtraElements() throws Exception {
    Ping ping = (Ping) decode("ping packet with version 4,").packet();
    assertThat(ping).isEqualTo(new Ping(4, endpoint("127.0.0.1", 3322, 5544), endpoint("::1", 2222, 3333),
        EXPIRATION, OptionalLong.of(1)));
  }

  @Test
  void pingVersion555WithExtraListAndTrailingData() throws Exception {
    Ping ping = (Ping) decode("ping packet with version 555").packet();
    assertThat(ping).isEqualTo(new Ping(555, endpoint("2001:db8:3c4d:15::abcd:ef12", 3322, 5544),
        endpoint("2001:db8:85a3:8d3:1319:8a2e:370:7348", 2222, 33338), EXPIRATION, OptionalLong.empty()));
  }

  @Test
  void pongWithExtraElementsAndTrailingData() throws Exception {
    Pong pong = (Pong) decode("pong packet").packet();
    assertThat(pong).isEqualTo(new Pong(endpoint("2001:db8:85a3:8d3:1319:8a2e:370:7348", 2222, 33338),
        Hash.fromHex("fbc914b16819237dcd8801d7e53f69e9719adecb3cc0e790c57e91ca4461c954"), EXPIRATION, OptionalLong.empty()));
  }

  @Test
  void findNodeWithExtraElementsAndTrailingData() throws Exception {
    FindNode find = (FindNode) decode("findnode packet").packet();
    assertThat(find).isEqualTo(new FindNode(NodeId.fromHex(
        "ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd31387574077f301b421bc84df7266c44e9e6d569fc56be00812904767bf5ccd1fc7f"),
        EXPIRATION));
  }

  @Test
  void neighboursWithExtraElementsAndTrailingData() throws Exception {
    Neighbors n = (Neighbors) decode("neighbours packet").packet();
    assertThat(n.expiration()).isEqualTo(EXPIRATION);
    assertThat(n.nodes()).containsExactly(
        new Neighbor(endpoint("99.33.22.55", 4444, 4445), NodeId.fromHex(
            "3155e1427f85f10a5c9a7755877748041af1bcd8d474ec065eb33df57a97babf54bfd2103575fa829115d224c523596b401065a97f74010610fce76382c0bf32")),
        new Neighbor(endpoint("1.2.3.4", 1, 1), NodeId.fromHex(
            "312c55512422cf9b8a4097e9a6ad79402e87a15ae909a4bfefa22398f03d20951933beea1e4dfa6f968212385e829f04c2d314fc2d4e255e0d3bc08792b069db")),
        new Neighbor(endpoint("2001:db8:3c4d:15::abcd:ef12", 3333, 3333), NodeId.fromHex(
            "38643200b172dcfef857492156971f0e6aa2c538d8b74010f8e140811d53b98c765dd2d96126051913f44582e8c199ad7c6d6819e9a56483f637feaac9448aac")),
        new Neighbor(endpoint("2001:db8:85a3:8d3:1319:8a2e:370:7348", 999, 1000), NodeId.fromHex(
            "8dcab8618c3253b558d459da53bd8fa68935a719aff8b811197101a4b2b47dd2d47295286fc00cc081bb542d760717d1bdd6bec2c37cd72eca367d6dd3b9df73")));
  }

  @Test
  void everyVectorIsExpiredAgainstToday() throws Exception {
    long now = java.time.Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    for (String name : List.of("ping packet with version 4,", "ping packet with version 555", "pong packet", "findnode packet", "neighbours packet")) {
      Packet p = decode(name).packet();
      assertThat(p.isExpired(now)).as(name).isTrue();
      assertThat(p.isExpired(EXPIRATION)).as(name + " at its own expiry second").isFalse();
    }
  }

  @Test
  void reencodingThePingWithTheVectorKeyGivesAPacketThatDecodesAlike() throws Exception {
    NodeKey key = NodeKey.of(Hex.decode(hex("discv4 packet signing key")));
    Ping original = (Ping) decode("ping packet with version 4,").packet();
    DecodedPacket again = PacketCodec.decode(PacketCodec.encode(original, key));
    assertThat(again.packet()).isEqualTo(original);
    assertThat(again.sender()).isEqualTo(signer);
  }
}
