package io.headersync.testkit.reverse;

import static io.headersync.testkit.scenario.ScenarioAssertions.assertFaultyPeersPenalised;
import static io.headersync.testkit.scenario.ScenarioAssertions.assertSyncedToTheExpectedChain;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.download.reverse.ReverseHeaderDownloader;
import io.headersync.testkit.scenario.Scenario;
import io.headersync.testkit.scenario.ScenarioRun;
import io.headersync.testkit.sim.Seeds;
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

  private static ScenarioRun<ReverseHeaderDownloader> run(long seed, Scenario scenario) {
    ScenarioRun<ReverseHeaderDownloader> run = ScenarioRun.run(ReverseFixture.INSTANCE, seed, scenario);
    assertSyncedToTheExpectedChain(run, "");
    for (ScenarioRun.Life<ReverseHeaderDownloader> life : run.lives) {
      DownloaderStats stats = life.downloader().stats();
      assertThat(stats.peakBufferedHeaders()).as("%s peak buffered headers", run.label())
          .isLessThanOrEqualTo(stats.bufferLimitHeaders());
      assertThat(stats.bufferLimitHeaders()).isEqualTo(ReverseFixture.CONFIG.maxBufferedHeaders());
    }
    return run;
  }

  @Test
  void honestPeersOnly() {
    Seeds.forEach(1_000, SEEDS, seed -> {
      ScenarioRun<ReverseHeaderDownloader> run = run(seed, Scenario.HONEST);
      DownloaderStats stats = run.lives.getFirst().downloader().stats();
      assertThat(stats.responsesRejected()).as("seed %d rejections", seed).isZero();
      assertThat(stats.peakBufferedHeaders()).as("seed %d buffer used", seed).isPositive();
    });
  }

  @Test
  void halfThePeersAdversarial() {
    int[] faultyAsked = new int[1];
    Seeds.forEach(2_000, SEEDS, seed -> faultyAsked[0] += assertFaultyPeersPenalised(run(seed, Scenario.ADVERSARIAL), ""));
    assertThat(faultyAsked[0]).as("over all seeds, most faulty peers were put to the test").isGreaterThanOrEqualTo(SEEDS * 6);
  }

  @Test
  void theTipReorganisesDuringTheSync() {
    Seeds.forEach(3_000, SEEDS, seed -> {
      ScenarioRun<ReverseHeaderDownloader> run = run(seed, Scenario.REORG);
      assertThat(run.store.header(ReverseFixture.CHAIN.head().hash()).isEmpty()
          || !run.store.isCanonical(ReverseFixture.CHAIN.head().hash())).as("seed %d: old tip not canonical", seed).isTrue();
    });
  }

  @Test
  void aRestartMidSyncResumesWithoutDownloadingCommittedHeadersAgain() {
    int[] resumed = new int[1];
    Seeds.forEach(4_000, SEEDS, seed -> {
      ScenarioRun<ReverseHeaderDownloader> run = run(seed, Scenario.RESTART);
      assertThat(run.committedRangesAskedAgain()).as("seed %d: restarted at %s", seed, run.restartAt).isEmpty();
      if (run.lives.size() > 1 && run.lives.get(1).resumedFrom().isPresent()) {
        resumed[0]++;
      }
    });
    assertThat(resumed[0]).as("restarts that found a stored walk to resume").isGreaterThanOrEqualTo(SEEDS / 5);
  }
}
