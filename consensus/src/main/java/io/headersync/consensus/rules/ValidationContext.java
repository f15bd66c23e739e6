package io.headersync.consensus.rules;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.BlobSchedule;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import java.math.BigInteger;
import java.util.Map;

/**
 * What a rule may know besides the header and its parent: the chain, with its fork schedule
 * flattened into arrays so that fork and blob-schedule questions cost a few comparisons and no
 * allocation (the {@link ChainSpec} accessors answer with {@code Optional}s and iterators), and
 * the total difficulty of the parent when the caller knows it.
 *
 * <p>Immutable. {@link #of(ChainSpec)} does the flattening once per chain;
 * {@link #withParentTotalDifficulty} shares it and costs one small object per header.
 */
public final class ValidationContext {

  private static final Fork[] FORKS = Fork.values();

  private final ChainSpec spec;
  private final Schedule schedule;
  private final BigInteger parentTotalDifficulty;

  private ValidationContext(ChainSpec spec, Schedule schedule, BigInteger parentTotalDifficulty) {
    this.spec = spec;
    this.schedule = schedule;
    this.parentTotalDifficulty = parentTotalDifficulty;
  }

  /** A context for {@code spec} in which the parent's total difficulty is unknown. */
  public static ValidationContext of(ChainSpec spec) {
    return new ValidationContext(spec, new Schedule(spec), null);
  }

  /** The same chain with the parent's total difficulty known ({@code null}: unknown). */
  public ValidationContext withParentTotalDifficulty(BigInteger parentTotalDifficulty) {
    if (parentTotalDifficulty != null && parentTotalDifficulty.signum() < 0) {
      throw new IllegalArgumentException("total difficulty cannot be negative: " + parentTotalDifficulty);
    }
    return new ValidationContext(spec, schedule, parentTotalDifficulty);
  }

  public ChainSpec spec() {
    return spec;
  }

  /** Total difficulty of the parent, or {@code null} when the caller does not know it. */
  public BigInteger parentTotalDifficulty() {
    return parentTotalDifficulty;
  }

  /** The chain's terminal total difficulty, or {@code null} for a chain that never merges. */
  public BigInteger terminalTotalDifficulty() {
    return schedule.ttd;
  }

  public boolean isScheduled(Fork fork) {
    return schedule.activation[fork.ordinal()] != Schedule.NEVER;
  }

  /** The block (or timestamp, for time-based forks) at which {@code fork} activates; {@code Long.MAX_VALUE} if never. */
  public long activation(Fork fork) {
    return schedule.activation[fork.ordinal()];
  }

  /** True when {@code fork} is active for a block of this number and timestamp. */
  public boolean isActive(Fork fork, long number, long timestamp) {
    long at = schedule.activation[fork.ordinal()];
    return at != Schedule.NEVER && (fork.timeBased() ? timestamp >= at : number >= at);
  }

  /** True when {@code fork} is active for {@code header}, by its own number or timestamp. */
  public boolean isActive(Fork fork, BlockHeader header) {
    return isActive(fork, header.number(), header.timestamp());
  }

  /** The blob schedule in force at {@code timestamp}, or {@code null} before the first one. */
  public BlobSchedule blobScheduleAt(long timestamp) {
    BlobSchedule current = null;
    long[] at = schedule.blobActivation;
    for (int i = 0; i < at.length; i++) {
      if (timestamp >= at[i]) {
        current = schedule.blobSchedules[i];
      }
    }
    return current;
  }

  /**
   * True when {@code header} must be a proof-of-stake block: the chain merged at genesis (terminal
   * total difficulty 0), the header is at or past a scheduled Paris block, a time-based fork
   * (all of which follow the merge) is active, or the parent's total difficulty reached the
   * terminal total difficulty. With the parent's total difficulty unknown on a chain that merges
   * later, the header's own difficulty is the only evidence left: zero reads as proof of stake.
   */
  public boolean isPostMerge(BlockHeader header) {
    Schedule s = schedule;
    if (s.mergedAtGenesis) {
      return true;
    }
    long paris = s.activation[Fork.PARIS.ordinal()];
    if (paris != Schedule.NEVER && header.number() >= paris) {
      return true;
    }
    if (s.firstTimeFork != Schedule.NEVER && header.timestamp() >= s.firstTimeFork) {
      return true;
    }
    if (s.ttd == null) {
      return false;
    }
    if (parentTotalDifficulty != null) {
      return parentTotalDifficulty.compareTo(s.ttd) >= 0;
    }
    return header.difficulty().signum() == 0;
  }

  /** The chain's fork schedule as flat arrays, computed once per chain. */
  private static final class Schedule {
    static final long NEVER = Long.MAX_VALUE;

    final long[] activation = new long[FORKS.length];
    final long firstTimeFork;
    final long[] blobActivation;
    final BlobSchedule[] blobSchedules;
    final BigInteger ttd;
    final boolean mergedAtGenesis;

    Schedule(ChainSpec spec) {
      long firstTime = NEVER;
      for (Fork fork : FORKS) {
        Long at = spec.forkActivations().get(fork);
        activation[fork.ordinal()] = at == null ? NEVER : at;
        if (at != null && fork.timeBased()) {
          firstTime = Math.min(firstTime, at);
        }
      }
      firstTimeFork = firstTime;
      int n = 0;
      for (Map.Entry<Fork, BlobSchedule> e : spec.blobSchedules().entrySet()) {
        if (spec.forkActivations().containsKey(e.getKey())) {
          n++;
        }
      }
      blobActivation = new long[n];
      blobSchedules = new BlobSchedule[n];
      int i = 0;
      // EnumMap iterates in fork order, so a later fork's schedule wins when several are active.
      for (Map.Entry<Fork, BlobSchedule> e : spec.blobSchedules().entrySet()) {
        Long at = spec.forkActivations().get(e.getKey());
        if (at != null) {
          blobActivation[i] = at;
          blobSchedules[i] = e.getValue();
          i++;
        }
      }
      ttd = spec.terminalTotalDifficulty();
      mergedAtGenesis = ttd != null && ttd.signum() == 0;
    }
  }
}
