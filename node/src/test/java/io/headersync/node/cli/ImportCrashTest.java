package io.headersync.node.cli;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.testdata.TestData;
import io.headersync.node.importer.ChainImporter;
import io.headersync.node.testing.StoreSnapshot;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreConsistency;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headersync import} killed with SIGKILL at random moments: after every kill the store
 * reopens consistent, with the {@code headers} checkpoint at the head and no committed header
 * lost; the restarted import resumes, and the chain it ends with is byte for byte the chain of an
 * uninterrupted import.
 *
 * <p>The import runs in a child JVM on the test's class path (mainnet 0..16383 from era1,
 * {@code --seal off --chunk 256}, so a run lasts a few seconds and commits 64 batches). Kill
 * moments are drawn from a seeded random source over a time scale that starts at the
 * uninterrupted run's duration and adapts to the machine's load. The seed is printed and named
 * in every failure; {@code -Dheadersync.crash.seed=N} replays the draws, though not the
 * machine's timing. When a run ends before its kill moment, that resumed data directory is
 * compared with the reference and the next kill starts a fresh one.
 */
@Tag("slow")
class ImportCrashTest {

  /** Kills that must land on a running import. */
  private static final int KILLS = 20;
  /**
   * Of those, kills that must find the store part-way through the chain and further on than the
   * kill before: kills that all land before the first commit or after the last would prove little.
   * The test kills more until it has them.
   */
  private static final int MIN_MID_CHAIN = 5;
  /** Kills after which too few caught an import part-way: the timing is broken, not the store. */
  private static final int MAX_KILLS = 60;
  private static final long MAINNET_HEAD = 16383;

  @TempDir
  Path tmp;

  @Test
  void killedImportsResumeToTheUninterruptedChain() throws Exception {
    List<Path> era1 = era1Files();
    Hash genesis = ChainSpecs.preset("mainnet").genesisHash();
    long seed = Long.getLong("headersync.crash.seed", System.nanoTime());
    String replay = "seed " + seed + " (replay with -Dheadersync.crash.seed=" + seed + ")";
    System.out.println("ImportCrashTest: " + replay);
    Random random = new Random(seed);
    long started = System.nanoTime();

    Path referenceDir = tmp.resolve("reference");
    long t0 = System.nanoTime();
    Child reference = Child.start(referenceDir, era1, tmp.resolve("reference.log"));
    reference.awaitSuccess(replay);
    long runNanos = System.nanoTime() - t0;
    StoreSnapshot expected = StoreSnapshot.of(referenceDir, genesis);
    assertThat(expected.head().map(BlockRef::number)).contains(MAINNET_HEAD);

    int kills = 0;
    int midChain = 0;
    int resumedToEnd = 0;
    int runs = 0;
    Path datadir = tmp.resolve("run-0");
    long lastHead = -1;
    // The machine's load changes while the test runs: the time scale of the kill moments starts at
    // the uninterrupted run's duration, grows when a kill found no new commit and shrinks when a
    // run finished before its kill, so that kills keep landing while commits happen.
    double scale = runNanos;
    List<String> history = new ArrayList<>();
    while (kills < KILLS || midChain < MIN_MID_CHAIN) {
      assertThat(kills).as("%s: after %d kills only %d caught an import part-way; history %s", replay, kills, midChain,
          history).isLessThan(MAX_KILLS);
      // JVM start-up is half a run or more, and a resumed run reads (and skips) what is already
      // stored about as fast as a fresh one imports it: the moments fall from the middle of the
      // time scale to past its end.
      long delay = (long) (scale * (0.5 + 0.8 * random.nextDouble()));
      Child child = Child.start(datadir, era1, tmp.resolve("child-" + runs++ + ".log"));
      if (child.process.waitFor(delay, NANOSECONDS)) {
        child.awaitSuccess(replay);
        assertThat(StoreSnapshot.of(datadir, genesis).firstDifference(expected))
            .as("%s: resumed import in %s differs from the uninterrupted one; history %s", replay, datadir, history)
            .isEmpty();
        history.add(delay / 1_000_000 + "ms:completed");
        resumedToEnd++;
        scale *= 0.85;
        datadir = tmp.resolve("run-" + runs);
        lastHead = -1;
        continue;
      }
      child.process.destroyForcibly();
      assertThat(child.process.waitFor(30, SECONDS)).isTrue();
      kills++;
      long head = checkAfterKill(datadir, genesis, expected, lastHead, replay + ", kill " + kills + " after "
          + delay / 1_000_000 + " ms, history " + history);
      history.add(delay / 1_000_000 + "ms->" + head);
      if (head > 0 && head < MAINNET_HEAD && head > lastHead) {
        midChain++;
      } else if (head <= lastHead || head <= 0) {
        scale *= 1.2;
      }
      lastHead = head;
    }
    Child last = Child.start(datadir, era1, tmp.resolve("child-" + runs + ".log"));
    last.awaitSuccess(replay);
    assertThat(StoreSnapshot.of(datadir, genesis).firstDifference(expected))
        .as("%s: resumed import differs from the uninterrupted one; history %s", replay, history)
        .isEmpty();

    System.out.printf("ImportCrashTest: %d kills (%d with the import part-way and advanced), %d resumed imports "
        + "compared in full, uninterrupted run %d ms, whole test %d s; history %s%n", kills, midChain, resumedToEnd + 1,
        runNanos / 1_000_000, (System.nanoTime() - started) / 1_000_000_000, history);
  }

  /** Reopens a killed import's store and checks it; returns its head number (-1 when empty). */
  private static long checkAfterKill(Path datadir, Hash genesis, StoreSnapshot expected, long lastHead, String context) {
    try (HeaderStore store = RocksDbHeaderStore.open(datadir, genesis)) {
      ConsistencyReport report = StoreConsistency.check(store);
      assertThat(report.isConsistent()).as("%s: %s", context, report).isTrue();
      Optional<BlockRef> head = store.head();
      Optional<Checkpoint> checkpoint = store.checkpoint(ChainImporter.STAGE);
      if (head.isEmpty()) {
        assertThat(checkpoint).as("%s: checkpoint of an empty store", context).isEmpty();
        assertThat(lastHead).as("%s: the store lost its whole chain", context).isEqualTo(-1);
        return -1;
      }
      long number = head.get().number();
      assertThat(checkpoint.map(Checkpoint::number)).as("%s: headers checkpoint vs head %s", context, head.get())
          .contains(number);
      assertThat(number).as("%s: head went back from %d (a committed header was lost)", context, lastHead)
          .isGreaterThanOrEqualTo(lastHead);
      assertThat(head.get().hash().toHex()).as("%s: head is not on the reference chain", context)
          .isEqualTo(expected.canonical().get((int) number).hash());
      return number;
    }
  }

  private static List<Path> era1Files() throws IOException {
    try (Stream<Path> s = Files.list(TestData.require("mainnet/era1"))) {
      List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".era1")).sorted().toList();
      assertThat(files).hasSize(2);
      return files;
    }
  }

  /** {@code headersync import} in a child JVM with this test's class path, output to a log file. */
  private record Child(Process process, Path log) {

    static Child start(Path datadir, List<Path> era1, Path log) throws IOException {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
          "-cp", System.getProperty("java.class.path"),
          "io.headersync.node.Main", "import", "--datadir", datadir.toString(), "--chain", "mainnet",
          "--seal", "off", "--chunk", "256"));
      era1.forEach(p -> command.add(p.toString()));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new Child(p, log);
    }

    void awaitSuccess(String context) throws InterruptedException, IOException {
      boolean ended = process.waitFor(120, SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      assertThat(ended && process.exitValue() == 0)
          .as("%s: import %s; its output:%n%s", context, ended ? "exited " + process.exitValue() : "hung",
              Files.readString(log))
          .isTrue();
    }
  }
}
