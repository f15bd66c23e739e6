package io.headersync.p2p.eth;

import io.headersync.sync.time.TimeSource;

/** A token bucket on an injected clock. Not thread-safe: one session uses it from its own thread. */
final class TokenBucket {

  private final double capacity;
  private final double perNano;
  private final TimeSource clock;
  private double tokens;
  private long last;

  TokenBucket(EthConfig.RateLimit limit, TimeSource clock) {
    this.capacity = limit.burst();
    this.perNano = limit.perSecond() / 1e9;
    this.clock = clock;
    this.tokens = capacity;
    this.last = clock.nanoTime();
  }

  /** Takes {@code n} tokens if there are that many; false (taking none) when not. */
  boolean tryTake(int n) {
    long now = clock.nanoTime();
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    if (tokens < n) {
      return false;
    }
    tokens -= n;
    return true;
  }
}
