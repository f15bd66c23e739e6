package io.headersync.sync.tip;

import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.PeerId;

/** What one peer claims its head is, when it last moved, and how much it may still announce. */
final class PeerTip {

  static final long NEVER = Long.MIN_VALUE;

  final PeerId peer;
  final AnnouncementBudget budget;
  Hash hash;
  /** The head's number; -1 while unknown (an eth/68 Status names only the hash). */
  long number = -1;
  long lastAdvance;
  long droppedSinceReport;
  long lastReport = NEVER;

  PeerTip(PeerId peer, AnnouncementBudget budget, long now) {
    this.peer = peer;
    this.budget = budget;
    this.lastAdvance = now;
  }

  boolean hasNumber() {
    return number >= 0;
  }

  /**
   * An announced block: taken when it is higher than the head, or another block at the same height
   * (a reorganisation at the tip). Answers whether the head moved.
   */
  boolean announce(Hash newHash, long newNumber, long now) {
    if (newNumber > number || (newNumber == number && !newHash.equals(hash))) {
      hash = newHash;
      number = newNumber;
      lastAdvance = now;
      return true;
    }
    return false;
  }

  /**
   * The peer's own statement of its chain (Status, BlockRangeUpdate): it replaces the head even when
   * lower, as the peer knows its chain best; only a higher or different head counts as moving.
   * Answers whether anything changed.
   */
  boolean state(Hash newHash, long newNumber, long now) {
    if (announce(newHash, newNumber, now)) {
      return true;
    }
    if (newNumber < number) {
      hash = newHash;
      number = newNumber;
      return true;
    }
    return false;
  }

  boolean fresh(long now, long staleAfterNanos) {
    return now - lastAdvance <= staleAfterNanos;
  }
}
