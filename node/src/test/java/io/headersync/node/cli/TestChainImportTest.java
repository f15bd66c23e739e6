package io.headersync.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.testdata.TestData;
import io.headersync.node.testing.Cli;
import io.headersync.node.testing.StoreSnapshot;
import io.headersync.rlp.RlpReader;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.StoreConsistency;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two test chains ({@code chain.rlp} and {@code genesis.json}) import in full through
 * {@code --genesis}, bodies included, and a second import of the same file changes nothing.
 *
 * <p>The execution-apis chain was made with a fake proof of work (zero mix digests), so it is
 * imported with {@code --seal off}; a test below shows that {@code --seal full} rejects it.
 * The geth eth test chain starts after the merge and carries no seals; it uses the default.
 */
class TestChainImportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"geth-ethtest", "execution-apis"})
  void importsTheWholeChainThenSkipsItAll(String name) throws IOException {
    Path dir = TestData.require("testchains/" + name);
    Path genesis = dir.resolve("genesis.json");
    Path chain = dir.resolve("chain.rlp");
    List<BlockHeader> expected = headersOf(chain);
    BlockHeader last = expected.get(expected.size() - 1);
    String seal = name.equals("execution-apis") ? "off" : "full";
    Path datadir = tmp.resolve("data");

    Cli.Run first = Cli.run("import", "--datadir", datadir, "--genesis", genesis, "--seal", seal, "--json", chain);

    assertThat(first.exitCode()).as(first.describe()).isZero();
    assertThat(first.errLines()).as(first.describe()).isEmpty();
    JsonNode summary = JSON.readTree(first.out());
    assertThat(summary.get("imported").asLong()).isEqualTo(expected.size());
    assertThat(summary.get("skipped").asLong()).isZero();
    assertThat(summary.get("head").get("number").asLong()).isEqualTo(last.number());
    assertThat(summary.get("head").get("hash").asText()).isEqualTo(last.hash().toHex());

    var genesisHash = ChainSpecs.fromGenesisJson(genesis).genesisHash();
    StoreSnapshot afterFirst = StoreSnapshot.of(datadir, genesisHash);
    assertThat(afterFirst.head().orElseThrow().hash()).isEqualTo(last.hash());
    assertThat(afterFirst.checkpoints()).containsEntry("headers", last.number());
    assertThat(afterFirst.canonical()).hasSize(expected.size() + 1);
    assertThat(afterFirst.canonical().get(0).hash()).isEqualTo(genesisHash.toHex());
    for (BlockHeader h : expected) {
      assertThat(afterFirst.canonical().get((int) h.number()).hash()).as("block %d", h.number()).isEqualTo(h.hash().toHex());
    }
    try (var store = RocksDbHeaderStore.open(datadir, genesisHash)) {
      ConsistencyReport report = StoreConsistency.check(store);
      assertThat(report.isConsistent()).as(report.toString()).isTrue();
    }

    Cli.Run again = Cli.run("import", "--datadir", datadir, "--genesis", genesis, "--seal", seal, "--json", chain);

    assertThat(again.exitCode()).as(again.describe()).isZero();
    JsonNode second = JSON.readTree(again.out());
    assertThat(second.get("imported").asLong()).isZero();
    assertThat(second.get("skipped").asLong()).isEqualTo(expected.size());
    assertThat(second.get("head").get("hash").asText()).isEqualTo(last.hash().toHex());
    assertThat(StoreSnapshot.of(datadir, genesisHash).firstDifference(afterFirst)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"geth-ethtest", "execution-apis"})
  void verifyPrintsOneSummaryAndExitsZero(String name) throws IOException {
    Path dir = TestData.require("testchains/" + name);
    Path chain = dir.resolve("chain.rlp");
    List<BlockHeader> expected = headersOf(chain);
    BlockHeader last = expected.get(expected.size() - 1);
    String seal = name.equals("execution-apis") ? "off" : "full";

    Cli.Run r = Cli.run("verify", "--genesis", dir.resolve("genesis.json"), "--seal", seal, chain);

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.outLines()).as(r.describe()).hasSize(1);
    JsonNode report = JSON.readTree(r.outLines().get(0));
    assertThat(report.get("file").asText()).isEqualTo(chain.toString());
    assertThat(report.get("first").asLong()).isEqualTo(expected.get(0).number());
    assertThat(report.get("last").asLong()).isEqualTo(last.number());
    assertThat(report.get("count").asLong()).isEqualTo(expected.size());
    assertThat(report.get("lastHash").asText()).isEqualTo(last.hash().toHex());
    assertThat(report.get("errors").isArray()).isTrue();
    assertThat(report.get("errors")).isEmpty();
  }

  @Test
  void fakeProofOfWorkFailsFullSealChecks() throws IOException {
    Path dir = TestData.require("testchains/execution-apis");
    Path chain = dir.resolve("chain.rlp");

    Cli.Run r = Cli.run("verify", "--genesis", dir.resolve("genesis.json"), "--seal", "full", chain);

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.INVALID);
    JsonNode report = JSON.readTree(r.outLines().get(0));
    assertThat(report.get("errors")).hasSize(1);
    assertThat(report.get("errors").get(0).asText()).contains(chain.toString()).contains("block 1 ")
        .contains("ethash");
  }

  /**
   * The geth test chain ships its head as an {@code eth_getBlockByNumber} result: the header
   * command must print exactly those fields and values (plus the total difficulty it stores).
   */
  @Test
  void headerCommandMatchesTheShippedHeadBlock() throws IOException {
    Path dir = TestData.require("testchains/geth-ethtest");
    Path datadir = tmp.resolve("data");
    Cli.Run imported = Cli.run("import", "--datadir", datadir, "--genesis", dir.resolve("genesis.json"),
        dir.resolve("chain.rlp"));
    assertThat(imported.exitCode()).as(imported.describe()).isZero();
    JsonNode shipped = JSON.readTree(dir.resolve("headblock.json").toFile());

    long number = Long.parseLong(shipped.get("number").asText().substring(2), 16);
    Cli.Run byNumber = Cli.run("header", "--datadir", datadir, "--number", number);
    Cli.Run byHash = Cli.run("header", "--datadir", datadir, "--hash", shipped.get("hash").asText());

    for (Cli.Run r : List.of(byNumber, byHash)) {
      assertThat(r.exitCode()).as(r.describe()).isZero();
      ObjectNode printed = (ObjectNode) JSON.readTree(r.out());
      assertThat(printed.remove("totalDifficulty")).as("stored total difficulty").isNotNull();
      assertThat(printed).isEqualTo(shipped);
    }
  }

  /** The headers of a chain file, decoded here with the RLP reader rather than the importer's source. */
  private static List<BlockHeader> headersOf(Path chainRlp) throws IOException {
    RlpReader blocks = RlpReader.wrap(Files.readAllBytes(chainRlp));
    List<BlockHeader> headers = new ArrayList<>();
    while (blocks.hasNext()) {
      headers.add(BlockHeader.decode(blocks.readList().readRaw()));
    }
    return headers;
  }
}
