package io.headersync.node.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.testdata.TestData;
import io.headersync.node.importer.ChainImporter;
import io.headersync.node.testing.Cli;
import io.headersync.store.BlockRef;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreConsistency;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What an operator relies on: every command's help describes every flag and its default, a data
 * directory of another chain is refused with a clear line, and SIGTERM stops a long command
 * cleanly so that the next start resumes.
 */
class OperationsTest {

  private static final String ERA0 = "mainnet/era1/mainnet-00000-5ec1ffb8.era1";
  private static final String ERA1 = "mainnet/era1/mainnet-00001-a5364e9a.era1";

  @TempDir
  Path tmp;

  @Test
  void everyCommandDescribesEveryFlagAndShowsItsDefault() {
    List<String> problems = new ArrayList<>();
    List<CommandLine> commands = new ArrayList<>();
    collect(HeadersyncCommand.commandLine(), commands);
    assertThat(commands.stream().map(CommandLine::getCommandName))
        .contains("headersync", "import", "verify", "header", "status", "export");
    for (CommandLine cl : commands) {
      String name = cl.getCommandSpec().qualifiedName();
      String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
      if (String.join("", cl.getCommandSpec().usageMessage().description()).isBlank()) {
        problems.add(name + ": no description of the command");
      }
      String compactHelp = help.replaceAll("\\s+", "");
      for (ArgSpec arg : cl.getCommandSpec().args()) {
        if (arg.hidden()) {
          continue; // test-only switches, left out of --help on purpose
        }
        String label = arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
        String description = String.join(" ", arg.description());
        if (description.isBlank()) {
          problems.add(name + " " + label + ": no description");
          continue;
        }
        String shownDefault = arg.defaultValueString();
        if (arg.defaultValue() != null) {
          // Descriptions come interpolated: ${DEFAULT-VALUE} has become the value itself.
          if (!description.contains(shownDefault)) {
            problems.add(name + " " + label + ": its default (" + arg.defaultValue() + ") is not in its description");
          } else if (!compactHelp.contains(shownDefault.replaceAll("\\s+", ""))) { // long values wrap
            problems.add(name + " " + label + ": --help does not show its default " + shownDefault);
          }
        }
      }
      if (!help.contains("--help")) {
        problems.add(name + ": no --help");
      }
    }
    assertThat(problems).as("help problems").isEmpty();
  }

  @Test
  void theStoreCompressionIsChosenByFlagAndAnUnknownNameIsAUsageError() throws Exception {
    Path plain = tmp.resolve("plain");
    Path packed = tmp.resolve("packed");
    Cli.Run byDefault = Cli.run("import", "--datadir", plain, "--chain", "mainnet", "--seal", "off", TestData.require(ERA0));
    Cli.Run lz4 = Cli.run("import", "--datadir", packed, "--chain", "mainnet", "--seal", "off", "--db-compression", "LZ4",
        TestData.require(ERA0));
    assertThat(byDefault.exitCode()).as(byDefault.describe()).isZero();
    assertThat(lz4.exitCode()).as(lz4.describe()).isZero();
    // RocksDB records each table's settings in the OPTIONS file of the directory.
    assertThat(tableCompressions(plain)).isNotEmpty().containsOnly("kNoCompression");
    assertThat(tableCompressions(packed)).isNotEmpty().containsOnly("kLZ4Compression");
    Cli.Run status = Cli.run("status", "--datadir", packed, "--json");
    assertThat(status.out()).as(status.describe()).contains("\"number\":8191");

    Path unknown = tmp.resolve("unknown");
    Cli.Run refused = Cli.run("import", "--datadir", unknown, "--chain", "mainnet", "--seal", "off", "--db-compression",
        "brotli", TestData.require(ERA0));
    assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("unknown compression 'brotli'").contains("none, snappy, lz4, zstd");
    assertThat(unknown).doesNotExist();
  }

  /** The {@code compression} setting of every table, as the latest OPTIONS file of the directory records it. */
  private static List<String> tableCompressions(Path datadir) throws IOException {
    try (var files = Files.list(datadir)) {
      Path options = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-"))
          .max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
      return Files.readAllLines(options).stream().map(String::strip).filter(l -> l.startsWith("compression="))
          .map(l -> l.substring("compression=".length())).toList();
    }
  }

  @Test
  void anotherChainsDataDirectoryIsRefusedNamingBothChainsAndLeftAsItWas() {
    Path datadir = tmp.resolve("mainnet");
    Cli.Run imported = Cli.run("import", "--datadir", datadir, "--chain", "mainnet", "--seal", "off", TestData.require(ERA0));
    assertThat(imported.exitCode()).as(imported.describe()).isZero();

    Cli.Run refused = Cli.run("import", "--datadir", datadir, "--chain", "sepolia", "--seal", "off",
        TestData.require("sepolia/era1/sepolia-00000-643a00f7.era1"));
    assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(ExitCodes.INVALID);
    assertThat(refused.errLines()).as(refused.describe()).singleElement().asString()
        .startsWith("import: the data directory " + datadir + " holds another chain: mainnet (genesis "
            + ChainSpecs.preset("mainnet").genesisHash().toHex() + "), not sepolia (genesis "
            + ChainSpecs.preset("sepolia").genesisHash().toHex() + ")")
        .contains("--datadir");

    Cli.Run status = Cli.run("status", "--datadir", datadir, "--json");
    assertThat(status.out()).as(status.describe()).contains("\"number\":8191");
  }

  /**
   * {@code headersync import} in a child JVM with every seal checked (slow enough to be caught
   * part-way), sent SIGTERM once it reports progress: it finishes its chunk, says it stopped, and
   * leaves a consistent store whose checkpoint is its head; the next import resumes from there and
   * ends at the last block.
   */
  @Test
  @Tag("slow")
  void sigtermStopsTheImportAfterItsChunkAndTheNextStartResumes() throws Exception {
    Path datadir = tmp.resolve("data");
    Path log = tmp.resolve("child.log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.headersync.node.Main",
        "import", "--datadir", datadir.toString(), "--chain", "mainnet", "--seal", "full", "--chunk", "128",
        TestData.require(ERA0).toString(), TestData.require(ERA1).toString()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + SECONDS.toNanos(120);
      while (!Files.readString(log).contains("import: ") && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100); // the child's first progress line: it is committing chunks
      }
      assertThat(child.isAlive()).as("the import was still running when it first reported progress:%n%s",
          Files.readString(log)).isTrue();
      child.destroy(); // SIGTERM
      assertThat(child.waitFor(60, SECONDS)).as("the import stopped within a minute of SIGTERM").isTrue();
    } finally {
      child.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(output).as(output).contains("stopping: finishing the current batch")
        .contains("stopped on request at block").contains("(stopped on request; run it again to resume)");
    assertThat(child.exitValue()).as("terminated by SIGTERM: 128 + 15").isEqualTo(143);

    long head;
    try (HeaderStore store = RocksDbHeaderStore.open(datadir, ChainSpecs.preset("mainnet").genesisHash())) {
      ConsistencyReport report = StoreConsistency.check(store, 0);
      assertThat(report.isConsistent()).as(report.toString()).isTrue();
      head = store.head().map(BlockRef::number).orElseThrow();
      assertThat(head).as("stopped part-way").isBetween(128L, 16382L);
      assertThat(store.checkpoint(ChainImporter.STAGE).orElseThrow().number()).isEqualTo(head);
      assertThat(head % 128).as("it stopped at a chunk's end (chunks of 128 from block 1)").isEqualTo(0);
    }

    Cli.Run resumed = Cli.run("import", "--datadir", datadir, "--chain", "mainnet", "--seal", "off", "--json",
        TestData.require(ERA0), TestData.require(ERA1));
    assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
    assertThat(resumed.out()).as(resumed.describe()).contains("\"imported\":" + (16383 - head))
        .contains("\"skipped\":" + (head + 1)).contains("\"number\":16383").contains("\"stopped\":false");
  }

  private static void collect(CommandLine cl, List<CommandLine> into) {
    into.add(cl);
    for (CommandLine sub : cl.getSubcommands().values().stream().distinct().collect(Collectors.toList())) {
      if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
        collect(sub, into);
      }
    }
  }
}
