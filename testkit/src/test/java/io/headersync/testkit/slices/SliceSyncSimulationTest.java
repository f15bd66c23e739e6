package io.headersync.testkit.slices;

import static io.headersync.testkit.scenario.ScenarioAssertions.assertFaultyPeersPenalised;
import static io.headersync.testkit.scenario.ScenarioAssertions.assertSyncedToTheExpectedChain;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.download.slices.SliceHeaderDownloader;
import io.headersync.sync.download.slices.SliceStats;
import io.headersync.testkit.scenario.Scenario;
import io.headersync.testkit.scenario.ScenarioRun;
import io.headersync.testkit.sim.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The slice downloader, headers stage and total-difficulty stage over a simulated network, 50
 * seeds per scenario. Every run must end with the store's canonical chain equal to the expected
 * one (checked block by block), total difficulty filled, the store consistent, no header outside
 * the valid chains ever written, the window and buffer limits held throughout (peaks, not end
 * states), and, with adversarial peers, every faulty peer that was asked anything penalised.
 */
class SliceSyncSimulationTest {

  private static final int SEEDS = Integer.getInteger("headersync.sim.seeds", 50);

  private static ScenarioRun<SliceHeaderDownloader> run(long seed, Scenario scenario) {
    ScenarioRun<SliceHeaderDownloader> run = ScenarioRun.run(SliceFixture.INSTANCE, seed, scenario);
    SliceHeaderDownloader last = run.lives.getLast().downloader();
    assertSyncedToTheExpectedChain(run, "window " + last.windowPicture() + "; stats " + last.sliceStats());
    for (ScenarioRun.Life<SliceHeaderDownloader> life : run.lives) {
      SliceStats slices = life.downloader().sliceStats();
      assertThat(slices.windowSliceLimit()).isEqualTo(6);
      assertThat(slices.peakWindowSlices()).as("%s peak window slices", run.label())
          .isLessThanOrEqualTo(slices.windowSliceLimit() + (int) Math.ceil(slices.forkHeaderLimit() / (double) SliceFixture.SLICE));
      assertThat(slices.peakForkHeaders()).as("%s peak fork probe", run.label()).isLessThanOrEqualTo(slices.forkHeaderLimit());
      DownloaderStats stats = life.downloader().stats();
      assertThat(stats.peakBufferedHeaders()).as("%s peak buffered headers", run.label())
          .isLessThanOrEqualTo(stats.bufferLimitHeaders());
    }
    return run;
  }

  /** Without a fork, the window alone holds headers: its own limit must hold, not just window plus fork. */
  private static void assertWindowAlone(ScenarioRun<SliceHeaderDownloader> run) {
    for (ScenarioRun.Life<SliceHeaderDownloader> life : run.lives) {
      SliceStats slices = life.downloader().sliceStats();
      assertThat(slices.peakWindowSlices()).as("seed %d peak window slices", run.seed).isLessThanOrEqualTo(slices.windowSliceLimit());
      assertThat(slices.peakWindowHeaders()).as("seed %d peak window headers", run.seed).isLessThanOrEqualTo(slices.windowHeaderLimit());
    }
  }

  @Test
  void honestPeersOnly() {
    Seeds.forEach(11_000, SEEDS, seed -> {
      ScenarioRun<SliceHeaderDownloader> run = run(seed, Scenario.HONEST);
      assertWindowAlone(run);
      SliceStats stats = run.lives.getFirst().downloader().sliceStats();
      assertThat(run.lives.getFirst().downloader().stats().responsesRejected()).as("seed %d rejections %s", seed, stats).isZero();
      assertThat(stats.peakWindowSlices()).as("seed %d window used", seed).isEqualTo(stats.windowSliceLimit());
      assertThat(stats.unwinds()).as("seed %d unwinds", seed).isZero();
    });
  }

  @Test
  void halfThePeersAdversarial() {
    int[] faultyAsked = new int[1];
    int[] caughtByTheChain = new int[1];
    int[] disputesSettled = new int[1];
    Seeds.forEach(12_000, SEEDS, seed -> {
      ScenarioRun<SliceHeaderDownloader> run = run(seed, Scenario.ADVERSARIAL);
      faultyAsked[0] += assertFaultyPeersPenalised(run, "");
      assertThat(run.honestPeersBanned()).as("seed %d: honest peers banned", seed).isEmpty();
      SliceStats stats = run.lives.getFirst().downloader().sliceStats();
      caughtByTheChain[0] += stats.slicesInvalid() > 0 ? 1 : 0;
      disputesSettled[0] += stats.disputesSettled() > 0 ? 1 : 0;
    });
    assertThat(faultyAsked[0]).as("over all seeds, most faulty peers were put to the test").isGreaterThanOrEqualTo(SEEDS * 6);
    // Answers that pass the scheduler's own checks and only the chain shows to be wrong (forks,
    // a corrupt last header) must have reached the downloader's checks, in the preverified phase
    // and in the linear one.
    assertThat(caughtByTheChain[0]).as("runs where a slice was found wrong").isGreaterThanOrEqualTo(SEEDS / 2);
    assertThat(disputesSettled[0]).as("runs where a dispute between neighbours was settled").isGreaterThanOrEqualTo(SEEDS / 2);
  }

  @Test
  void theTipReorganisesDuringTheSync() {
    int[] unwound = new int[1];
    Seeds.forEach(13_000, SEEDS, seed -> {
      ScenarioRun<SliceHeaderDownloader> run = run(seed, Scenario.REORG);
      assertThat(run.store.isCanonical(SliceFixture.CHAIN.head().hash())).as("seed %d: old tip not canonical", seed).isFalse();
      SliceStats stats = run.lives.getFirst().downloader().sliceStats();
      if (stats.unwinds() > 0) {
        assertThat(stats.forksJoined()).as("seed %d: an unwind comes from a joined fork", seed).isPositive();
        unwound[0]++;
      }
    });
    // The reorg comes at a random moment: often after the old tip's branch was saved, so the
    // local chain is on the losing branch and must be unwound.
    assertThat(unwound[0]).as("runs where the saved chain was unwound to the new branch").isGreaterThanOrEqualTo(SEEDS / 4);
  }

  @Test
  void aRestartMidSyncResumesFromTheStoredHead() {
    int[] restarted = new int[1];
    Seeds.forEach(14_000, SEEDS, seed -> {
      ScenarioRun<SliceHeaderDownloader> run = run(seed, Scenario.RESTART);
      assertWindowAlone(run);
      assertThat(run.storedRangesAskedAgain()).as("seed %d: restarted at %s", seed, run.restartAt).isEmpty();
      if (run.lives.size() > 1 && run.lives.get(1).startHead() > SliceFixture.FIRST) {
        restarted[0]++;
      }
    });
    assertThat(restarted[0]).as("restarts that found stored headers to resume from").isGreaterThanOrEqualTo(SEEDS / 5);
  }
}
