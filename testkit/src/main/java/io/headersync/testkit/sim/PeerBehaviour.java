package io.headersync.testkit.sim;

import io.headersync.testkit.chain.HeaderChain;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated peer departs from an honest one. A peer has a list of behaviours; per-request
 * ones are applied to each answer in list order, so they compose (a slow peer that also answers
 * partially; a peer that corrupts a byte only sometimes, with {@link Sometimes}). Header-specific
 * ones (corrupting, reordering, gaps, extras) leave bodies answers alone.
 */
public sealed interface PeerBehaviour {

  /** Answers what it is asked, within its serve limits. */
  record Honest() implements PeerBehaviour {}

  /** Every answer takes {@code extraDelay} longer. */
  record Slow(Duration extraDelay) implements PeerBehaviour {
    public Slow {
      Objects.requireNonNull(extraDelay, "extraDelay");
    }
  }

  /** Never answers. */
  record Stalls() implements PeerBehaviour {}

  /** Answers with nothing. */
  record AnswersEmpty() implements PeerBehaviour {}

  /** Answers with the first {@code fraction} of the honest answer (at least one item). */
  record AnswersPartially(double fraction) implements PeerBehaviour {
    public AnswersPartially {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("fraction must lie strictly between 0 and 1, got " + fraction);
      }
    }
  }

  /**
   * Serves {@code fork} instead of the network's chain while claiming {@code claimedTotalDifficulty}
   * (more work than it has, to attract a syncer).
   */
  record ServesFork(HeaderChain fork, BigInteger claimedTotalDifficulty) implements PeerBehaviour {
    public ServesFork {
      Objects.requireNonNull(fork, "fork");
      Objects.requireNonNull(claimedTotalDifficulty, "claimedTotalDifficulty");
    }
  }

  /** Flips one byte inside a 32-byte root of one header of each answer (the header still decodes). */
  record CorruptsHeaderByte() implements PeerBehaviour {}

  /**
   * Adds a transaction to one body of each bodies answer (chosen at random), so that body no longer
   * matches its header's transactions root; the answer is otherwise honest.
   */
  record CorruptsBody() implements PeerBehaviour {}

  /** Shuffles each answer (never leaving an answer of two or more in its original order). */
  record OutOfOrder() implements PeerBehaviour {}

  /** Drops one header after the first from each answer of three or more. */
  record LeavesGaps() implements PeerBehaviour {}

  /** Adds {@code extra} headers past the requested limit, continuing the pattern. */
  record MoreThanAsked(int extra) implements PeerBehaviour {
    public MoreThanAsked {
      if (extra < 1) {
        throw new IllegalArgumentException("extra must be positive, got " + extra);
      }
    }
  }

  /** Sends an answer the transport cannot decode. */
  record SendsMalformed() implements PeerBehaviour {}

  /** Sends {@code perBurst} announcements of unknown blocks above its head every {@code interval}. */
  record FloodsAnnouncements(Duration interval, int perBurst) implements PeerBehaviour {
    public FloodsAnnouncements {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero() || perBurst < 1) {
        throw new IllegalArgumentException("interval and perBurst must be positive");
      }
    }
  }

  /** Answers its first {@code answered} requests, then disconnects half-way through the next one. */
  record DisconnectsMidRequest(int answered) implements PeerBehaviour {
    public DisconnectsMidRequest {
      if (answered < 0) {
        throw new IllegalArgumentException("answered must not be negative");
      }
    }
  }

  /** Connects {@code after} the simulation starts instead of at once. */
  record JoinsLate(Duration after) implements PeerBehaviour {
    public JoinsLate {
      Objects.requireNonNull(after, "after");
    }
  }

  /**
   * {@code after} connecting, switches to serving {@code newChain} (a fork of its chain near the
   * tip, typically) and announces its new head.
   */
  record ChangesHead(Duration after, HeaderChain newChain) implements PeerBehaviour {
    public ChangesHead {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(newChain, "newChain");
    }
  }

  /** Applies {@code behaviour} to each answer with probability {@code probability}. */
  record Sometimes(double probability, PeerBehaviour behaviour) implements PeerBehaviour {
    public Sometimes {
      Objects.requireNonNull(behaviour, "behaviour");
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("probability must lie in [0, 1], got " + probability);
      }
    }
  }
}
