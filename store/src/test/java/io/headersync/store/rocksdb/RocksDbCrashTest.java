package io.headersync.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.CloseableIterator;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreConsistency;
import io.headersync.store.testing.SyntheticChain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL at seeded random moments — while the JVM starts, while
 * the store opens or is created, mid-batch, mid-flush — and checks after each kill that the store
 * reopens consistent, that its checkpoint is exactly its head (the checkpoint's bytes name the head
 * hash), and that no batch the writer saw committed is lost. Then the writer finishes, and the
 * chain must equal one written without interruption.
 */
class RocksDbCrashTest {

  private static final long SEED = 20_240_601L;
  private static final long CHAIN_SEED = 5;
  private static final int KILLS = 22;
  private static final int BATCH = 200;
  /** Every this many kills lands at a random moment after spawning, often before the store is open. */
  private static final int EARLY_KILL_EVERY = 5;

  @TempDir
  Path dir;

  @Test
  void killedAtRandomMomentsTheStoreRestartsConsistentAndLosesNoCommittedBatch() throws Exception {
    Path db = dir.resolve("killed");
    SplittableRandom random = new SplittableRandom(SEED);
    Hash genesis = SyntheticChain.genesis(CHAIN_SEED).hash();
    long verifiedHead = -1;
    List<String> log = new ArrayList<>();

    for (int kill = 1; kill <= KILLS; kill++) {
      boolean early = kill % EARLY_KILL_EVERY == 0;
      long delayMs = early ? random.nextInt(900) : random.nextInt(250);
      Writer writer = Writer.start(db, -1, dir.resolve("stderr-" + kill + ".txt"));
      if (!early) {
        // From the first commit of this run on, the writer is mid-stream: batches, flushes, compactions.
        assertThat(writer.firstCommit.await(60, TimeUnit.SECONDS)).as("writer committing, kill " + kill).isTrue();
      }
      Thread.sleep(delayMs);
      Path stderr = dir.resolve("stderr-" + kill + ".txt");
      assertThat(writer.process.isAlive()).as("kill %d: the writer failed by itself: %s", kill, Files.readString(stderr)).isTrue();
      writer.process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no RocksDB close
      assertThat(writer.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      writer.output.join(10_000);
      long printed = writer.committed.get();

      try (HeaderStore store = RocksDbHeaderStore.open(db, genesis, CrashWriter.CONFIG)) {
        ConsistencyReport report = StoreConsistency.check(store, Math.max(0, verifiedHead - BATCH));
        assertThat(report.isConsistent()).as("kill %d: %s", kill, report).isTrue();
        Optional<BlockRef> head = store.head();
        Optional<Checkpoint> checkpoint = store.checkpoint(CrashWriter.STAGE);
        assertThat(checkpoint.isPresent()).as("kill %d: checkpoint present iff head present", kill).isEqualTo(head.isPresent());
        if (head.isPresent()) {
          assertThat(checkpoint.get().number()).as("kill %d: checkpoint = head", kill).isEqualTo(head.get().number());
          assertThat(checkpoint.get().extra()).as("kill %d: checkpoint names the head hash", kill).isEqualTo(head.get().hash().toArray());
        }
        long now = head.map(BlockRef::number).orElse(-1L);
        assertThat(now).as("kill %d: the writer saw %d committed", kill, printed).isGreaterThanOrEqualTo(printed);
        assertThat(now).as("kill %d: nothing committed earlier is lost", kill).isGreaterThanOrEqualTo(verifiedHead);
        log.add("kill " + kill + (early ? " (early)" : "") + " after " + delayMs + " ms: head " + now + ", writer printed " + printed);
        verifiedHead = now;
      }
    }
    System.out.println(String.join("\n", log));
    assertThat(verifiedHead).as("the writer made progress between kills: %s", log).isGreaterThan(0);

    long target = verifiedHead + 3 * BATCH + 17; // the resumed run has batches left to write, one of them partial
    Writer finish = Writer.start(db, target, dir.resolve("stderr-final.txt"));
    assertThat(finish.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(finish.process.exitValue()).as(Files.readString(dir.resolve("stderr-final.txt"))).isZero();

    Path reference = dir.resolve("uninterrupted");
    CrashWriter.run(reference, CHAIN_SEED, target, BATCH, n -> { }, n -> { });
    try (HeaderStore resumed = RocksDbHeaderStore.open(db, genesis, CrashWriter.CONFIG);
        HeaderStore straight = RocksDbHeaderStore.open(reference, genesis, CrashWriter.CONFIG)) {
      ConsistencyReport report = StoreConsistency.check(resumed);
      assertThat(report.isConsistent()).as(report.toString()).isTrue();
      assertThat(resumed.head()).isEqualTo(straight.head());
      assertThat(resumed.head().orElseThrow().number()).isEqualTo(target);
      assertThat(resumed.checkpoints()).isEqualTo(straight.checkpoints());
      Hash tip = resumed.head().orElseThrow().hash();
      assertThat(resumed.totalDifficulty(tip)).isEqualTo(straight.totalDifficulty(tip));
      try (CloseableIterator<BlockHeader> a = resumed.canonicalHeaders(0); CloseableIterator<BlockHeader> b = straight.canonicalHeaders(0)) {
        while (b.hasNext()) {
          assertThat(a.next().hash()).isEqualTo(b.next().hash());
        }
        assertThat(a.hasNext()).isFalse();
      }
      assertThat(resumed.body(resumed.canonicalHash(16).orElseThrow())).isPresent();
    }
  }

  /** A writer process and the thread reading what it prints. */
  private record Writer(Process process, Thread output, AtomicLong committed, CountDownLatch firstCommit) {

    static Writer start(Path db, long target, Path stderr) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path tmp = Files.createDirectories(db.resolveSibling("tmp"));
      List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
          "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp));
      nativeLibraryDir(tmp).ifPresent(d -> command.add("-Djava.library.path=" + d));
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
          db.toString(), Long.toString(CHAIN_SEED), Long.toString(target), Integer.toString(BATCH)));
      Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      AtomicLong committed = new AtomicLong(-1);
      CountDownLatch firstCommit = new CountDownLatch(1);
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("committed ")) {
              committed.set(Long.parseLong(line.substring(10)));
              firstCommit.countDown();
            }
          }
        } catch (IOException e) {
          // the pipe breaks when the process is killed; what was read so far is what counts
        }
      }, "crash-writer-output");
      reader.setDaemon(true);
      reader.start();
      return new Writer(p, reader, committed, firstCommit);
    }

    /**
     * RocksDB extracts its 15 MB native library to the temp folder at every start and deletes it
     * at exit, which a killed process never reaches; extracting it once and pointing the writers
     * at it saves that time and that litter. Empty where the jar has no such library (then each
     * writer extracts its own into the test's temp folder).
     */
    static Optional<Path> nativeLibraryDir(Path tmp) throws IOException {
      String name = "librocksdbjni-linux64.so";
      Path lib = tmp.resolve("native").resolve(name);
      if (Files.exists(lib)) {
        return Optional.of(lib.getParent());
      }
      if (!System.getProperty("os.name").startsWith("Linux") || !System.getProperty("os.arch").equals("amd64")) {
        return Optional.empty();
      }
      try (var in = org.rocksdb.RocksDB.class.getResourceAsStream("/" + name)) {
        if (in == null) {
          return Optional.empty();
        }
        Files.createDirectories(lib.getParent());
        Files.copy(in, lib);
      }
      return Optional.of(lib.getParent());
    }
  }
}
