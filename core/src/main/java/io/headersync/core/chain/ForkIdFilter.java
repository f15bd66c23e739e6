package io.headersync.core.chain;

import java.util.Objects;

/**
 * Decides whether a remote peer's fork id is compatible with the local chain (EIP-2124's
 * validation rules), given the local head.
 *
 * <p>Both sides of a connection must reach the same verdict whatever their sync state, so a
 * peer that is merely behind or ahead is accepted, and only a peer that is provably on another
 * chain, or running software that missed a fork, is rejected.
 */
public final class ForkIdFilter {

  /**
   * Values of {@code next} above this are timestamps, not block numbers: no chain has reached
   * this many blocks, and it is the time Ethereum's first block was mined. It lets a node still
   * in block-numbered forks judge a peer that already announces a time-based one.
   */
  static final long TIMESTAMP_THRESHOLD = 1_438_269_988L;

  /** The verdict on a remote fork id; the rule numbers are those of EIP-2124. */
  public enum Outcome {
    /** Rule 1b: same forks passed; the remote's next fork, if any, is not yet passed locally. */
    SAME_FORKS(true),
    /** Rule 2: the remote has passed a prefix of our forks and knows the next one we passed. */
    REMOTE_SYNCING(true),
    /** Rule 3: the remote has passed forks we know but have not reached yet. */
    LOCAL_SYNCING(true),
    /** Rule 2, failed: the remote has passed a prefix of our forks and does not know the next one. */
    REMOTE_STALE(false),
    /**
     * Rule 1a or 4: the remote announces a fork we passed without it, or a fork history we do not
     * know at all (another chain, or local software that missed a fork).
     */
    LOCAL_INCOMPATIBLE_OR_STALE(false);

    private final boolean accepted;

    Outcome(boolean accepted) {
      this.accepted = accepted;
    }

    public boolean accepted() {
      return accepted;
    }
  }

  /** An outcome and a sentence saying why, for logs and disconnect reasons. */
  public record Verdict(Outcome outcome, String detail) {
    public Verdict {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(detail, "detail");
    }

    public boolean accepted() {
      return outcome.accepted();
    }
  }

  private final ForkSchedule schedule;
  private final String chain;

  public ForkIdFilter(ChainSpec spec) {
    this.schedule = ForkSchedule.of(spec);
    this.chain = spec.name();
  }

  /** The fork id this node announces at the given head. */
  public ForkId local(long headNumber, long headTime) {
    return ForkId.of(schedule, headNumber, headTime);
  }

  /** Judges {@code remote} against the local chain with its head at this number and time. */
  public Verdict validate(ForkId remote, long headNumber, long headTime) {
    long[] forks = schedule.all();
    int[] sums = schedule.checksums();
    int remoteHash = remote.hash();
    long remoteNext = remote.next();

    // The local position: how many forks the head has passed.
    int passed = 0;
    while (passed < forks.length && !after(forks[passed], schedule.timeBased(passed) ? headTime : headNumber)) {
      passed++;
    }
    // The clock that the next unpassed fork (or, past them all, the last kind of fork) runs on.
    boolean onTime = passed < forks.length ? schedule.timeBased(passed) : schedule.times().length > 0;
    long head = onTime ? headTime : headNumber;

    if (sums[passed] == remoteHash) {
      if (remoteNext != 0 && (Long.compareUnsigned(head, remoteNext) >= 0
          || (Long.compareUnsigned(remoteNext, TIMESTAMP_THRESHOLD) > 0 && Long.compareUnsigned(headTime, remoteNext) >= 0))) {
        return new Verdict(Outcome.LOCAL_INCOMPATIBLE_OR_STALE, "remote " + remote + " expects a fork at "
            + Long.toUnsignedString(remoteNext) + ", which the local " + chain + " head passed without it");
      }
      return new Verdict(Outcome.SAME_FORKS, "same forks passed");
    }
    for (int j = 0; j < passed; j++) {
      if (sums[j] == remoteHash) {
        if (forks[j] != remoteNext) {
          return new Verdict(Outcome.REMOTE_STALE, "remote " + remote + " is behind and does not know the " + chain
              + " fork at " + forks[j]);
        }
        return new Verdict(Outcome.REMOTE_SYNCING, "remote is behind, at the fork before " + forks[j]);
      }
    }
    for (int j = passed + 1; j < sums.length; j++) {
      if (sums[j] == remoteHash) {
        return new Verdict(Outcome.LOCAL_SYNCING, "remote is ahead, past the " + chain + " fork at " + forks[j - 1]);
      }
    }
    return new Verdict(Outcome.LOCAL_INCOMPATIBLE_OR_STALE, "remote " + remote + " matches no fork state of " + chain);
  }

  /** True when the fork at {@code at} is still ahead of {@code head}. */
  private static boolean after(long at, long head) {
    return Long.compareUnsigned(head, at) < 0;
  }
}
