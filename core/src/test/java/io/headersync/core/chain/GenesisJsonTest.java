package io.headersync.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.block.HeaderShape;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.testdata.TestData;
import io.headersync.core.trie.TrieRoot;
import io.headersync.rlp.RlpReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenesisJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every block-based fork through London at genesis. */
  private static final String LONDON_AT_0 = "\"homesteadBlock\": 0, \"eip150Block\": 0, \"eip155Block\": 0, \"eip158Block\": 0, "
      + "\"byzantiumBlock\": 0, \"constantinopleBlock\": 0, \"petersburgBlock\": 0, \"istanbulBlock\": 0, \"berlinBlock\": 0, \"londonBlock\": 0";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"execution-apis", "geth-ethtest"})
  void genesisHashIsTheParentOfTheFirstBlock(String chain) throws IOException {
    ChainSpec spec = ChainSpecs.fromGenesisJson(TestData.require("testchains/" + chain + "/genesis.json"));
    byte[] blocks = Files.readAllBytes(TestData.require("testchains/" + chain + "/chain.rlp"));
    BlockHeader first = BlockHeader.decode(RlpReader.wrap(blocks).readList());

    assertThat(first.number()).isEqualTo(1);
    assertThat(spec.genesisHash()).isEqualTo(first.parentHash());
    assertThat(spec.genesis().number()).isZero();
    assertThat(spec.genesis().stateRoot()).isNotEqualTo(TrieRoot.EMPTY);
    assertThat(spec.chainId()).isEqualTo(3503995874084926L);
    assertThat(spec.sealEngine()).isInstanceOf(SealEngine.Ethash.class);
  }

  @Test
  void readsTheForkScheduleOfAGethGenesis() {
    ChainSpec spec = ChainSpecs.fromGenesisJson(TestData.require("testchains/execution-apis/genesis.json"));
    assertThat(spec.forkActivations()).containsAllEntriesOf(Map.of(
        Fork.HOMESTEAD, 0L, Fork.TANGERINE_WHISTLE, 3L, Fork.SPURIOUS_DRAGON, 6L, Fork.PETERSBURG, 15L,
        Fork.GRAY_GLACIER, 33L, Fork.PARIS, 36L, Fork.SHANGHAI, 390L, Fork.OSAKA, 480L, Fork.BPO2, 540L));
    assertThat(spec.activation(Fork.DAO)).isEmpty();
    assertThat(spec.terminalTotalDifficulty()).isEqualTo(BigInteger.valueOf(4732352));
    assertThat(spec.blobSchedules().get(Fork.BPO1)).isEqualTo(new BlobSchedule(10, 15, 8346193));
    assertThat(spec.genesis().shape()).isEqualTo(HeaderShape.LEGACY);
    assertThat(spec.name()).isEqualTo("genesis");
  }

  @Test
  void genesisWithShanghaiAtZeroHasAWithdrawalsRoot() {
    ChainSpec spec = ChainSpecs.fromGenesisJson(TestData.require("testchains/geth-ethtest/genesis.json"));
    assertThat(spec.genesis().shape()).isEqualTo(HeaderShape.SHANGHAI);
    assertThat(spec.genesis().withdrawalsRoot()).isEqualTo(TrieRoot.EMPTY);
    assertThat(spec.genesis().baseFeePerGas()).isEqualTo(BigInteger.valueOf(1_000_000_000L));
  }

  /** ethereum/tests GenesisTests: pre-fork genesis blocks built from their allocation. */
  @ParameterizedTest
  @ValueSource(strings = {"test1", "test2", "test3"})
  void basicGenesisTests(String name) throws IOException {
    JsonNode all = JSON.readTree(TestData.require("vectors/ethereum-tests/GenesisTests/basic_genesis_tests.json").toFile());
    ObjectNode test = all.get(name).deepCopy();
    byte[] expected = RlpReader.wrap(Hex.decode(test.remove("result").asText())).readList().readRaw();
    // These vectors predate geth's format: no config (a Frontier chain), "wei" for the balance,
    // and "0x" for a zero timestamp. Translate them to the format the product reads.
    test.putObject("config").put("chainId", 1);
    if ("0x".equals(test.get("timestamp").asText())) {
      test.put("timestamp", "0x0");
    }
    for (Iterator<JsonNode> it = test.get("alloc").elements(); it.hasNext(); ) {
      ObjectNode account = (ObjectNode) it.next();
      if (account.has("wei")) {
        account.set("balance", account.remove("wei"));
      }
    }
    ChainSpec spec = ChainSpecs.fromGenesisJson(write(test.toString()));
    assertThat(Hex.encode(spec.genesis().encoded())).isEqualTo(Hex.encode(expected));
  }

  @Test
  void londonAtGenesisDefaultsTheBaseFee() throws IOException {
    ChainSpec spec = ChainSpecs.fromGenesisJson(write(genesis(LONDON_AT_0, "")));
    assertThat(spec.genesis().shape()).isEqualTo(HeaderShape.LONDON);
    assertThat(spec.genesis().baseFeePerGas()).isEqualTo(BigInteger.valueOf(1_000_000_000L));
  }

  @Test
  void pragueAtGenesisHasTheEmptyRequestsHash() throws IOException {
    ChainSpec spec = ChainSpecs.fromGenesisJson(write(genesis(
        LONDON_AT_0 + ", \"terminalTotalDifficulty\": 0, \"shanghaiTime\": 0, \"cancunTime\": 0, \"pragueTime\": 0",
        ", \"excessBlobGas\": \"0x20000\"")));
    BlockHeader g = spec.genesis();
    assertThat(g.shape()).isEqualTo(HeaderShape.PRAGUE);
    assertThat(g.requestsHash()).isEqualTo(Hash.fromHex("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    assertThat(g.excessBlobGas()).isEqualTo(0x20000);
    assertThat(g.blobGasUsed()).isZero();
    assertThat(g.parentBeaconBlockRoot()).isEqualTo(Hash.ZERO);
    assertThat(spec.sealEngine()).isInstanceOf(SealEngine.None.class);
    assertThat(spec.activation(Fork.PARIS)).contains(0L);
    assertThat(spec.blobSchedules()).containsEntry(Fork.CANCUN, ChainSpecs.CANCUN_BLOBS).containsEntry(Fork.PRAGUE, ChainSpecs.PRAGUE_BLOBS);
  }

  @Test
  void timeForksAfterGenesisDoNotShapeIt() throws IOException {
    ChainSpec spec = ChainSpecs.fromGenesisJson(write(genesis(LONDON_AT_0 + ", \"shanghaiTime\": 1000", ", \"timestamp\": 999")));
    assertThat(spec.genesis().shape()).isEqualTo(HeaderShape.LONDON);
    spec = ChainSpecs.fromGenesisJson(write(genesis(LONDON_AT_0 + ", \"shanghaiTime\": 1000", ", \"timestamp\": 1000")));
    assertThat(spec.genesis().shape()).isEqualTo(HeaderShape.SHANGHAI);
  }

  @Test
  void readsCliqueAndDefaultsItsEpoch() throws IOException {
    ChainSpec spec = ChainSpecs.fromGenesisJson(write(genesis("\"clique\": {\"period\": 15}", "")));
    assertThat(spec.sealEngine()).isEqualTo(new SealEngine.Clique(15, 30_000));
  }

  @Test
  void petersburgDefaultsToConstantinople() throws IOException {
    ChainSpec spec = ChainSpecs.fromGenesisJson(write(genesis(
        "\"homesteadBlock\": 0, \"eip150Block\": 0, \"eip155Block\": 0, \"eip158Block\": 0, \"byzantiumBlock\": 0, \"constantinopleBlock\": 5", "")));
    assertThat(spec.activation(Fork.PETERSBURG)).contains(5L);
  }

  // ---- errors name the file and the field ----

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> ChainSpecs.fromGenesisJson(missing))
        .isInstanceOf(ChainSpecException.class).hasMessageContaining(missing.toString()).hasMessageContaining("no such file");
  }

  @Test
  void malformedJsonGivesTheLine() throws IOException {
    Path file = write("{\n  \"config\": {\"chainId\": 1,}\n}");
    assertThatThrownBy(() -> ChainSpecs.fromGenesisJson(file))
        .isInstanceOf(ChainSpecException.class).hasMessageContaining(file.toString()).hasMessageContaining("line 2");
  }

  @Test
  void missingConfigAndChainIdAreNamed() throws IOException {
    expectError(write("{\"gasLimit\": 1}"), "config", "missing");
    expectError(write("{\"config\": {}}"), "config.chainId", "missing");
  }

  @Test
  void badValuesAreNamed() throws IOException {
    expectError(write(genesis("\"londonBlock\": \"0xzz\"", "")), "config.londonBlock", "not a hex or decimal number");
    expectError(write(genesis("\"londonBlock\": -1", "")), "config.londonBlock", "negative");
    expectError(write(genesis("", ", \"mixHash\": \"0x1234\"")), "mixHash", "expected 32 bytes, found 2");
    expectError(write(genesis("", ", \"extraData\": \"0x123\"")), "extraData", "odd number of hex digits");
    expectError(write(genesis("", ", \"timestamp\": true")), "timestamp", "expected a number");
    expectError(write(genesis("", ", \"gasLimit\": 1")), "", "Duplicate field 'gasLimit'");
    String addr = "0x00000000000000000000000000000000000000aa";
    expectError(write(genesis("", ", \"alloc\": {\"" + addr + "\": {\"balance\": \"0xg\"}}")), "alloc." + addr + ".balance", "not a hex");
    String longWord = "0x" + "11".repeat(33);
    expectError(write(genesis("", ", \"alloc\": {\"" + addr + "\": {\"storage\": {\"0x01\": \"" + longWord + "\"}}}")),
        "alloc." + addr + ".storage.0x01", "expected 32 bytes, found 33");
    expectError(write(genesis("", ", \"alloc\": {\"0x1234\": {\"balance\": 1}}")), "alloc.0x1234", "20 bytes");
  }

  @Test
  void forkOrderIsChecked() throws IOException {
    expectError(write(genesis("\"homesteadBlock\": 10, \"eip150Block\": 5", "")), "config.eip150Block", "before homestead");
    expectError(write(genesis("\"homesteadBlock\": 0, \"byzantiumBlock\": 5", "")), "config.byzantiumBlock", "tangerineWhistle is not");
    expectError(write(genesis(LONDON_AT_0 + ", \"shanghaiTime\": 10, \"cancunTime\": 5", "")), "config.cancunTime", "before shanghai");
    expectError(write(genesis("\"eip155Block\": 1, \"eip158Block\": 2", "")), "config.eip158Block", "must be equal");
    expectError(write(genesis("\"homesteadBlock\": 0, \"shanghaiTime\": 5", "")), "config.shanghaiTime", "tangerineWhistle is not");
  }

  @Test
  void unsupportedForksAndIncompleteBlobSchedulesAreRejected() throws IOException {
    expectError(write(genesis("\"amsterdamTime\": 5", "")), "config.amsterdamTime", "not supported");
    expectError(write(genesis(LONDON_AT_0 + ", \"shanghaiTime\": 0, \"cancunTime\": 0, \"pragueTime\": 0, \"osakaTime\": 0, \"bpo1Time\": 10", "")),
        "config.blobSchedule.bpo1", "missing");
    expectError(write(genesis("\"blobSchedule\": {\"london\": {\"target\": 1, \"max\": 2, \"baseFeeUpdateFraction\": 3}}", "")),
        "config.blobSchedule.london", "not a fork with blob parameters");
    expectError(write(genesis("\"blobSchedule\": {\"cancun\": {\"target\": 7, \"max\": 2, \"baseFeeUpdateFraction\": 3}}", "")),
        "config.blobSchedule.cancun", "bad blob schedule");
  }

  @Test
  void impossibleGenesisShapeIsRejected() throws IOException {
    // Shanghai at genesis but London later: a withdrawals root would need a base fee before it.
    String londonLater = LONDON_AT_0.replace("\"londonBlock\": 0", "\"londonBlock\": 5");
    expectError(write(genesis(londonLater + ", \"shanghaiTime\": 0", "")), "", "impossible header shape");
  }

  private void expectError(Path file, String field, String detail) {
    assertThatThrownBy(() -> ChainSpecs.fromGenesisJson(file))
        .isInstanceOfSatisfying(ChainSpecException.class, e -> {
          assertThat(e.source()).isEqualTo(file.toString());
          assertThat(e.field()).isEqualTo(field);
        })
        .hasMessageContaining(detail);
  }

  /** A minimal genesis: chain id 7 with {@code configFields}, header fields after {@code "gasLimit"}. */
  private static String genesis(String configFields, String headerFields) {
    String config = configFields.isEmpty() ? "\"chainId\": 7" : "\"chainId\": 7, " + configFields;
    return "{\"config\": {" + config + "}, \"gasLimit\": \"0x1c9c380\"" + headerFields + "}";
  }

  private int files;

  private Path write(String json) throws IOException {
    Path p = dir.resolve("genesis-" + (files++) + ".json");
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return p;
  }
}
