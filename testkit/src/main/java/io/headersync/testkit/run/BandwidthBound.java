package io.headersync.testkit.run;

import io.headersync.testkit.sim.ServeLimits;
import java.time.Duration;

/**
 * The most headers per second a set of honest peers can deliver, whatever the strategy: the
 * network's own limit, which a run's rate is divided by.
 *
 * <p>The simulated link ({@code SimulatedPeer}): a request reaches the peer half a round trip
 * {@code L} after it is sent; the answer of {@code b} bytes takes {@code b / B} on the peer's link
 * of {@code B} bytes per second, behind the answers queued before it, and then the other half
 * round trip. A peer may hold {@code k} requests at once (the request scheduler's per-peer limit,
 * which real clients have too), and answers at most {@code H} headers: its serve limit of {@code
 * maxHeaders}, cut by {@code maxBytes} at {@code s} bytes a header.
 *
 * <p>For one peer, then, two things bound the rate, and the smaller wins:
 * <ul>
 *   <li>the link: {@code B / s} headers per second, however answers are scheduled;
 *   <li>the window: each request slot turns over at best once per {@code L + H·s/B} (a round trip
 *       plus one full answer's transmission, with nothing else queued on the link), carrying
 *       {@code H} headers, so {@code k·H / (L + H·s/B)}.
 * </ul>
 * The bound is the sum over honest peers of {@code min(B/s, k·H/(L + H·s/B))}. Adversarial peers
 * add nothing: their answers are wrong or useless. With jitter, its mean (half the most) is added
 * to {@code L}.
 *
 * <p>Example: 20 peers, {@code L} = 100 ms, {@code B} = 2 MB/s, {@code s} ≈ 610 bytes (Cancun),
 * {@code H} = 1024, {@code k} = 2: link 3,279 h/s, window 2·1024/(0.1 + 0.312) = 4,970 h/s; so
 * 3,279 per peer and 65,574 h/s in all. A strategy that asks for fewer headers per request than
 * {@code H} pays for it in the window term, which is the point of measuring against this bound.
 *
 * @param perPeer headers per second one honest peer can deliver
 * @param total the bound: {@code perPeer} times the honest peers
 * @param bytesPerHeader {@code s}, the chain's mean encoded header size
 * @param headersPerAnswer {@code H}
 * @param linkLimited whether the link term is the smaller one
 */
public record BandwidthBound(double perPeer, double total, double bytesPerHeader, int headersPerAnswer, boolean linkLimited) {

  /**
   * @param honestPeers peers serving the real chain
   * @param latency round-trip time {@code L}
   * @param jitter the most extra delay of one answer (its mean, half of it, is added to {@code L})
   * @param bytesPerSecond {@code B}
   * @param limits the peers' serve limits
   * @param bytesPerHeader {@code s}
   * @param requestsPerPeer {@code k}
   */
  public static BandwidthBound of(int honestPeers, Duration latency, Duration jitter, long bytesPerSecond, ServeLimits limits,
      double bytesPerHeader, int requestsPerPeer) {
    int h = (int) Math.max(1, Math.min(limits.maxHeaders(), Math.floor(limits.maxBytes() / bytesPerHeader)));
    double link = bytesPerSecond / bytesPerHeader;
    double roundTrip = (latency.toNanos() + jitter.toNanos() / 2.0) / 1e9;
    double window = requestsPerPeer * h / (roundTrip + h * bytesPerHeader / bytesPerSecond);
    double perPeer = Math.min(link, window);
    return new BandwidthBound(perPeer, perPeer * honestPeers, bytesPerHeader, h, link <= window);
  }
}
