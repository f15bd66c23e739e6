package io.headersync.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.block.HeaderShape;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.testdata.TestData;
import io.headersync.rlp.RlpReader;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChainSpecsPresetTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void presetNamesAreThePublicNetworks() {
    assertThat(ChainSpecs.presetNames()).containsExactly("mainnet", "sepolia", "holesky", "hoodi");
  }

  @Test
  void presetLookupIgnoresCase() {
    assertThat(ChainSpecs.preset("MainNet")).isSameAs(ChainSpecs.preset("mainnet"));
    assertThat(ChainSpecs.preset(" hoodi ").chainId()).isEqualTo(560048);
  }

  @Test
  void unknownPresetListsTheKnownOnes() {
    assertThatThrownBy(() -> ChainSpecs.preset("goerli"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"goerli\"")
        .hasMessageContaining("mainnet, sepolia, holesky, hoodi");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mainnet", "sepolia", "holesky", "hoodi"})
  void presetMatchesPublishedNetworkParameters(String name) throws IOException {
    JsonNode net = JSON.readTree(TestData.require("vectors/network-params/networks.json").toFile()).get("networks").get(name);
    ChainSpec spec = ChainSpecs.preset(name);

    assertThat(spec.name()).isEqualTo(name);
    assertThat(spec.genesisHash()).isEqualTo(Hash.fromHex(net.get("genesisHash").asText()));
    assertThat(spec.chainId()).isEqualTo(net.get("chainId").asLong());
    assertThat(spec.networkId()).isEqualTo(net.get("networkId").asLong());
    JsonNode g = net.get("genesisHeader");
    assertThat(spec.genesis().stateRoot()).isEqualTo(Hash.fromHex(g.get("stateRoot").asText()));
    assertThat(spec.genesis().timestamp()).isEqualTo(g.get("timestamp").asLong());
    assertThat(spec.genesis().gasLimit()).isEqualTo(g.get("gasLimit").asLong());

    JsonNode forks = net.get("forks");
    assertThat(spec.terminalTotalDifficulty()).isEqualTo(new BigInteger(forks.get("terminalTotalDifficulty").asText()));
    for (Map.Entry<String, Fork> e : Map.of("shanghaiTime", Fork.SHANGHAI, "cancunTime", Fork.CANCUN, "pragueTime", Fork.PRAGUE,
        "osakaTime", Fork.OSAKA, "bpo1Time", Fork.BPO1, "bpo2Time", Fork.BPO2).entrySet()) {
      assertThat(spec.activation(e.getValue())).as(e.getKey()).contains(forks.get(e.getKey()).asLong());
    }
    if (forks.has("london")) {
      assertThat(spec.activation(Fork.LONDON)).contains(forks.get("london").asLong());
      assertThat(spec.activation(Fork.GRAY_GLACIER)).contains(forks.get("grayGlacier").asLong());
    } else {
      assertThat(spec.activation(Fork.LONDON)).contains(forks.get("homestead..london").asLong());
    }
    assertThat(spec.activation(Fork.PARIS).isPresent()).isEqualTo(forks.has("mergeNetsplitBlock") || spec.terminalTotalDifficulty().signum() == 0);

    JsonNode blobs = JSON.readTree(TestData.require("vectors/network-params/networks.json").toFile()).get("blobSchedule");
    for (Map.Entry<String, Fork> e : Map.of("cancun", Fork.CANCUN, "prague", Fork.PRAGUE, "bpo1", Fork.BPO1, "bpo2", Fork.BPO2).entrySet()) {
      JsonNode b = blobs.get(e.getKey());
      assertThat(spec.blobSchedules().get(e.getValue())).as(e.getKey())
          .isEqualTo(new BlobSchedule(b.get("target").asInt(), b.get("max").asInt(), b.get("updateFraction").asLong()));
    }
    List<String> bootnodes = new ArrayList<>();
    net.get("bootnodes").forEach(n -> bootnodes.add(n.asText()));
    assertThat(spec.bootnodes()).isEqualTo(bootnodes);
  }

  @Test
  void sealEngines() {
    assertThat(ChainSpecs.preset("mainnet").sealEngine()).isInstanceOf(SealEngine.Ethash.class);
    assertThat(ChainSpecs.preset("sepolia").sealEngine()).isInstanceOf(SealEngine.Ethash.class);
    assertThat(ChainSpecs.preset("holesky").sealEngine()).isInstanceOf(SealEngine.None.class);
    assertThat(ChainSpecs.preset("hoodi").sealEngine()).isInstanceOf(SealEngine.None.class);
  }

  @Test
  void genesisShapesFollowTheForksActiveAtGenesis() {
    assertThat(ChainSpecs.preset("mainnet").genesis().shape()).isEqualTo(HeaderShape.LEGACY);
    assertThat(ChainSpecs.preset("sepolia").genesis().shape()).isEqualTo(HeaderShape.LONDON);
    assertThat(ChainSpecs.preset("holesky").genesis().shape()).isEqualTo(HeaderShape.LONDON);
    BlockHeader hoodi = ChainSpecs.preset("hoodi").genesis();
    assertThat(hoodi.shape()).isEqualTo(HeaderShape.CANCUN);
    assertThat(hoodi.blobGasUsed()).isZero();
    assertThat(hoodi.parentBeaconBlockRoot()).isEqualTo(Hash.ZERO);
  }

  @Test
  void mainnetGenesisIsTheBlockOfGenesisHashesTest() throws IOException {
    JsonNode t = JSON.readTree(TestData.require("vectors/ethereum-tests/BasicTests/genesishashestest.json").toFile());
    BlockHeader genesis = ChainSpecs.preset("mainnet").genesis();
    RlpReader block = RlpReader.wrap(Hex.decode(t.get("genesis_rlp_hex").asText())).readList();
    assertThat(genesis.encoded()).isEqualTo(block.readRaw());
    assertThat(genesis.stateRoot()).isEqualTo(Hash.fromHex(t.get("genesis_state_root").asText()));
    assertThat(genesis.hash()).isEqualTo(Hash.fromHex(t.get("genesis_hash").asText()));
  }

  @Test
  void genesisHeadersEqualTheRealChainsBlockZero() {
    for (String[] c : new String[][] {{"mainnet", "mainnet/mainnet-headers-0-16383.txt.gz"}, {"sepolia", "sepolia/sepolia-headers-0-40959.txt.gz"}}) {
      TestData.HeaderLine zero = TestData.headerLines(c[1]).get(0);
      assertThat(zero.number()).isZero();
      assertThat(ChainSpecs.preset(c[0]).genesis().encoded()).as(c[0]).isEqualTo(zero.rlp());
      assertThat(ChainSpecs.preset(c[0]).genesisHash()).as(c[0]).isEqualTo(zero.hash());
    }
  }

  @Test
  void presetBlobScheduleAppliesByTime() {
    ChainSpec mainnet = ChainSpecs.preset("mainnet");
    long cancun = mainnet.activation(Fork.CANCUN).orElseThrow();
    long osaka = mainnet.activation(Fork.OSAKA).orElseThrow();
    assertThat(mainnet.blobScheduleAt(cancun - 1)).isEmpty();
    assertThat(mainnet.blobScheduleAt(cancun).orElseThrow().max()).isEqualTo(6);
    assertThat(mainnet.blobScheduleAt(osaka).orElseThrow().max()).isEqualTo(9);
    assertThat(mainnet.blobScheduleAt(mainnet.activation(Fork.BPO2).orElseThrow()).orElseThrow().max()).isEqualTo(21);
  }
}
