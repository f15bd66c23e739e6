package io.headersync.sync.tip;

/**
 * A token bucket: {@code burst} tokens at most, one more every {@code refillNanos}. Each
 * announcement takes a token; one that finds none is over the limit.
 */
final class AnnouncementBudget {

  private final int burst;
  private final long refillNanos;
  private long tokens;
  private long lastRefill;

  AnnouncementBudget(int burst, long refillNanos, long now) {
    this.burst = burst;
    this.refillNanos = refillNanos;
    this.tokens = burst;
    this.lastRefill = now;
  }

  /** Takes a token if there is one. */
  boolean take(long now) {
    long earned = (now - lastRefill) / refillNanos;
    if (earned > 0) {
      tokens = Math.min(burst, tokens + earned);
      // Keep the remainder, so refills are not lost to rounding when tokens are taken often.
      lastRefill = tokens == burst ? now : lastRefill + earned * refillNanos;
    }
    if (tokens == 0) {
      return false;
    }
    tokens--;
    return true;
  }
}
