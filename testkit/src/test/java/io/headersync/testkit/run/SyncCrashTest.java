package io.headersync.testkit.run;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreConsistency;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import io.headersync.sync.controller.Strategy;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.stages.ReverseProgress;
import io.headersync.sync.stages.TotalDifficultyStage;
import io.headersync.testkit.chain.LazyHeaderChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An on-disk sync ({@link CrashChild}: RocksDB, commits of 1,000 headers) killed with SIGKILL at
 * random moments. After every kill the store reopens consistent ({@link StoreConsistency}), its
 * checkpoints agree with it (headers at the head, total difficulty at or below, correct where it
 * stands), its head is on the expected chain and never went back, and a stored reverse walk never
 * shrank; each restarted life asked for no block an earlier life had committed (its log records
 * what it found at start and every range it asked for). Finally a life runs to the end and the
 * canonical chain is the expected one.
 *
 * <p>Kill moments come from a seeded random source over a time scale that starts at an
 * uninterrupted run's duration and adapts to the machine's load (grows when a kill found nothing
 * new committed, shrinks when a life finished first). The seed is printed and named in every
 * failure; {@code -Dheadersync.crash.seed=N} replays the draws, though not the machine's timing.
 */
@Tag("slow")
class SyncCrashTest {

  private static final int MAX_KILL_ATTEMPTS_FACTOR = 3;

  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0}: {1} kills")
  @CsvSource({"REVERSE, 20", "SKELETON, 4", "SLICES, 4"})
  void killedSyncsRestartConsistentAndFinishOnTheExpectedChain(Strategy strategy, int kills) throws Exception {
    long seed = Long.getLong("headersync.crash.seed", System.nanoTime());
    String replay = strategy + ", seed " + seed + " (replay with -Dheadersync.crash.seed=" + seed + ")";
    System.out.println("SyncCrashTest: " + replay);
    Random random = new Random(seed);
    LazyHeaderChain chain = SimulatedSync.chain(CrashChild.settings(strategy, tmp));
    long head = chain.headNumber();
    long started = System.nanoTime();

    // The uninterrupted run times the sync alone: from the life's start line to its stop line.
    Path referenceLog = tmp.resolve("reference.log");
    Child reference = Child.start(strategy, tmp.resolve("reference"), referenceLog);
    long syncNanos = reference.syncDuration(replay);
    reference.awaitSuccess(replay);
    double scale = syncNanos;

    Path datadir = tmp.resolve("crashed");
    Path log = tmp.resolve("crashed.log");
    State last = State.EMPTY;
    int killed = 0;
    int advanced = 0;
    int finishedEarly = 0;
    int foundComplete = 0;
    int lives = 0;
    List<String> history = new ArrayList<>();
    while (killed < kills) {
      assertThat(lives).as("%s: %d lives for %d kills part-way; history %s", replay, lives, killed, history)
          .isLessThan(kills * MAX_KILL_ATTEMPTS_FACTOR + 10);
      // Kill moments fall within the sync itself (JVM start-up and the final audit are no test of it).
      long delay = (long) (scale * 1.1 * random.nextDouble());
      Child child = Child.start(strategy, datadir, log);
      lives++;
      child.awaitLine("start", replay);
      if (child.process.waitFor(delay, NANOSECONDS)) {
        child.awaitSuccess(replay);
        finishedEarly++;
        history.add(delay / 1_000_000 + "ms:finished");
        scale *= 0.8;
        checkNoCommittedRangeAskedAgain(log, replay);
        last = startAfresh(datadir, log);
        continue;
      }
      child.process.destroyForcibly();
      assertThat(child.process.waitFor(30, SECONDS)).isTrue();
      String context = replay + ", kill after " + delay / 1_000_000 + " ms, history " + history;
      State now = checkAfterKill(datadir, chain, last, context);
      checkNoCommittedRangeAskedAgain(log, context);
      history.add(delay / 1_000_000 + "ms->" + now);
      if (now.complete(head)) {
        // The sync had finished (the kill hit its audit): too late to test anything, so aim earlier.
        foundComplete++;
        scale *= 0.7;
        last = startAfresh(datadir, log);
        continue;
      }
      killed++;
      if (now.progressedFrom(last)) {
        advanced++;
      } else {
        scale *= 1.25;
      }
      last = now;
    }
    Child finish = Child.start(strategy, datadir, log);
    finish.awaitSuccess(replay);
    checkNoCommittedRangeAskedAgain(log, replay + ", final life");
    try (HeaderStore store = RocksDbHeaderStore.open(datadir, chain.hash(SimulatedSync.FIRST))) {
      assertThat(StoreConsistency.check(store).isConsistent()).as(replay).isTrue();
      assertThat(store.head()).as(replay).contains(new BlockRef(head, chain.head().hash()));
      for (long n = SimulatedSync.FIRST; n <= head; n++) {
        assertThat(store.canonicalHash(n)).as("%s: canonical block %d", replay, n).contains(chain.hash(n));
      }
      assertThat(store.totalDifficulty(head, chain.head().hash())).as(replay).contains(chain.totalDifficulty(head));
    }
    assertThat(advanced).as("%s: kills that found more committed than the one before; history %s", replay, history)
        .isGreaterThanOrEqualTo(Math.min(3, kills / 3));
    System.out.printf("SyncCrashTest: %s: %d kills part-way (%d found more committed than the kill before), %d found the "
        + "sync complete, %d lives finished before their kill; uninterrupted sync %d ms, %d s in all; history %s%n", strategy,
        killed, advanced, foundComplete, finishedEarly, syncNanos / 1_000_000, (System.nanoTime() - started) / 1_000_000_000,
        history);
  }

  private static State startAfresh(Path datadir, Path log) throws IOException {
    deleteTree(datadir);
    Files.deleteIfExists(log);
    return State.EMPTY;
  }

  /** What a killed sync left committed. */
  private record State(long head, long walkLowest, long walkTop, long totalDifficulty) {
    static final State EMPTY = new State(-1, -1, -1, -1);

    boolean complete(long chainHead) {
      return head == chainHead && totalDifficulty == chainHead;
    }

    boolean progressedFrom(State before) {
      return head > before.head || (walkTop == before.walkTop && walkLowest >= 0 && walkLowest < before.walkLowest)
          || (walkLowest >= 0 && before.walkLowest < 0);
    }

    @Override
    public String toString() {
      return head + (walkLowest >= 0 ? "[" + walkLowest + ".." + walkTop + "]" : "");
    }
  }

  private static State checkAfterKill(Path datadir, LazyHeaderChain chain, State before, String context) {
    try (HeaderStore store = RocksDbHeaderStore.open(datadir, chain.hash(SimulatedSync.FIRST))) {
      ConsistencyReport report = StoreConsistency.check(store);
      assertThat(report.isConsistent()).as("%s: %s", context, report).isTrue();
      Optional<BlockRef> maybeHead = store.head();
      if (maybeHead.isEmpty()) {
        // Killed between creating the store and writing its start block: legal, once.
        assertThat(before.head).as("%s: the store lost its whole chain", context).isEqualTo(-1);
        assertThat(store.checkpoints()).as("%s: checkpoints of an empty store", context).isEmpty();
        return State.EMPTY;
      }
      BlockRef head = maybeHead.get();
      long tdAt = store.checkpoint(TotalDifficultyStage.ID).map(Checkpoint::number).orElse(-1L);
      assertThat(head.hash()).as("%s: head %s is not on the expected chain", context, head).isEqualTo(chain.hash(head.number()));
      assertThat(head.number()).as("%s: head went back from %d: a committed header was lost", context, before.head)
          .isGreaterThanOrEqualTo(before.head);
      Optional<Checkpoint> headers = store.checkpoint(HeadersStage.ID);
      Optional<Checkpoint> td = store.checkpoint(TotalDifficultyStage.ID);
      if (head.number() > SimulatedSync.FIRST) {
        assertThat(headers).as("%s: headers checkpoint with a head above the start", context).isPresent();
      }
      headers.ifPresent(cp -> assertThat(cp.number()).as("%s: headers checkpoint vs head %s", context, head)
          .isEqualTo(head.number()));
      long headersAt = headers.map(Checkpoint::number).orElse(SimulatedSync.FIRST);
      td.ifPresent(cp -> {
        assertThat(cp.number()).as("%s: total-difficulty checkpoint above the headers one", context).isLessThanOrEqualTo(headersAt);
        assertThat(store.totalDifficulty(cp.number(), chain.hash(cp.number())))
            .as("%s: total difficulty at its checkpoint %d", context, cp.number()).contains(chain.totalDifficulty(cp.number()));
      });
      Optional<ReverseProgress> walk = headers.flatMap(cp -> ReverseProgress.decode(HeadersStage.ID, cp.number(), cp.extra()));
      if (walk.isEmpty()) {
        return new State(head.number(), -1, -1, tdAt);
      }
      ReverseProgress w = walk.get();
      assertThat(w.target().hash()).as("%s: walk target", context).isEqualTo(chain.hash(w.target().number()));
      assertThat(store.header(w.lowest().hash())).as("%s: the walk's lowest stored header %s", context, w.lowest()).isPresent();
      assertThat(w.lowest().hash()).as("%s: walk's lowest header", context).isEqualTo(chain.hash(w.lowest().number()));
      if (before.walkTop == w.target().number() && before.walkLowest >= 0 && head.number() == before.head) {
        assertThat(w.lowest().number()).as("%s: the stored walk shrank from %d", context, before.walkLowest)
            .isLessThanOrEqualTo(before.walkLowest);
      }
      return new State(head.number(), w.lowest().number(), w.target().number(), tdAt);
    }
  }

  /**
   * Reads the log's last life: no request of it covers a block at or below the head it began at,
   * nor one of the reverse walk it found stored.
   */
  private static void checkNoCommittedRangeAskedAgain(Path log, String context) throws IOException {
    List<String> lines = Files.readAllLines(log);
    int start = -1;
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("start ")) {
        start = i;
        break;
      }
    }
    assertThat(start).as("%s: the life logged its start", context).isGreaterThanOrEqualTo(0);
    String[] s = lines.get(start).split(" ");
    long head = Long.parseLong(s[1]);
    long walkLowest = s.length > 2 ? Long.parseLong(s[2]) : -1;
    long walkTop = s.length > 2 ? Long.parseLong(s[3]) : -1;
    List<String> again = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (!line.startsWith("req ") || line.startsWith("req ?")) {
        continue;
      }
      String[] r = line.split(" ");
      long first = Long.parseLong(r[1]);
      long last = Long.parseLong(r[2]);
      boolean belowHead = first <= head;
      boolean inWalk = walkLowest >= 0 && first <= walkTop && last >= walkLowest;
      if (belowHead || inWalk) {
        again.add(line);
      }
    }
    assertThat(again).as("%s: requests for committed blocks (life started at %s)", context, lines.get(start)).isEmpty();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** A {@link CrashChild} in its own JVM on this test's class path. */
  private record Child(Process process, Path log, Path output, int linesBefore) {

    static Child start(Strategy strategy, Path datadir, Path log) throws IOException {
      int linesBefore = Files.exists(log) ? Files.readAllLines(log).size() : 0;
      Path output = log.resolveSibling(log.getFileName() + ".out");
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
          System.getProperty("java.class.path"), CrashChild.class.getName(), strategy.name(), datadir.toString(),
          log.toString());
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
      return new Child(p, log, output, linesBefore);
    }

    /** Waits until this life's log has a line starting with {@code word} written after it started. */
    void awaitLine(String word, String context) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        if (Files.exists(log)) {
          List<String> lines = Files.readAllLines(log);
          for (int i = linesBefore; i < lines.size(); i++) {
            if (lines.get(i).startsWith(word)) {
              return;
            }
          }
        }
        if (!process.isAlive()) {
          return;
        }
        Thread.sleep(2);
      }
      throw new AssertionError(context + ": no '" + word + "' line within 60 s; log ends:\n" + tail(log));
    }

    /** Nanoseconds from the life's start line to its stop line, as seen from here. */
    long syncDuration(String context) throws IOException, InterruptedException {
      awaitLine("start", context);
      long t = System.nanoTime();
      awaitLine("stopped", context);
      return System.nanoTime() - t;
    }

    void awaitSuccess(String context) throws InterruptedException, IOException {
      boolean ended = process.waitFor(120, SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      assertThat(ended && process.exitValue() == 0)
          .as("%s: sync %s; its log ends:%n%s%nits output:%n%s", context, ended ? "exited " + process.exitValue() : "hung",
              tail(log), tail(output))
          .isTrue();
    }

    private static String tail(Path file) throws IOException {
      if (!Files.exists(file)) {
        return "(none)";
      }
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
  }
}
