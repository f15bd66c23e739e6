package io.headersync.node.rpc.server;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A token bucket per IP address: {@code burst} calls at once, refilled at {@code perSecond}.
 * Addresses, not connections, because a client can open connections freely. The table of
 * addresses is bounded; the least recently seen address is forgotten first.
 *
 * <p>Thread-safe (one lock; each call is a few arithmetic operations). Time comes from the
 * injected nanosecond clock.
 */
public final class RateLimiter {

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Map<InetAddress, Bucket> buckets;

  private static final class Bucket {
    double tokens;
    long lastNanos;
  }

  /** @param perSecond refill rate; 0 disables the limit */
  public RateLimiter(double perSecond, int burst, int maxTrackedAddresses, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
        return size() > maxTrackedAddresses;
      }
    };
  }

  public static RateLimiter of(RpcLimits limits) {
    return new RateLimiter(limits.callsPerSecond(), limits.callBurst(), limits.maxTrackedAddresses(), System::nanoTime);
  }

  /** Takes {@code calls} tokens from {@code address}'s bucket; false (taking nothing) when it holds fewer. */
  public boolean tryAcquire(InetAddress address, int calls) {
    if (perSecond == 0) {
      return true;
    }
    long now = nanoTime.getAsLong();
    synchronized (buckets) {
      Bucket b = buckets.get(address);
      if (b == null) {
        b = new Bucket();
        b.tokens = burst;
        b.lastNanos = now;
        buckets.put(address, b);
      } else {
        double refill = (now - b.lastNanos) / 1e9 * perSecond;
        b.tokens = Math.min(burst, b.tokens + refill);
        b.lastNanos = now;
      }
      if (b.tokens < calls) {
        return false;
      }
      b.tokens -= calls;
      return true;
    }
  }

  public int trackedAddresses() {
    synchronized (buckets) {
      return buckets.size();
    }
  }
}
