package io.headersync.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.testdata.TestData;
import io.headersync.core.testdata.TestData.HeaderLine;
import io.headersync.node.testing.Cli;
import io.headersync.node.testing.StoreSnapshot;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.StoreConsistency;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mainnet 0..16383 and Sepolia 0..40959 from their era1 files, with every ethash seal checked
 * ({@code --seal full}), every total difficulty record checked, and (mainnet) each file's epoch
 * root checked against the pre-merge historical accumulator. What the store then holds, and what
 * {@code status} and {@code header} print, is compared with the decoded header files.
 *
 * <p>These are the slow tests of the module (tens of thousands of ethash light verifications):
 * one import per chain. Tagged {@code slow} so that a quick local run can leave them out with
 * {@code -DexcludedGroups=slow}; the default suite runs them.
 */
@Tag("slow")
class RealChainImportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  @TempDir
  Path tmp;

  @Test
  void mainnetWithEverySealAndTheAccumulator() throws IOException {
    List<HeaderLine> lines = TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz");
    Path accumulator = TestData.require("mainnet/portal/accumulator/historical_hashes_accumulator.ssz");
    List<Path> era1 = era1Files("mainnet/era1");
    assertThat(era1).hasSize(2);

    List<Object> args = new ArrayList<>(List.of("--chain", "mainnet", "--seal", "full", "--accumulator", accumulator));
    importAndCompare(lines, args, era1, new long[] {0, 1, 46, 1150, 8191, 8192, 16383});
  }

  @Test
  void sepoliaWithEverySeal() throws IOException {
    List<HeaderLine> lines = TestData.headerLines("sepolia/sepolia-headers-0-40959.txt.gz");
    List<Path> era1 = era1Files("sepolia/era1");
    assertThat(era1).hasSize(5);

    List<Object> args = new ArrayList<>(List.of("--chain", "sepolia", "--seal", "full"));
    importAndCompare(lines, args, era1, new long[] {0, 1, 29999, 30000, 40959});
  }

  private void importAndCompare(List<HeaderLine> lines, List<Object> chainArgs, List<Path> files, long[] shown)
      throws IOException {
    HeaderLine genesis = lines.get(0);
    HeaderLine last = lines.get(lines.size() - 1);
    assertThat(last.number()).isEqualTo(lines.size() - 1);
    Path datadir = tmp.resolve("data");

    List<Object> importArgs = new ArrayList<>(List.of("import", "--datadir", datadir, "--json"));
    importArgs.addAll(chainArgs);
    importArgs.addAll(files);
    Cli.Run imported = Cli.run(importArgs.toArray());

    assertThat(imported.exitCode()).as(imported.describe()).isZero();
    JsonNode summary = JSON.readTree(imported.out());
    assertThat(summary.get("imported").asLong()).isEqualTo(last.number());
    assertThat(summary.get("head").get("number").asLong()).isEqualTo(last.number());
    assertThat(summary.get("head").get("hash").asText()).isEqualTo(last.hash().toHex());

    // The store holds exactly the decoded chain: every hash, header RLP and total difficulty.
    StoreSnapshot stored = StoreSnapshot.of(datadir, genesis.hash());
    assertThat(stored.canonical()).hasSize(lines.size());
    for (HeaderLine l : lines) {
      StoreSnapshot.Block b = stored.canonical().get((int) l.number());
      assertThat(b).as("block %d", l.number())
          .isEqualTo(new StoreSnapshot.Block(l.number(), l.hash().toHex(), "0x" + HEX.formatHex(l.rlp()),
              l.totalDifficulty().toString()));
    }
    try (var store = RocksDbHeaderStore.open(datadir, genesis.hash())) {
      ConsistencyReport report = StoreConsistency.check(store);
      assertThat(report.isConsistent()).as(report.toString()).isTrue();
    }

    Cli.Run status = Cli.run("status", "--datadir", datadir, "--json");
    assertThat(status.exitCode()).as(status.describe()).isZero();
    ObjectNode expectedStatus = JSON.createObjectNode();
    expectedStatus.put("genesis", genesis.hash().toHex());
    expectedStatus.putObject("head").put("number", last.number()).put("hash", last.hash().toHex());
    expectedStatus.put("totalDifficulty", last.totalDifficulty().toString());
    expectedStatus.putObject("checkpoints").put("headers", last.number());
    assertThat(JSON.readTree(status.out())).isEqualTo(reparsed(expectedStatus));

    for (long n : shown) {
      HeaderLine l = lines.get((int) n);
      JsonNode expected = expectedHeaderJson(l);
      for (Cli.Run r : List.of(Cli.run("header", "--datadir", datadir, "--number", n),
          Cli.run("header", "--datadir", datadir, "--hash", l.hash().toHex()))) {
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(JSON.readTree(r.out())).as("header %d", n).isEqualTo(expected);
      }
    }
    Cli.Run above = Cli.run("header", "--datadir", datadir, "--number", last.number() + 1);
    assertThat(above.exitCode()).as(above.describe()).isEqualTo(ExitCodes.INVALID);
    assertThat(above.errLines()).singleElement().asString().contains(String.valueOf(last.number() + 1));
  }

  /**
   * The header JSON expected for a decoded line: {@code eth_getBlockByNumber} names, hex
   * quantities without leading zeros, the nonce as 8 bytes, hashes and byte strings in full.
   */
  private static JsonNode expectedHeaderJson(HeaderLine l) throws IOException {
    BlockHeader h = BlockHeader.decode(l.rlp());
    ObjectNode o = JSON.createObjectNode();
    o.put("number", quantity(BigInteger.valueOf(l.number())));
    o.put("hash", l.hash().toHex());
    o.put("parentHash", h.parentHash().toHex());
    o.put("nonce", bytes(ByteBuffer.allocate(Long.BYTES).putLong(h.nonce()).array()));
    o.put("sha3Uncles", h.ommersHash().toHex());
    o.put("logsBloom", bytes(h.logsBloom()));
    o.put("transactionsRoot", h.transactionsRoot().toHex());
    o.put("stateRoot", h.stateRoot().toHex());
    o.put("receiptsRoot", h.receiptsRoot().toHex());
    o.put("miner", h.beneficiary().toHex());
    o.put("difficulty", quantity(h.difficulty()));
    o.put("totalDifficulty", quantity(l.totalDifficulty()));
    o.put("extraData", bytes(h.extraData()));
    o.put("gasLimit", quantity(BigInteger.valueOf(h.gasLimit())));
    o.put("gasUsed", quantity(BigInteger.valueOf(h.gasUsed())));
    o.put("timestamp", quantity(BigInteger.valueOf(h.timestamp())));
    o.put("mixHash", h.mixHash().toHex());
    if (h.hasBaseFee()) {
      o.put("baseFeePerGas", quantity(h.baseFeePerGas()));
    }
    assertThat(h.withdrawalsRoot()).as("a pre-Shanghai header").isNull();
    return reparsed(o);
  }

  /** The same JSON as the parser would build it (numbers as the smallest node type that holds them). */
  private static JsonNode reparsed(JsonNode built) throws IOException {
    return JSON.readTree(JSON.writeValueAsString(built));
  }

  private static String quantity(BigInteger v) {
    String hex = v.toString(16);
    assertThat(hex).matches("0|[1-9a-f][0-9a-f]*");
    return "0x" + hex;
  }

  private static String bytes(byte[] b) {
    return "0x" + HEX.formatHex(b);
  }

  private static List<Path> era1Files(String folder) throws IOException {
    try (Stream<Path> s = Files.list(TestData.require(folder))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".era1")).sorted().toList();
    }
  }
}
