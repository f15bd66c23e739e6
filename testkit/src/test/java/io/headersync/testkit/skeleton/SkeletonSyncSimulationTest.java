package io.headersync.testkit.skeleton;

import static io.headersync.testkit.scenario.ScenarioAssertions.assertFaultyPeersPenalised;
import static io.headersync.testkit.scenario.ScenarioAssertions.assertSyncedToTheExpectedChain;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.download.skeleton.SkeletonHeaderDownloader;
import io.headersync.sync.download.skeleton.SkeletonStats;
import io.headersync.testkit.scenario.Scenario;
import io.headersync.testkit.scenario.ScenarioRun;
import io.headersync.testkit.sim.Seeds;
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

  private static ScenarioRun<SkeletonHeaderDownloader> run(long seed, Scenario scenario) {
    ScenarioRun<SkeletonHeaderDownloader> run = ScenarioRun.run(SkeletonFixture.INSTANCE, seed, scenario);
    assertSyncedToTheExpectedChain(run, run.lives.getLast().downloader());
    for (ScenarioRun.Life<SkeletonHeaderDownloader> life : run.lives) {
      DownloaderStats stats = life.downloader().stats();
      SkeletonStats skeleton = life.downloader().skeletonStats();
      assertThat(stats.bufferLimitHeaders()).isEqualTo(SkeletonFixture.CONFIG.linkLimit());
      assertThat(stats.peakBufferedHeaders()).as("%s peak pending links", run.label())
          .isLessThanOrEqualTo(stats.bufferLimitHeaders());
      assertThat(skeleton.peakPersistedLinks()).as("%s peak persisted links", run.label())
          .isLessThanOrEqualTo(skeleton.persistedLinkLimit());
      assertThat(skeleton.peakAnchors()).as("%s peak anchors", run.label()).isLessThanOrEqualTo(skeleton.anchorLimit());
    }
    return run;
  }

  @Test
  void honestPeersOnly() {
    long[] evicted = new long[1];
    Seeds.forEach(11_000, SEEDS, seed -> {
      SkeletonHeaderDownloader d = run(seed, Scenario.HONEST).lives.getFirst().downloader();
      assertThat(d.stats().responsesRejected()).as("seed %d rejections", seed).isZero();
      assertThat(d.skeletonStats().skeletonRequests()).as("seed %d skeletons", seed).isPositive();
      assertThat(d.skeletonStats().connected()).as("seed %d connections", seed).isPositive();
      assertThat(d.skeletonStats().unwindsRequested()).as("seed %d unwinds", seed).isZero();
      assertThat(d.skeletonStats().sideBranchPeersReported()).as("seed %d honest peers reported", seed).isZero();
      evicted[0] += d.skeletonStats().persistedLinksEvicted();
    });
    assertThat(evicted[0]).as("persisted links evicted over all seeds").isPositive();
  }

  @Test
  void halfThePeersAdversarial() {
    int[] faultyAsked = new int[1];
    Seeds.forEach(12_000, SEEDS, seed -> {
      ScenarioRun<SkeletonHeaderDownloader> run = run(seed, Scenario.ADVERSARIAL);
      faultyAsked[0] += assertFaultyPeersPenalised(run,
          run.lives.getFirst().downloader().skeletonStats() + " " + run.pipeline.unwinds());
    });
    assertThat(faultyAsked[0]).as("over all seeds, most faulty peers were put to the test").isGreaterThanOrEqualTo(SEEDS * 6);
  }

  @Test
  void theTipReorganisesDuringTheSync() {
    Seeds.forEach(13_000, SEEDS, seed -> {
      ScenarioRun<SkeletonHeaderDownloader> run = run(seed, Scenario.REORG);
      assertThat(run.store.isCanonical(SkeletonFixture.CHAIN.head().hash())).as("seed %d: old tip not canonical", seed).isFalse();
    });
  }

  @Test
  void aRestartMidSyncGoesOnFromTheStoredHead() {
    int[] restartedMidway = new int[1];
    Seeds.forEach(14_000, SEEDS, seed -> {
      ScenarioRun<SkeletonHeaderDownloader> run = run(seed, Scenario.RESTART);
      if (run.lives.size() > 1) {
        long resumedFrom = run.lives.get(1).startHead();
        // The second life hands out exactly what the store lacked when it began: nothing twice.
        assertThat(run.lives.get(1).downloader().stats().headersHandedOut()).as("seed %d: resumed at #%d", seed, resumedFrom)
            .isEqualTo(run.expected.headNumber() - resumedFrom);
        if (resumedFrom > 0) {
          restartedMidway[0]++;
        }
      }
    });
    assertThat(restartedMidway[0]).as("restarts after some headers were committed, of %d seeds", SEEDS).isGreaterThanOrEqualTo(SEEDS / 5);
  }
}
