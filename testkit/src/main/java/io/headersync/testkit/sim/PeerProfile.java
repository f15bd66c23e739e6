package io.headersync.testkit.sim;

import io.headersync.sync.api.Capability;
import java.time.Duration;
import java.util.Objects;

/**
 * A simulated peer's link and protocol. An answer of {@code b} bytes arrives
 * {@code latency + b / bytesPerSecond} after its request (plus up to {@code jitter}, drawn from
 * the seeded stream); answers to one peer share its link, so they queue behind each other.
 *
 * @param latency round-trip time of an empty exchange
 * @param jitter the most extra delay added at random to one answer
 * @param bytesPerSecond the link's bandwidth towards us
 * @param limits what the peer puts in one answer
 * @param protocol eth/68 (claims head and total difficulty) or eth/69 (claims a block range)
 * @param wireCopies whether answers carry headers decoded afresh from their encoded bytes when they
 *     are delivered, as a transport hands them over, instead of the chain's own objects: the
 *     receiver then pays for decoding and hashing each header, as over a real network
 */
public record PeerProfile(Duration latency, Duration jitter, long bytesPerSecond, ServeLimits limits, Capability protocol,
    boolean wireCopies) {

  public PeerProfile(Duration latency, Duration jitter, long bytesPerSecond, ServeLimits limits, Capability protocol) {
    this(latency, jitter, bytesPerSecond, limits, protocol, false);
  }

  public PeerProfile {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(protocol, "protocol");
    if (latency.isNegative() || jitter.isNegative() || bytesPerSecond < 1) {
      throw new IllegalArgumentException("latency and jitter must not be negative, bandwidth must be positive");
    }
  }

  /** 80 ms round trip, up to 20 ms jitter, 2 MB/s, default limits, eth/68. */
  public static PeerProfile typical() {
    return new PeerProfile(Duration.ofMillis(80), Duration.ofMillis(20), 2_000_000, ServeLimits.DEFAULT, Capability.ETH_68);
  }

  public PeerProfile withLatency(Duration value) {
    return new PeerProfile(value, jitter, bytesPerSecond, limits, protocol, wireCopies);
  }

  public PeerProfile withJitter(Duration value) {
    return new PeerProfile(latency, value, bytesPerSecond, limits, protocol, wireCopies);
  }

  public PeerProfile withBandwidth(long value) {
    return new PeerProfile(latency, jitter, value, limits, protocol, wireCopies);
  }

  public PeerProfile withLimits(ServeLimits value) {
    return new PeerProfile(latency, jitter, bytesPerSecond, value, protocol, wireCopies);
  }

  public PeerProfile eth69() {
    return new PeerProfile(latency, jitter, bytesPerSecond, limits, Capability.ETH_69, wireCopies);
  }

  public PeerProfile withWireCopies(boolean value) {
    return new PeerProfile(latency, jitter, bytesPerSecond, limits, protocol, value);
  }

  /** Time to send {@code bytes} over this link, in nanoseconds. */
  long transmitNanos(long bytes) {
    return bytes / bytesPerSecond * 1_000_000_000L + bytes % bytesPerSecond * 1_000_000_000L / bytesPerSecond;
  }
}
