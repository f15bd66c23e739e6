package io.headersync.p2p.discovery;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source IP: {@code rate} answers a second, bursts up to twice that. Bounded:
 * the least recently seen sources are forgotten first. Times are monotonic nanoseconds.
 */
final class SourceRateLimiter {

  private static final class Bucket {
    double tokens;
    long updated;
  }

  private final double ratePerNano;
  private final double burst;
  private final Map<InetAddress, Bucket> buckets;

  SourceRateLimiter(int perSecond, int capacity) {
    this.ratePerNano = perSecond / 1e9;
    this.burst = 2.0 * perSecond;
    this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Takes one token for {@code source}; false when it has none left. */
  boolean tryAcquire(InetAddress source, long now) {
    Bucket b = buckets.get(source);
    if (b == null) {
      b = new Bucket();
      b.tokens = burst;
      b.updated = now;
      buckets.put(source, b);
    }
    b.tokens = Math.min(burst, b.tokens + (now - b.updated) * ratePerNano);
    b.updated = now;
    if (b.tokens < 1) {
      return false;
    }
    b.tokens -= 1;
    return true;
  }
}
