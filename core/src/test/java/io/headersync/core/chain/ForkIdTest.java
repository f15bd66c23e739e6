package io.headersync.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.testdata.TestData;
import io.headersync.rlp.RlpException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForkIdTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode vectors() throws IOException {
    return JSON.readTree(TestData.require("vectors/network-params/forkid-vectors.json").toFile());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mainnet", "sepolia", "holesky", "hoodi"})
  void creationVectors(String name) throws IOException {
    ChainSpec spec = ChainSpecs.preset(name);
    JsonNode cases = vectors().get("creation").get(name);
    assertThat(cases.size()).isGreaterThan(5);
    for (JsonNode c : cases) {
      ForkId id = ForkId.of(spec, c.get("head").asLong(), c.get("time").asLong());
      assertThat(id).as("%s %s (head %s, time %s)", name, c.get("comment").asText(), c.get("head"), c.get("time"))
          .isEqualTo(new ForkId(Hex.decode(c.get("forkHash").asText()), c.get("forkNext").asLong()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mainnet", "sepolia", "holesky", "hoodi"})
  void forkListsAndGenesisHashes(String name) throws IOException {
    ChainSpec spec = ChainSpecs.preset(name);
    JsonNode v = vectors();
    assertThat(spec.genesisHash()).isEqualTo(Hash.fromHex(v.get("genesisHashes").get(name).asText()));
    List<Long> expected = new ArrayList<>();
    v.get("forkActivations_blockOrTime").get(name).forEach(n -> expected.add(n.asLong()));
    List<Long> actual = new ArrayList<>();
    for (long f : ForkSchedule.of(spec).all()) {
      actual.add(f);
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void mainnetCountsTheDaoForkAndSharedBlocksOnceAndHasNoMergeBlock() {
    ForkSchedule s = ForkSchedule.of(ChainSpecs.preset("mainnet"));
    assertThat(s.blocks()).contains(1_920_000L).doesNotContain(15_537_394L);
    assertThat(s.blocks()).containsOnlyOnce(7_280_000L);
    assertThat(s.blocks()).isSorted();
    assertThat(s.times()).isSorted();
  }

  @Test
  void rlpEncodingVectors() throws IOException {
    for (JsonNode c : vectors().get("rlpEncoding")) {
      ForkId id = ForkId.of((int) parse(c.get("hash").asText()), parse(c.get("next").asText()));
      byte[] rlp = Hex.decode(c.get("rlp").asText());
      assertThat(id.encode()).as(c.toString()).isEqualTo(rlp);
      assertThat(ForkId.decode(rlp)).as(c.toString()).isEqualTo(id);
    }
  }

  /** The vector file writes Go constants and hex literals. */
  private static long parse(String v) {
    return switch (v) {
      case "math.MaxUint32" -> 0xFFFF_FFFFL;
      case "math.MaxUint64" -> -1L;
      default -> v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseUnsignedLong(v);
    };
  }

  @Test
  void decodingRejectsMalformedIds() {
    assertThatThrownBy(() -> ForkId.decode(Hex.decode("c583deadbe80"))).isInstanceOf(RlpException.class)
        .extracting(e -> ((RlpException) e).reason()).isEqualTo(RlpException.Reason.WRONG_SIZE);
    assertThatThrownBy(() -> ForkId.decode(Hex.decode("c784deadbeef8001"))).isInstanceOf(RlpException.class)
        .extracting(e -> ((RlpException) e).reason()).isEqualTo(RlpException.Reason.TRAILING_BYTES);
    assertThatThrownBy(() -> ForkId.decode(Hex.decode("c584deadbeef"))).isInstanceOf(RlpException.class)
        .extracting(e -> ((RlpException) e).reason()).isEqualTo(RlpException.Reason.MISSING_ITEM);
    assertThatThrownBy(() -> ForkId.decode(Hex.decode("cf84deadbeef89010000000000000000"))).isInstanceOf(RlpException.class)
        .extracting(e -> ((RlpException) e).reason()).isEqualTo(RlpException.Reason.INTEGER_OVERFLOW);
  }

  @Test
  void valueSemantics() {
    ForkId a = ForkId.of(0xfc64ec04, 1_150_000);
    assertThat(a).isEqualTo(new ForkId(Hex.decode("fc64ec04"), 1_150_000)).hasSameHashCodeAs(new ForkId(Hex.decode("fc64ec04"), 1_150_000));
    assertThat(a.hash()).isEqualTo(0xfc64ec04);
    assertThat(a.toString()).contains("0xfc64ec04").contains("1150000");
    assertThat(ForkId.of(0, -1).toString()).contains("18446744073709551615");
    assertThatThrownBy(() -> new ForkId(new byte[3], 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
