package io.headersync.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.node.testing.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code headersync sim} in this JVM: every strategy, adversaries, a data directory, bad flags. */
class SimCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> REQUIRED_FIELDS = List.of("headers", "virtual_seconds", "cpu_seconds",
      "headers_per_virtual_second", "bandwidth_bound_headers_per_second", "ratio", "peak_heap_mb", "bad_peers_banned");

  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"auto", "reverse", "skeleton", "slices"})
  void aSmallRunOfEveryStrategyExitsZeroWithOneJsonLine(String strategy) throws Exception {
    Cli.Run run = Cli.run("sim", "--strategy", strategy, "--peers", 6, "--headers", 2000, "--seed", 3);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.outLines()).as(run.describe()).hasSize(1);
    JsonNode o = JSON.readTree(run.outLines().getFirst());
    for (String field : REQUIRED_FIELDS) {
      assertThat(o.has(field)).as("%s in %s", field, o).isTrue();
    }
    assertThat(o.get("headers").asLong()).isEqualTo(2000);
    assertThat(o.get("strategy").asText()).isEqualTo(strategy);
    assertThat(o.get("virtual_seconds").asDouble()).isPositive();
    assertThat(o.get("headers_per_virtual_second").asDouble())
        .isCloseTo(2000 / o.get("virtual_seconds").asDouble(), org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(o.get("ratio").asDouble()).isCloseTo(o.get("headers_per_virtual_second").asDouble()
        / o.get("bandwidth_bound_headers_per_second").asDouble(), org.assertj.core.data.Offset.offset(0.002));
    assertThat(o.get("bandwidth_bound_headers_per_second").asDouble()).isPositive();
    assertThat(o.get("ended_on_expected_chain").asBoolean()).isTrue();
    assertThat(o.get("limits_held").asBoolean()).isTrue();
    assertThat(o.get("invalid_headers_stored").asLong()).isZero();
  }

  @Test
  void autoNamesTheLegsItRan() throws Exception {
    Cli.Run run = Cli.run("sim", "--headers", 2000);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    JsonNode legs = JSON.readTree(run.outLines().getFirst()).get("legs");
    assertThat(legs.toString()).isEqualTo("[\"slices\",\"reverse\"]");
  }

  @Test
  void adversariesAreBannedOrPenalisedAndTheRunStillSucceeds() throws Exception {
    Cli.Run run = Cli.run("sim", "--strategy", "reverse", "--peers", 18, "--adversarial", 12, "--headers", 3000, "--seed", 4);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    JsonNode o = JSON.readTree(run.outLines().getFirst());
    assertThat(o.get("adversarial").asInt()).isEqualTo(12);
    assertThat(o.get("wrong_answerers_penalised").asInt()).isEqualTo(o.get("wrong_answerers_asked").asInt());
    assertThat(o.get("wrong_answerers_asked").asInt()).isPositive();
    assertThat(o.get("bad_peers_banned").asInt()).isLessThanOrEqualTo(12);
  }

  @Test
  void aRunIntoADataDirectoryLeavesTheChainThere() throws Exception {
    Path dir = tmp.resolve("db");
    Cli.Run first = Cli.run("sim", "--strategy", "skeleton", "--headers", 1500, "--datadir", dir);
    Cli.Run status = Cli.run("status", "--datadir", dir, "--json");

    assertThat(first.exitCode()).as(first.describe()).isZero();
    assertThat(status.exitCode()).as(status.describe()).isZero();
    JsonNode head = JSON.readTree(status.outLines().getFirst()).get("head");
    assertThat(head.get("number").asLong()).isEqualTo(JSON.readTree(first.outLines().getFirst()).get("end_head").asLong());
  }

  @Test
  void aRunThatRunsOutOfVirtualTimeExitsOneWithTheReasonOnStandardError() throws Exception {
    Cli.Run run = Cli.run("sim", "--strategy", "reverse", "--headers", 20000, "--latency-ms", 500, "--bandwidth-mbps", 1,
        "--time-limit-s", 1);

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.errLines()).as(run.describe()).anyMatch(l -> l.contains("not synced"));
    assertThat(JSON.readTree(run.outLines().getFirst()).get("synced").asBoolean()).isFalse();
  }

  @Test
  void aRunJudgedToHaveBrokenAMemoryLimitExitsOneNamingTheLimit() throws Exception {
    // A hundredth of the configured limits: the run holds its real ones, but its peaks pass these.
    Cli.Run run = Cli.run("sim", "--strategy", "reverse", "--peers", 6, "--headers", 3000, "--audit-limit-scale", 0.01);

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.errLines()).as(run.describe()).anyMatch(l -> l.contains("limits exceeded") && l.contains("EXCEEDED"));
    JsonNode o = JSON.readTree(run.outLines().getFirst());
    assertThat(o.get("limits_held").asBoolean()).isFalse();
    assertThat(o.get("synced").asBoolean()).isTrue();
    assertThat(o.get("ended_on_expected_chain").asBoolean()).isTrue();
    JsonNode buffered = o.get("limits").get("reverse_buffered_headers");
    assertThat(buffered.get("peak").asLong()).isGreaterThan(buffered.get("limit").asLong());
  }

  @Test
  void aRunJudgedAgainstAnotherChainExitsOneWithTheInvalidHeadersCounted() throws Exception {
    Cli.Run run = Cli.run("sim", "--strategy", "slices", "--peers", 6, "--headers", 1000, "--audit-chain-seed", 99);

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.errLines()).as(run.describe()).anyMatch(l -> l.contains("not on the expected chain"));
    JsonNode o = JSON.readTree(run.outLines().getFirst());
    assertThat(o.get("ended_on_expected_chain").asBoolean()).isFalse();
    assertThat(o.get("invalid_headers_stored").asLong()).isEqualTo(1000);
    assertThat(o.get("limits_held").asBoolean()).isTrue();
  }

  @Test
  void theSameFlagsWithoutTheAuditFlagsSucceed() {
    Cli.Run run = Cli.run("sim", "--strategy", "reverse", "--peers", 6, "--headers", 3000);

    assertThat(run.exitCode()).as("the failures above come from the judgement alone; %s", run.describe()).isZero();
  }

  @Test
  void anUnknownFlagExitsTwo() {
    Cli.Run run = Cli.run("sim", "--bogus", 1);

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.errLines().getFirst()).contains("--bogus");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void badValuesExitTwoNamingWhatWasExpected() {
    Cli.Run strategy = Cli.run("sim", "--strategy", "sideways");
    Cli.Run adversarial = Cli.run("sim", "--peers", 4, "--adversarial", 4);
    Cli.Run peers = Cli.run("sim", "--peers", "many");
    Cli.Run bandwidth = Cli.run("sim", "--bandwidth-mbps", 0);

    assertThat(strategy.exitCode()).as(strategy.describe()).isEqualTo(2);
    assertThat(strategy.err()).contains("auto, reverse, skeleton, slices").contains("sideways");
    assertThat(adversarial.exitCode()).as(adversarial.describe()).isEqualTo(2);
    assertThat(adversarial.err()).contains("--adversarial must be between 0 and --peers minus 1 (3), got 4");
    assertThat(peers.exitCode()).as(peers.describe()).isEqualTo(2);
    assertThat(bandwidth.exitCode()).as(bandwidth.describe()).isEqualTo(2);
    assertThat(bandwidth.err()).contains("--bandwidth-mbps must be positive");
  }

  @Test
  void helpDocumentsEveryFlagWithItsDefault() {
    Cli.Run run = Cli.run("sim", "--help");

    assertThat(run.exitCode()).isZero();
    for (String flag : List.of("--strategy", "--peers", "--adversarial", "--headers", "--seed", "--latency-ms",
        "--bandwidth-mbps", "--jitter-ms", "--time-limit-s", "--checkpoint-coverage")) {
      assertThat(run.out()).contains(flag);
    }
    assertThat(run.out()).contains("default: auto").contains("default: 8").contains("default: 100").contains("default: 16");
  }
}
