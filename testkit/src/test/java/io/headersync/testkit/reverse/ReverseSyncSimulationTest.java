package io.headersync.testkit.reverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.store.Checkpoint;
import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.stages.Pipeline;
import io.headersync.sync.stages.TotalDifficultyStage;
import io.headersync.testkit.reverse.ReverseSyncRun.Scenario;
import io.headersync.testkit.sim.Seeds;
import io.headersync.testkit.sim.SimulatedPeer;
import org.junit.jupiter.api.Test;

/**
 * The reverse download, headers stage and total-difficulty stage over a simulated network, 50
 * seeds per scenario. Every run must end with the store's canonical chain equal to the expected
 * one (checked block by block), total difficulty filled, the store consistent, no header outside
 * the valid chains ever written, the buffer limit held throughout, and, with adversarial peers,
 * every faulty peer that was asked anything penalised.
 */
class ReverseSyncSimulationTest {

  private static final int SEEDS = Integer.getInteger("headersync.sim.seeds", 50);

  private static void assertSynced(ReverseSyncRun run) {
    String seed = "seed " + run.seed + " (" + run.scenario + ")";
    assertThat(run.pipeline.state()).as("%s pipeline state; failure %s; trace %s", seed, run.pipeline.failure(),
        run.net.trace().recent()).isEqualTo(Pipeline.State.DONE);
    assertThat(run.canonicalMismatch()).as("%s canonical chain", seed).isEmpty();
    assertThat(run.headTotalDifficulty()).as("%s head total difficulty", seed)
        .contains(run.expected.totalDifficulty(run.expected.headNumber()));
    assertThat(run.checkpoint(HeadersStage.ID)).as(seed).contains(Checkpoint.at(run.expected.headNumber()));
    assertThat(run.checkpoint(TotalDifficultyStage.ID)).as(seed).contains(Checkpoint.at(run.expected.headNumber()));
    assertThat(run.consistency().isConsistent()).as("%s store consistency %s", seed, run.consistency()).isTrue();
    assertThat(run.store.violations).as("%s headers written that are on no valid chain", seed).isEmpty();
    for (ReverseSyncRun.Life life : run.lives) {
      DownloaderStats stats = life.downloader().stats();
      assertThat(stats.peakBufferedHeaders()).as("%s peak buffered headers", seed).isLessThanOrEqualTo(stats.bufferLimitHeaders());
      assertThat(stats.bufferLimitHeaders()).isEqualTo(ReverseSyncRun.CONFIG.maxBufferedHeaders());
    }
  }

  @Test
  void honestPeersOnly() {
    Seeds.forEach(1_000, SEEDS, seed -> {
      ReverseSyncRun run = ReverseSyncRun.run(seed, Scenario.HONEST);
      assertSynced(run);
      assertThat(run.lives.getFirst().downloader().stats().responsesRejected()).as("seed %d rejections", seed).isZero();
      assertThat(run.lives.getFirst().downloader().stats().peakBufferedHeaders()).as("seed %d buffer used", seed).isPositive();
    });
  }

  @Test
  void halfThePeersAdversarial() {
    int[] faultyAsked = new int[1];
    Seeds.forEach(2_000, SEEDS, seed -> {
      ReverseSyncRun run = ReverseSyncRun.run(seed, Scenario.ADVERSARIAL);
      assertSynced(run);
      for (SimulatedPeer p : run.faultyPeersAsked()) {
        assertThat(run.penalised(p)).as("seed %d: faulty peer %s was asked %d times and has score %d", seed, p.id(),
            p.requestsReceived(), run.scheduler.reputation().score(p.id())).isTrue();
      }
      assertThat(run.faultyPeersAsked()).as("seed %d: faulty peers asked", seed).hasSizeGreaterThanOrEqualTo(4);
      faultyAsked[0] += run.faultyPeersAsked().size();
    });
    assertThat(faultyAsked[0]).as("over all seeds, most faulty peers were put to the test")
        .isGreaterThanOrEqualTo(SEEDS * 6);
  }

  @Test
  void theTipReorganisesDuringTheSync() {
    Seeds.forEach(3_000, SEEDS, seed -> {
      ReverseSyncRun run = ReverseSyncRun.run(seed, Scenario.REORG);
      assertSynced(run);
      assertThat(run.store.header(ReverseSyncRun.CHAIN.head().hash()).isEmpty()
          || !run.store.isCanonical(ReverseSyncRun.CHAIN.head().hash())).as("seed %d: old tip not canonical", seed).isTrue();
    });
  }

  @Test
  void aRestartMidSyncResumesWithoutDownloadingCommittedHeadersAgain() {
    int[] resumed = new int[1];
    Seeds.forEach(4_000, SEEDS, seed -> {
      ReverseSyncRun run = ReverseSyncRun.run(seed, Scenario.RESTART);
      assertSynced(run);
      assertThat(run.committedRangesAskedAgain()).as("seed %d: restarted at %s", seed, run.restartAt).isEmpty();
      if (run.lives.size() > 1 && run.lives.get(1).resumedFrom().isPresent()) {
        resumed[0]++;
      }
    });
    assertThat(resumed[0]).as("restarts that found a stored walk to resume").isGreaterThanOrEqualTo(SEEDS / 5);
  }
}
