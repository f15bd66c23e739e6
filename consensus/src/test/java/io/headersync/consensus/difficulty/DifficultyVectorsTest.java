package io.headersync.consensus.difficulty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.testdata.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of the public difficulty vectors: {@code DifficultyTests/**} (one fork per file,
 * named inside the file) and {@code BasicTests/difficulty*.json} (a network schedule, named by
 * the file). A file whose schedule is unknown fails rather than being skipped.
 */
class DifficultyVectorsTest {

  private static final String VECTORS = "vectors/ethereum-tests/";
  private static final String NETWORKS = "vectors/network-params/networks.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The schedule behind each BasicTests file. "difficulty.json" and the MainNetwork files were
   * filled with mainnet's fork blocks, "CustomHomestead" with Homestead from genesis, "Ropsten"
   * with Ropsten's (kept in {@link Schedules#ropsten()}, as the shared network parameters no
   * longer list that retired network).
   */
  private static final Map<String, Function<Path, ChainSpec>> BASIC_SCHEDULES = Map.of(
      "difficulty.json", root -> Schedules.fromNetworksJson(root.resolve(NETWORKS), "mainnet"),
      "difficultyMainNetwork.json", root -> Schedules.fromNetworksJson(root.resolve(NETWORKS), "mainnet"),
      "difficultyCustomMainNetwork.json", root -> Schedules.fromNetworksJson(root.resolve(NETWORKS), "mainnet"),
      "difficultyCustomHomestead.json", root -> Schedules.from(Fork.HOMESTEAD),
      "difficultyRopsten.json", root -> Schedules.ropsten());

  @TestFactory
  Stream<DynamicNode> difficultyTests() throws IOException {
    Path folder = TestData.require(VECTORS + "DifficultyTests");
    List<DynamicNode> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        files.add(forkFile(folder.relativize(file).toString(), read(file)));
      }
    }
    assertThat(files).as("json files under " + folder).isNotEmpty();
    return files.stream();
  }

  @TestFactory
  Stream<DynamicNode> basicTests() throws IOException {
    Path folder = TestData.require(VECTORS + "BasicTests");
    Path root = TestData.root();
    List<DynamicNode> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(folder)) {
      for (Path file : list.filter(p -> p.getFileName().toString().matches("difficulty.*\\.json")).sorted().toList()) {
        String name = file.getFileName().toString();
        Function<Path, ChainSpec> schedule = BASIC_SCHEDULES.get(name);
        if (schedule == null) {
          files.add(DynamicTest.dynamicTest(name + ": no known schedule", () -> fail(
              "BasicTests/" + name + " names no fork inside and its network schedule is not known to this test")));
          continue;
        }
        ChainSpec spec = schedule.apply(root);
        List<DynamicTest> cases = cases(read(file), spec);
        files.add(DynamicContainer.dynamicContainer(name + " [" + spec.name() + ", " + cases.size() + " cases]", nonEmpty(name, cases)));
      }
    }
    assertThat(files).as("difficulty*.json under " + folder).isNotEmpty();
    return files.stream();
  }

  /** The mainnet files are only as good as the schedule read for them. */
  @Test
  void mainnetScheduleIsReadFromTheNetworkParameters() {
    ChainSpec mainnet = Schedules.fromNetworksJson(TestData.require(NETWORKS), "mainnet");
    assertThat(mainnet.activation(Fork.HOMESTEAD)).contains(1_150_000L);
    assertThat(mainnet.activation(Fork.DAO)).contains(1_920_000L);
    assertThat(mainnet.activation(Fork.TANGERINE_WHISTLE)).contains(2_463_000L);
    assertThat(mainnet.activation(Fork.BYZANTIUM)).contains(4_370_000L);
    assertThat(mainnet.activation(Fork.CONSTANTINOPLE)).contains(7_280_000L);
    assertThat(mainnet.activation(Fork.MUIR_GLACIER)).contains(9_200_000L);
    assertThat(mainnet.activation(Fork.LONDON)).contains(12_965_000L);
    assertThat(mainnet.activation(Fork.ARROW_GLACIER)).contains(13_773_000L);
    assertThat(mainnet.activation(Fork.GRAY_GLACIER)).contains(15_050_000L);
    assertThat(mainnet.activation(Fork.SHANGHAI)).as("time-based forks do not matter to difficulty").isEmpty();
  }

  /** A DifficultyTests file: {@code {testName: {_info, <Fork>: {caseName: case}}}}. */
  private static DynamicNode forkFile(String name, JsonNode file) {
    List<DynamicNode> networks = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> tests = file.fields(); tests.hasNext(); ) {
      for (Iterator<Map.Entry<String, JsonNode>> nets = tests.next().getValue().fields(); nets.hasNext(); ) {
        Map.Entry<String, JsonNode> net = nets.next();
        if (net.getKey().startsWith("_")) {
          continue;
        }
        var fork = Schedules.forkNamed(net.getKey());
        if (fork.isEmpty()) {
          networks.add(DynamicTest.dynamicTest(net.getKey() + ": unknown fork", () -> fail(name + " names fork \"" + net.getKey() + "\", which is not a known fork")));
          continue;
        }
        List<DynamicTest> cases = cases(net.getValue(), Schedules.from(fork.get()));
        networks.add(DynamicContainer.dynamicContainer(net.getKey() + " [" + cases.size() + " cases]", nonEmpty(name, cases)));
      }
    }
    return DynamicContainer.dynamicContainer(name, networks.stream());
  }

  private static Stream<DynamicTest> nonEmpty(String file, List<DynamicTest> cases) {
    if (cases.isEmpty()) {
      return Stream.of(DynamicTest.dynamicTest("no cases", () -> fail(file + " holds no difficulty case")));
    }
    return cases.stream();
  }

  /** The cases of one object: {@code {caseName: {parentTimestamp, parentDifficulty, …}}}. */
  private static List<DynamicTest> cases(JsonNode group, ChainSpec spec) {
    List<DynamicTest> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = group.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> c = it.next();
      if (c.getKey().startsWith("_")) {
        continue;
      }
      JsonNode v = c.getValue();
      out.add(DynamicTest.dynamicTest(c.getKey(), () -> {
        long number = uint64(v, "currentBlockNumber");
        long timestamp = uint64(v, "currentTimestamp");
        long parentTimestamp = uint64(v, "parentTimestamp");
        BigInteger parentDifficulty = number(v, "parentDifficulty");
        BigInteger want = number(v, "currentDifficulty");
        BigInteger got = DifficultyCalculator.expected(spec, number, timestamp, parentDifficulty, parentTimestamp, parentHasOmmers(v));
        assertThat(got)
            .as("%s block %d on %s (%s)", c.getKey(), number, spec.name(), DifficultyCalculator.formula(spec, number, timestamp).describe())
            .isEqualTo(want);
      }));
    }
    return out;
  }

  /**
   * {@code parentUncles} is a count ("0x00", "0x01") in the DifficultyTests files and the
   * parent's ommers hash in BasicTests; some old files leave it out (Homestead ignores it).
   */
  static boolean parentHasOmmers(JsonNode c) {
    JsonNode u = c.get("parentUncles");
    if (u == null || u.isNull()) {
      return false;
    }
    String text = u.asText();
    if (text.length() == 2 + 2 * Hash.SIZE && text.startsWith("0x")) {
      return !Keccak.EMPTY_LIST.equals(Hash.fromHex(text));
    }
    return number(c, "parentUncles").signum() != 0;
  }

  /** A field written as "0x…" hex, a decimal string, or a JSON number. */
  static BigInteger number(JsonNode c, String field) {
    JsonNode n = c.get(field);
    if (n == null) {
      throw new IllegalArgumentException("case has no field " + field + ": " + c);
    }
    if (n.isIntegralNumber()) {
      return n.bigIntegerValue();
    }
    String s = n.asText().trim();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      return s.length() == 2 ? BigInteger.ZERO : new BigInteger(s.substring(2), 16);
    }
    return new BigInteger(s);
  }

  /** A 64-bit unsigned field as the {@code long} a header holds (values past 2^63 wrap, read as unsigned). */
  static long uint64(JsonNode c, String field) {
    BigInteger v = number(c, field);
    if (v.signum() < 0 || v.bitLength() > 64) {
      throw new IllegalArgumentException(field + " " + v + " is not an unsigned 64-bit value");
    }
    return v.longValue();
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }
}
