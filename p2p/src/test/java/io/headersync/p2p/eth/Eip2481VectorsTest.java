package io.headersync.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.testdata.TestData;
import io.headersync.p2p.eth.EthMessage.BlockBodies;
import io.headersync.p2p.eth.EthMessage.BlockHeaders;
import io.headersync.p2p.eth.EthMessage.GetBlockBodies;
import io.headersync.p2p.eth.EthMessage.GetBlockHeaders;
import io.headersync.p2p.eth.EthMessage.GetPooledTransactions;
import io.headersync.p2p.eth.EthMessage.GetReceipts;
import io.headersync.p2p.eth.EthMessage.PooledTransactions;
import io.headersync.p2p.eth.EthMessage.Receipts;
import io.headersync.sync.api.BlockOrigin;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message of the EIP-2481 test cases: decoded on eth/68 and eth/69 (request ids are the
 * same in both), every field checked against the case's JSON, and encoded back byte for byte.
 * GetNodeData and NodeData left eth in version 67, so both versions must refuse those codes.
 */
class Eip2481VectorsTest {

  private static final String FILE = "vectors/devp2p/eip2481-eth66-message-vectors.json";

  static Stream<Arguments> cases() throws IOException {
    JsonNode root = new ObjectMapper().readTree(TestData.require(FILE).toFile());
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      for (EthVersion v : EthVersion.values()) {
        out.add(Arguments.of(c.get("type").asText(), v, c));
      }
    }
    assertThat(out).hasSize(2 * 11);
    return out.stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void vector(String type, EthVersion version, JsonNode c) throws EthProtocolException {
    EthCodec codec = new EthCodec(version, EthLimits.DEFAULT);
    byte[] rlp = Hex.decode(c.get("rlp").asText());
    JsonNode data = c.get("data");
    long requestId = data.get("RequestId").asLong();
    switch (type) {
      case "GetBlockHeadersPacket66" -> {
        GetBlockHeaders m = (GetBlockHeaders) codec.decode(0x03, rlp);
        assertThat(m.requestId()).isEqualTo(requestId);
        Hash originHash = Hash.fromHex(data.get("Origin").get("Hash").asText());
        BlockOrigin expected = originHash.isZero()
            ? BlockOrigin.number(data.get("Origin").get("Number").asLong())
            : BlockOrigin.hash(originHash);
        assertThat(m.origin()).isEqualTo(expected);
        assertThat(m.limit()).isEqualTo(data.get("Amount").asLong());
        assertThat(m.skip()).isEqualTo(data.get("Skip").asLong());
        assertThat(m.reverse()).isEqualTo(data.get("Reverse").asBoolean());
        assertThat(codec.encode(m)).isEqualTo(rlp);
      }
      case "BlockHeadersPacket66" -> {
        BlockHeaders m = (BlockHeaders) codec.decode(0x04, rlp);
        assertThat(m.requestId()).isEqualTo(requestId);
        JsonNode headers = data.get("BlockHeadersPacket");
        assertThat(m.headers()).hasSize(headers.size());
        for (int i = 0; i < headers.size(); i++) {
          checkHeader(m.headers().get(i), headers.get(i));
        }
        assertThat(codec.encode(m)).isEqualTo(rlp);
      }
      case "GetBlockBodiesPacket66" -> {
        GetBlockBodies m = (GetBlockBodies) codec.decode(0x05, rlp);
        assertThat(m.requestId()).isEqualTo(requestId);
        assertThat(m.hashes()).isEqualTo(hashes(data.get("GetBlockBodiesPacket")));
        assertThat(codec.encode(m)).isEqualTo(rlp);
      }
      case "BlockBodiesPacket66" -> {
        BlockBodies m = (BlockBodies) codec.decode(0x06, rlp);
        assertThat(m.requestId()).isEqualTo(requestId);
        JsonNode bodies = data.get("BlockBodiesPacket");
        assertThat(m.bodies()).hasSize(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
          BlockBody body = m.bodies().get(i);
          JsonNode expected = bodies.get(i);
          assertThat(body.transactions()).hasSize(expected.get("Transactions").size());
          assertThat(body.ommers()).hasSize(expected.get("Uncles").size());
          for (int u = 0; u < body.ommers().size(); u++) {
            checkHeader(body.ommers().get(u), expected.get("Uncles").get(u));
          }
        }
        assertThat(codec.encode(m)).isEqualTo(rlp);
      }
      case "GetReceiptsPacket66" -> {
        GetReceipts m = (GetReceipts) codec.decode(0x0f, rlp);
        assertThat(m.requestId()).isEqualTo(requestId);
        assertThat(m.hashes()).isEqualTo(hashes(data.get("GetReceiptsPacket")));
        assertThat(codec.encode(m)).isEqualTo(rlp);
      }
      case "ReceiptsPacket66" -> {
        Receipts m = (Receipts) codec.decode(0x10, rlp);
        assertThat(m.requestId()).isEqualTo(requestId);
        assertThat(m.blockReceipts()).hasSize(data.get("ReceiptsPacket").size());
        assertThat(codec.encode(m)).isEqualTo(rlp);
      }
      case "GetPooledTransactionsPacket66" -> {
        GetPooledTransactions m = (GetPooledTransactions) codec.decode(0x09, rlp);
        assertThat(m.requestId()).isEqualTo(requestId);
        assertThat(m.hashes()).isEqualTo(hashes(data.get("GetPooledTransactionsPacket")));
        assertThat(codec.encode(m)).isEqualTo(rlp);
      }
      case "PooledTransactionsPacket66" -> {
        PooledTransactions m = (PooledTransactions) codec.decode(0x0a, rlp);
        assertThat(m.requestId()).isEqualTo(requestId);
        assertThat(m.transactions()).hasSize(data.get("PooledTransactionsPacket").size());
        assertThat(codec.encode(m)).isEqualTo(rlp);
      }
      case "GetNodeDataPacket66", "NodeDataPacket66" -> {
        int code = type.startsWith("Get") ? 0x0d : 0x0e;
        assertThatThrownBy(() -> codec.decode(code, rlp))
            .isInstanceOfSatisfying(EthProtocolException.class,
                e -> assertThat(e.reason()).isEqualTo(EthProtocolException.Reason.UNKNOWN_MESSAGE));
      }
      default -> throw new AssertionError("a case type this test does not know: " + type);
    }
  }

  private static void checkHeader(BlockHeader header, JsonNode expected) {
    assertThat(header.hash()).isEqualTo(Hash.fromHex(expected.get("hash").asText()));
    assertThat(header.number()).isEqualTo(quantity(expected, "number").longValueExact());
    assertThat(header.difficulty()).isEqualTo(quantity(expected, "difficulty"));
    assertThat(header.gasLimit()).isEqualTo(quantity(expected, "gasLimit").longValueExact());
    assertThat(header.gasUsed()).isEqualTo(quantity(expected, "gasUsed").longValueExact());
    assertThat(header.timestamp()).isEqualTo(quantity(expected, "timestamp").longValueExact());
    assertThat(header.extraData()).isEqualTo(Hex.decode(expected.get("extraData").asText()));
  }

  private static BigInteger quantity(JsonNode node, String field) {
    return new BigInteger(node.get(field).asText().substring(2), 16);
  }

  private static List<Hash> hashes(JsonNode array) {
    List<Hash> out = new ArrayList<>();
    array.forEach(n -> out.add(Hash.fromHex(n.asText())));
    return out;
  }
}
