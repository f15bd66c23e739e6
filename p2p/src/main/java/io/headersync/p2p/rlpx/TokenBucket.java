package io.headersync.p2p.rlpx;

import java.util.function.LongSupplier;

/** A token bucket on an injected nanosecond clock. Not thread-safe: a session uses it on its event loop. */
final class TokenBucket {

  private final double capacity;
  private final double perNano;
  private final LongSupplier nanoClock;
  private double tokens;
  private long last;

  TokenBucket(RlpxConfig.RateLimit limit, LongSupplier nanoClock) {
    this.capacity = limit.burst();
    this.perNano = limit.perSecond() / 1e9;
    this.nanoClock = nanoClock;
    this.tokens = capacity;
    this.last = nanoClock.getAsLong();
  }

  /** Takes one token if there is one; false (taking none) when the bucket is empty. */
  boolean tryTake() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
