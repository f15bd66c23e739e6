package io.headersync.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.core.testdata.TestData;
import io.headersync.node.testing.Cli;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headersync export} over mainnet blocks 0..16383 imported from their era1 files: every row
 * links to the one before, and sampled rows equal, field for field, what {@code headersync header}
 * prints for the same block.
 */
class ExportCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long HEAD = 16383;
  private static final long[] SAMPLE = {0, 1, 46, 1150, 4096, 8191, 8192, 12345, 16383};

  @TempDir
  static Path shared;
  static Path datadir;

  @TempDir
  Path tmp;

  @BeforeAll
  static void importMainnet() throws IOException {
    Path era1Dir = TestData.require("mainnet/era1");
    List<Object> args = new ArrayList<>(List.of("import", "--datadir", shared.resolve("data"), "--chain", "mainnet",
        "--seal", "off"));
    try (Stream<Path> s = Files.list(era1Dir)) {
      s.filter(p -> p.toString().endsWith(".era1")).sorted().forEach(args::add);
    }
    Cli.Run r = Cli.run(args.toArray());
    assertThat(r.exitCode()).as(r.describe()).isZero();
    datadir = shared.resolve("data");
  }

  @Test
  void csvOfTheWholeRangeLinksAndMatchesTheHeaderCommand() throws IOException {
    Path csv = tmp.resolve("mainnet.csv");
    Cli.Run r = Cli.run("export", "--datadir", datadir, "--from", 0, "--to", HEAD, "--format", "csv", "--fields", "all",
        "--output", csv);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).as("the rows went to the file").isEmpty();
    assertThat(tmp.resolve("mainnet.csv.partial")).doesNotExist();

    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize((int) HEAD + 2);
    List<String> names = List.of(lines.get(0).split(",", -1));
    assertThat(names).startsWith("number", "hash", "parentHash").contains("totalDifficulty", "timestamp");
    int number = names.indexOf("number");
    int hash = names.indexOf("hash");
    int parent = names.indexOf("parentHash");
    String previousHash = null;
    for (int i = 1; i < lines.size(); i++) {
      String[] row = lines.get(i).split(",", -1);
      assertThat(row).as("row %d", i).hasSize(names.size());
      assertThat(new BigInteger(row[number].substring(2), 16).longValue()).as("row %d", i).isEqualTo(i - 1);
      if (previousHash != null) {
        assertThat(row[parent]).as("block %d links to the row before", i - 1).isEqualTo(previousHash);
      }
      previousHash = row[hash];
    }

    for (long n : SAMPLE) {
      JsonNode header = header(n);
      String[] row = lines.get((int) n + 1).split(",", -1);
      for (int c = 0; c < names.size(); c++) {
        JsonNode expected = header.get(names.get(c));
        assertThat(row[c]).as("block %d field %s", n, names.get(c)).isEqualTo(expected == null ? "" : expected.asText());
      }
      header.fieldNames().forEachRemaining(f -> assertThat(names).as("block %d: exported fields", n).contains(f));
    }
  }

  @Test
  void jsonLinesToStandardOutputInDecimalMatchTheHeaderCommand() throws IOException {
    Cli.Run r = Cli.run("export", "--datadir", datadir, "--from", 8190, "--to", 8193, "--format", "jsonl",
        "--fields", "number,hash,timestamp,difficulty,totalDifficulty,baseFeePerGas", "--numbers", "decimal");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    List<String> lines = r.outLines();
    assertThat(lines).hasSize(4);
    for (int i = 0; i < lines.size(); i++) {
      long n = 8190 + i;
      JsonNode row = JSON.readTree(lines.get(i));
      JsonNode header = header(n);
      List<String> order = new ArrayList<>();
      row.fieldNames().forEachRemaining(order::add);
      assertThat(order).containsExactly("number", "hash", "timestamp", "difficulty", "totalDifficulty", "baseFeePerGas");
      assertThat(row.get("number").asText()).isEqualTo(Long.toString(n));
      assertThat(row.get("hash").asText()).isEqualTo(header.get("hash").asText());
      for (String q : List.of("timestamp", "difficulty", "totalDifficulty")) {
        assertThat(new BigInteger(row.get(q).asText())).as("block %d %s", n, q)
            .isEqualTo(new BigInteger(header.get(q).asText().substring(2), 16));
      }
      assertThat(row.get("baseFeePerGas").isNull()).as("no base fee before London").isTrue();
    }
  }

  @Test
  void defaultsCoverTheWholeChainWithTheDefaultFields() {
    Cli.Run r = Cli.run("export", "--datadir", datadir);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    Iterator<String> lines = r.out().lines().iterator();
    assertThat(lines.next()).isEqualTo("number,hash,parentHash,timestamp,miner,difficulty,gasLimit,gasUsed,baseFeePerGas");
    assertThat(r.out().lines().count()).isEqualTo(HEAD + 2);
  }

  @Test
  void badRangesAndFieldsAreUsageErrorsThatSayWhatIsWrong() {
    assertUsage(Cli.run("export", "--datadir", datadir, "--from", 10, "--to", 5), "--from 10 is above --to 5");
    assertUsage(Cli.run("export", "--datadir", datadir, "--to", 20000), "--to 20000 is beyond the head", "block 16383");
    assertUsage(Cli.run("export", "--datadir", datadir, "--fields", "number,gas_limit"), "unknown field 'gas_limit'",
        "gasLimit");
    assertUsage(Cli.run("export", "--datadir", datadir, "--fields", "hash,hash"), "'hash' is named twice");
    assertUsage(Cli.run("export", "--datadir", datadir, "--format", "xml"), "expected one of csv, jsonl, got 'xml'");
    assertUsage(Cli.run("export", "--datadir", datadir, "--numbers", "octal"), "expected hex or decimal");
    assertUsage(Cli.run("export", "--datadir", tmp.resolve("nothing")), "no headersync data directory");
    assertUsage(Cli.run("export", "--datadir", datadir, "--from", -1), "expected block numbers >= 0");
  }

  private static void assertUsage(Cli.Run r, String... fragments) {
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).as(r.describe()).isEmpty();
    assertThat(r.errLines()).as(r.describe()).first().asString().startsWith("export: ").contains(fragments);
  }

  private static JsonNode header(long n) throws IOException {
    Cli.Run r = Cli.run("header", "--datadir", datadir, "--number", n);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return JSON.readTree(r.out());
  }
}
