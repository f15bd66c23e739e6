package io.headersync.testkit.skeleton;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.store.Checkpoint;
import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.download.skeleton.SkeletonHeaderDownloader;
import io.headersync.sync.download.skeleton.SkeletonStats;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.stages.Pipeline;
import io.headersync.sync.stages.TotalDifficultyStage;
import io.headersync.testkit.skeleton.SkeletonSyncRun.Scenario;
import io.headersync.testkit.sim.Seeds;
import io.headersync.testkit.sim.SimulatedPeer;
import org.junit.jupiter.api.Test;

/**
 * The skeleton download, headers stage and total-difficulty stage over a simulated network of a
 * proof-of-work chain, 50 seeds per scenario. Every run must end with the store's canonical chain
 * equal to the expected one (block by block), total difficulty filled, the store consistent, no
 * header ever written that breaks a rule or lies on no served chain, the link and anchor limits
 * held throughout, and, with adversarial peers, every faulty peer that was asked anything
 * penalised.
 */
class SkeletonSyncSimulationTest {

  private static final int SEEDS = Integer.getInteger("headersync.sim.seeds", 50);

  private static void assertSynced(SkeletonSyncRun run) {
    String seed = "seed " + run.seed + " (" + run.scenario + ")";
    assertThat(run.pipeline.state()).as("%s pipeline state; failure %s; trace %s", seed, run.pipeline.failure(),
        run.net.trace().recent()).isEqualTo(Pipeline.State.DONE);
    assertThat(run.canonicalMismatch()).as("%s canonical chain", seed).isEmpty();
    assertThat(run.headTotalDifficulty()).as("%s head total difficulty", seed)
        .contains(run.expected.totalDifficulty(run.expected.headNumber()));
    assertThat(run.checkpoint(HeadersStage.ID)).as(seed).contains(Checkpoint.at(run.expected.headNumber()));
    assertThat(run.checkpoint(TotalDifficultyStage.ID)).as(seed).contains(Checkpoint.at(run.expected.headNumber()));
    assertThat(run.consistency().isConsistent()).as("%s store consistency %s", seed, run.consistency()).isTrue();
    assertThat(run.store.violations).as("%s headers written that break a rule or lie on no served chain", seed).isEmpty();
    for (SkeletonHeaderDownloader life : run.lives) {
      DownloaderStats stats = life.stats();
      SkeletonStats skeleton = life.skeletonStats();
      assertThat(stats.bufferLimitHeaders()).isEqualTo(SkeletonSyncRun.CONFIG.linkLimit());
      assertThat(stats.peakBufferedHeaders()).as("%s peak pending links", seed).isLessThanOrEqualTo(stats.bufferLimitHeaders());
      assertThat(skeleton.peakPersistedLinks()).as("%s peak persisted links", seed).isLessThanOrEqualTo(skeleton.persistedLinkLimit());
      assertThat(skeleton.peakAnchors()).as("%s peak anchors", seed).isLessThanOrEqualTo(skeleton.anchorLimit());
    }
  }

  @Test
  void honestPeersOnly() {
    long[] evicted = new long[1];
    Seeds.forEach(11_000, SEEDS, seed -> {
      SkeletonSyncRun run = SkeletonSyncRun.run(seed, Scenario.HONEST);
      assertSynced(run);
      SkeletonHeaderDownloader d = run.lives.getFirst();
      assertThat(d.stats().responsesRejected()).as("seed %d rejections", seed).isZero();
      assertThat(d.skeletonStats().skeletonRequests()).as("seed %d skeletons", seed).isPositive();
      assertThat(d.skeletonStats().connected()).as("seed %d connections", seed).isPositive();
      assertThat(d.skeletonStats().unwindsRequested()).as("seed %d unwinds", seed).isZero();
      assertThat(run.lives.getFirst().skeletonStats().sideBranchPeersReported()).as("seed %d honest peers reported", seed).isZero();
      evicted[0] += d.skeletonStats().persistedLinksEvicted();
    });
    assertThat(evicted[0]).as("persisted links evicted over all seeds").isPositive();
  }

  @Test
  void halfThePeersAdversarial() {
    int[] faultyAsked = new int[1];
    Seeds.forEach(12_000, SEEDS, seed -> {
      SkeletonSyncRun run = SkeletonSyncRun.run(seed, Scenario.ADVERSARIAL);
      assertSynced(run);
      for (SimulatedPeer p : run.faultyPeersAsked()) {
        assertThat(run.penalised(p)).as("seed %d: faulty peer %s was asked %d times and has score %d; %s %s", seed, p.id(),
            p.requestsReceived(), run.scheduler.reputation().score(p.id()), run.lives.getFirst().skeletonStats(), run.pipeline.unwinds()).isTrue();
      }
      assertThat(run.faultyPeersAsked()).as("seed %d: faulty peers asked", seed).hasSizeGreaterThanOrEqualTo(4);
      faultyAsked[0] += run.faultyPeersAsked().size();
    });
    assertThat(faultyAsked[0]).as("over all seeds, most faulty peers were put to the test").isGreaterThanOrEqualTo(SEEDS * 6);
  }

  @Test
  void theTipReorganisesDuringTheSync() {
    Seeds.forEach(13_000, SEEDS, seed -> {
      SkeletonSyncRun run = SkeletonSyncRun.run(seed, Scenario.REORG);
      assertSynced(run);
      assertThat(run.store.isCanonical(SkeletonSyncRun.CHAIN.head().hash())).as("seed %d: old tip not canonical", seed).isFalse();
    });
  }

  @Test
  void aRestartMidSyncGoesOnFromTheStoredHead() {
    int[] restartedMidway = new int[1];
    Seeds.forEach(14_000, SEEDS, seed -> {
      SkeletonSyncRun run = SkeletonSyncRun.run(seed, Scenario.RESTART);
      assertSynced(run);
      if (run.lives.size() > 1) {
        long resumedFrom = run.startedAt.get(1);
        // The second life hands out exactly what the store lacked when it began: nothing twice.
        assertThat(run.lives.get(1).stats().headersHandedOut()).as("seed %d: resumed at #%d", seed, resumedFrom)
            .isEqualTo(run.expected.headNumber() - resumedFrom);
        if (resumedFrom > 0) {
          restartedMidway[0]++;
        }
      }
    });
    assertThat(restartedMidway[0]).as("restarts after some headers were committed").isGreaterThanOrEqualTo(SEEDS / 5);
  }
}
