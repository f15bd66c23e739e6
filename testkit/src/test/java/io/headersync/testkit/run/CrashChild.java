package io.headersync.testkit.run;

import io.headersync.store.HeaderStore;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.controller.Strategy;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.stages.ReverseProgress;
import io.headersync.testkit.chain.HeaderChain;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One life of the crash test's on-disk sync, in its own JVM: {@code CrashChild STRATEGY DATADIR
 * LOGFILE}. It appends to the log file, one line each, flushed at once so that a SIGKILL loses
 * nothing written: {@code start HEAD [LOWEST TOP]} with the store's head (and a stored reverse
 * walk) as the life begins, then {@code req FIRST LAST} for every request (the block numbers it
 * covers; {@code req ? HASH} when a request by hash cannot be placed), then {@code stopped true|false} when the
 * sync stops and {@code done OK|FAILED reason} after the run's own audit. Exits 0 when the sync succeeded.
 */
public final class CrashChild {

  static final long HEADERS = 12_000;
  static final long SEED = 7;
  static final int COMMIT = 500;

  /** The run every life resumes: small commits so that a kill lands between many of them. */
  static SimulationSettings settings(Strategy strategy, Path datadir) {
    return SimulationSettings.DEFAULT.withStrategy(strategy).withPeers(4, 0).withHeaders(HEADERS).withSeed(SEED)
        .withLink(java.time.Duration.ofMillis(50), 4_000_000).withCheckpointCoverage(0.7)
        .withController(SimulationSettings.DEFAULT.controller().withCommitThreshold(COMMIT)).withDataDirectory(datadir);
  }

  private CrashChild() {}

  public static void main(String[] args) throws IOException {
    Strategy strategy = Strategy.valueOf(args[0]);
    Path datadir = Path.of(args[1]);
    SimulationSettings settings = settings(strategy, datadir);
    HeaderChain chain = SimulatedSync.chain(settings);
    try (PrintStream log = new PrintStream(new FileOutputStream(args[2], true), true, StandardCharsets.UTF_8)) {
      SimulationResult r = SimulatedSync.run(settings, new SimulatedSync.Hooks() {
        @Override
        public void started(HeaderStore store) {
          long head = store.head().orElseThrow().number();
          Optional<ReverseProgress> walk = store.checkpoint(HeadersStage.ID)
              .flatMap(cp -> ReverseProgress.decode(HeadersStage.ID, cp.number(), cp.extra()));
          log.println("start " + head + walk.map(w -> " " + w.lowest().number() + " " + w.target().number()).orElse(""));
        }

        @Override
        public void requested(HeadersRequest request) {
          OptionalLong origin = request.originNumber();
          if (origin.isEmpty() && request.origin() instanceof BlockOrigin.ByHash byHash) {
            origin = chain.numberOf(byHash.hash());
          }
          if (origin.isEmpty()) {
            log.println("req ? " + ((BlockOrigin.ByHash) request.origin()).hash());
            return;
          }
          long distance = (long) (request.limit() - 1) * (request.skip() + 1);
          long o = origin.getAsLong();
          log.println(request.reverse() ? "req " + Math.max(0, o - distance) + " " + o : "req " + o + " " + (o + distance));
        }

        @Override
        public void stopped(boolean synced) {
          log.println("stopped " + synced);
        }
      });
      log.println("done " + (r.succeeded() ? "OK" : "FAILED " + r.problems()));
      System.exit(r.succeeded() ? 0 : 1);
    }
  }
}
