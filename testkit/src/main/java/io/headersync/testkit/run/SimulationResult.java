package io.headersync.testkit.run;

import io.headersync.sync.controller.LimitCheck;
import io.headersync.sync.controller.Strategy;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link SimulatedSync} did, and whether it ended well.
 *
 * @param settings what was run
 * @param strategies the strategy of each leg, in order (AUTO may run slices, then reverse)
 * @param headers headers the run added to the canonical chain (from the head it began at)
 * @param startHead the canonical head the run began at (above the trusted start when resumed)
 * @param endHead the canonical head it ended at
 * @param synced whether the controller reached its target within the virtual time limit
 * @param virtualSeconds virtual time from the start of the sync to its end
 * @param cpuSeconds CPU time of the thread that ran the simulation, sync and simulated peers together
 * @param simulationSeconds of that, the CPU time spent making the synthetic chain the peers serve
 *     (see {@link MeteredChain}), which is the network's cost, not the sync's: the wall time
 *     measured inside the chain times the run thread's share of the CPU over the run ({@code
 *     cpuSeconds / wallSeconds}), so that a busy machine, which stretches wall time, does not
 *     inflate it
 * @param syncCpuSeconds {@code cpuSeconds - simulationSeconds}: what the sync itself cost
 * @param processCpuSeconds CPU time of the whole process over the run (store threads, GC included)
 * @param wallSeconds wall time of the run itself (not of making the chain before it, nor of the audit after)
 * @param headersPerVirtualSecond {@code headers / virtualSeconds}
 * @param bound the network's limit ({@link BandwidthBound})
 * @param ratio {@code headersPerVirtualSecond / bound.total()}
 * @param headersPerSyncCpuSecond {@code headers / syncCpuSeconds}
 * @param peakHeapMb the most heap used at any sample, in MiB
 * @param peakHeapAfterGcMb the most heap left by a collection, in MiB
 * @param badPeersBanned adversarial peers banned by the request scheduler
 * @param adversariesPenalised adversarial peers with a negative score or banned
 * @param wrongAnswerersAsked adversaries answering wrongly that were asked something
 * @param wrongAnswerersPenalised of those, the penalised
 * @param requestsSent requests the scheduler sent (retries included)
 * @param unwinds unwinds the pipelines performed
 * @param endedOnExpectedChain the head is the chain's head, sampled canonical hashes match it, and
 *     the store audit found nothing
 * @param audit what the store audit covered and found
 * @param invalidHeadersStored headers written that are not on the served chain
 * @param invalidHeaders up to ten of them, described
 * @param limits every configured memory limit with the most held
 * @param limitsHeld whether every one held throughout
 * @param failure why the sync stopped, when it failed
 */
public record SimulationResult(
    SimulationSettings settings,
    List<Strategy> strategies,
    long headers,
    long startHead,
    long endHead,
    boolean synced,
    double virtualSeconds,
    double cpuSeconds,
    double simulationSeconds,
    double syncCpuSeconds,
    double processCpuSeconds,
    double wallSeconds,
    double headersPerVirtualSecond,
    BandwidthBound bound,
    double ratio,
    double headersPerSyncCpuSecond,
    double peakHeapMb,
    double peakHeapAfterGcMb,
    int badPeersBanned,
    int adversariesPenalised,
    int wrongAnswerersAsked,
    int wrongAnswerersPenalised,
    long requestsSent,
    int unwinds,
    boolean endedOnExpectedChain,
    String audit,
    long invalidHeadersStored,
    List<String> invalidHeaders,
    List<LimitCheck> limits,
    boolean limitsHeld,
    Optional<String> failure) {

  public SimulationResult {
    strategies = List.copyOf(strategies);
    invalidHeaders = List.copyOf(invalidHeaders);
    limits = List.copyOf(limits);
  }

  /** The run synced to the expected chain, stored no invalid header and held every limit. */
  public boolean succeeded() {
    return synced && endedOnExpectedChain && invalidHeadersStored == 0 && limitsHeld;
  }

  /** Why the run did not succeed, in one line; empty when it did. */
  public String problems() {
    StringBuilder b = new StringBuilder();
    if (!synced) {
      b.append("not synced (head #").append(endHead).append(failure.map(f -> ", " + f).orElse(", virtual time limit reached"))
          .append("); ");
    }
    if (synced && !endedOnExpectedChain) {
      b.append("not on the expected chain: ").append(audit).append("; ");
    }
    if (invalidHeadersStored > 0) {
      b.append(invalidHeadersStored).append(" invalid headers stored, e.g. ").append(invalidHeaders).append("; ");
    }
    if (!limitsHeld) {
      b.append("limits exceeded: ").append(limits.stream().filter(l -> !l.held()).toList()).append("; ");
    }
    return b.isEmpty() ? "" : b.substring(0, b.length() - 2);
  }
}
