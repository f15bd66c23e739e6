package io.headersync.testkit.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.store.Checkpoint;
import io.headersync.sync.stages.HeadersStage;
import io.headersync.sync.stages.Pipeline;
import io.headersync.sync.stages.TotalDifficultyStage;
import io.headersync.testkit.sim.SimulatedPeer;

/** What every strategy's run must show, whatever the scenario. */
public final class ScenarioAssertions {

  private ScenarioAssertions() {}

  /**
   * The pipeline finished; the canonical chain is the expected one block by block; total difficulty
   * is filled to the head; both checkpoints are at the head; the store is consistent; and no life
   * ever wrote a header off the valid chains (or, with the fixture's rules, breaking one).
   *
   * @param detail more to print when the pipeline did not finish (a strategy's window, say)
   */
  public static void assertSyncedToTheExpectedChain(ScenarioRun<?> run, Object detail) {
    String label = run.label();
    var recent = run.net.trace().recent();
    assertThat(run.pipeline.state()).as("%s pipeline state; failure %s; %s; trace %s", label, run.pipeline.failure(), detail,
        recent.subList(Math.max(0, recent.size() - 40), recent.size())).isEqualTo(Pipeline.State.DONE);
    assertThat(run.canonicalMismatch()).as("%s canonical chain", label).isEmpty();
    assertThat(run.headTotalDifficulty()).as("%s head total difficulty", label)
        .contains(run.expected.totalDifficulty(run.expected.headNumber()));
    assertThat(run.checkpoint(HeadersStage.ID)).as(label).contains(Checkpoint.at(run.expected.headNumber()));
    assertThat(run.checkpoint(TotalDifficultyStage.ID)).as(label).contains(Checkpoint.at(run.expected.headNumber()));
    assertThat(run.consistency().isConsistent()).as("%s store consistency %s", label, run.consistency()).isTrue();
    assertThat(run.invalidHeadersWritten()).as("%s headers written that are on no valid chain or break a rule", label).isEmpty();
  }

  /**
   * Every faulty peer put to the test is penalised, and at least four were put to it.
   *
   * @return how many were put to the test, for a suite's total over its seeds
   */
  public static int assertFaultyPeersPenalised(ScenarioRun<?> run, Object detail) {
    for (SimulatedPeer p : run.faultyPeersAsked()) {
      assertThat(run.penalised(p)).as("%s: faulty peer %s was asked %d times and has score %d; %s", run.label(), p.id(),
          p.requestsReceived(), run.scheduler.reputation().score(p.id()), detail).isTrue();
    }
    assertThat(run.faultyPeersAsked()).as("%s: faulty peers asked", run.label()).hasSizeGreaterThanOrEqualTo(4);
    return run.faultyPeersAsked().size();
  }
}
