package io.headersync.node.p2p;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.testdata.TestData;
import io.headersync.node.testing.Cli;
import io.headersync.node.testing.StoreSnapshot;
import io.headersync.store.BlockRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two headersync processes on loopback: A imports a real chain's era1 files and runs
 * {@code serve}; B runs {@code sync --peers <A's enode> --until-synced} into an empty data
 * directory and must exit 0 with a canonical chain identical to A's (every number, hash, header
 * RLP and total difficulty), once with only eth/68 offered on both sides and once with only eth/69.
 *
 * <p>Mainnet blocks 0–16383 and Sepolia blocks 0–40959 (the shared era1 files) run by default:
 * each case is two JVM starts and a sync of a few seconds. {@code -Dheadersync.twoprocess.chains=mainnet}
 * narrows the run to one chain. Seals are not checked by B ({@code --seal off}): this test is
 * about the network path; the import and consensus tests check seals. Skipped, naming the path,
 * when the era1 data is absent.
 */
@Tag("slow")
class TwoProcessSyncTest {

  private static final long PROCESS_TIMEOUT_SECONDS = 240;

  @TempDir
  static Path tmp;

  @ParameterizedTest(name = "{0} over eth/{1}")
  @CsvSource({"mainnet, 68, 16383", "mainnet, 69, 16383", "sepolia, 68, 40959", "sepolia, 69, 40959"})
  void aSyncingProcessEndsWithTheServingProcessChain(String chain, int ethVersion, long head) throws Exception {
    String only = System.getProperty("headersync.twoprocess.chains", "");
    Assumptions.assumeTrue(only.isBlank() || List.of(only.split(",")).contains(chain),
        "-Dheadersync.twoprocess.chains=" + only + " leaves out " + chain);
    Path served = importedDataDir(chain);
    Path syncing = tmp.resolve(chain + "-sync-eth" + ethVersion);

    Child server = Child.start(tmp.resolve(chain + "-serve-eth" + ethVersion + ".log"), "serve", "--datadir",
        served.toString(), "--chain", chain, "--port", "0", "--listen-addr", "127.0.0.1", "--no-discovery",
        "--eth-versions", String.valueOf(ethVersion));
    try {
      String enode = server.firstLine();
      assertThat(enode).as("serve prints its enode URL first; its output:%n%s", server.output()).startsWith("enode://");
      Child client = Child.start(tmp.resolve(chain + "-sync-eth" + ethVersion + ".log"), "sync", "--datadir",
          syncing.toString(), "--chain", chain, "--port", "0", "--listen-addr", "127.0.0.1", "--no-discovery",
          "--peers", enode, "--until-synced", "--seal", "off", "--peer-timeout", "60",
          "--eth-versions", String.valueOf(ethVersion));
      assertThat(client.firstLine()).as("sync prints its enode URL first").startsWith("enode://");
      int exit = client.await();
      assertThat(exit).as("sync exit code; its output:%n%s%nserver output:%n%s", client.output(), server.output())
          .isZero();
      assertThat(client.output()).contains("synced " + chain + ": head #" + head);
    } finally {
      server.stop();
    }

    var genesis = ChainSpecs.preset(chain).genesisHash();
    StoreSnapshot expected = StoreSnapshot.of(served, genesis);
    StoreSnapshot actual = StoreSnapshot.of(syncing, genesis);
    assertThat(expected.head().map(BlockRef::number)).contains(head);
    assertThat(actual.head()).isEqualTo(expected.head());
    assertThat(actual.canonical()).hasSameSizeAs(expected.canonical());
    for (int i = 0; i < expected.canonical().size(); i++) {
      assertThat(actual.canonical().get(i)).as("canonical block %d", i).isEqualTo(expected.canonical().get(i));
    }
  }

  /** A's data directory: the chain's era1 files imported once per chain, shared by both eth versions. */
  private static synchronized Path importedDataDir(String chain) throws IOException {
    Path dir = tmp.resolve(chain + "-served");
    if (Files.isDirectory(dir)) {
      return dir;
    }
    List<Object> args = new ArrayList<>(List.of("import", "--datadir", dir, "--chain", chain, "--seal", "off"));
    try (Stream<Path> s = Files.list(TestData.require(chain + "/era1"))) {
      s.filter(p -> p.getFileName().toString().endsWith(".era1")).sorted().forEach(args::add);
    }
    Cli.Run run = Cli.run(args.toArray());
    assertThat(run.exitCode()).as(run.describe()).isZero();
    return dir;
  }

  /** {@code headersync} in a child JVM with this test's class path; standard output kept, standard error to a log. */
  private record Child(Process process, Path log, List<String> lines, CompletableFuture<String> first) {

    static Child start(Path log, String... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
          "-cp", System.getProperty("java.class.path"), "io.headersync.node.Main"));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
      List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<String> first = new CompletableFuture<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            lines.add(line);
            first.complete(line);
          }
        } catch (IOException e) {
          first.completeExceptionally(e);
        }
        first.complete("");
      }, "child-stdout");
      reader.setDaemon(true);
      reader.start();
      return new Child(p, log, lines, first);
    }

    String firstLine() {
      return first.orTimeout(60, SECONDS).join();
    }

    int await() throws InterruptedException {
      if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the process did not end within " + PROCESS_TIMEOUT_SECONDS + " s; its output:\n" + output());
      }
      return process.exitValue();
    }

    /** SIGTERM, as an operator stops a server; then waits for it to close its store. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, SECONDS);
      }
    }

    String output() {
      String err;
      try {
        err = Files.exists(log) ? Files.readString(log) : "";
      } catch (IOException e) {
        err = "(log unreadable: " + e + ")";
      }
      return "stdout:\n" + String.join("\n", lines) + "\nstderr:\n" + err;
    }
  }
}
