package io.headersync.p2p.eth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the eth sub-protocol, one set for all sessions.
 *
 * @param versions the versions offered in Hello, highest preferred by the session's negotiation.
 *     Both eth/68 (still the version of most pre-merge and clique networks' clients) and eth/69
 * @param statusTimeout how long a peer may take to send its Status. 5 s: geth's handshake
 *     time-out; a peer slower than that on a fresh connection is not worth syncing from
 * @param maxInFlightRequests our requests one peer may have unanswered at once. 16: the request
 *     scheduler keeps its own, lower per-peer limit; this one only bounds the pending map should
 *     a caller misbehave
 * @param requestExpiry when a pending request is forgotten if its answer never came. 60 s: well
 *     past any time-out the request scheduler uses, so the scheduler has long given up; an answer
 *     after that counts as unsolicited
 * @param unsolicitedAllowance responses with an unknown request id (or replies to requests we
 *     never send) tolerated per session before the peer is dropped. 3: an answer that arrives just
 *     after its request expired is an accident; a steady stream is not
 * @param messageRate every message a peer sends. A burst of 1,000 and 300 a second: a busy
 *     mainnet peer gossiping transactions sends tens a second; ten times that is abuse
 * @param announcementRate announced blocks (NewBlockHashes entries, NewBlock, BlockRangeUpdate).
 *     A burst of 64 and 1 a second: a proof-of-work chain makes a block every 13 s and a clique
 *     chain every few seconds, so an honest peer stays far below; past it the peer is dropped
 * @param limits the decoders' caps
 */
public record EthConfig(
    List<EthVersion> versions,
    Duration statusTimeout,
    int maxInFlightRequests,
    Duration requestExpiry,
    int unsolicitedAllowance,
    RateLimit messageRate,
    RateLimit announcementRate,
    EthLimits limits) {

  /** A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}. */
  public record RateLimit(int burst, double perSecond) {
    public RateLimit {
      if (burst < 1 || !(perSecond > 0)) {
        throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive rate");
      }
    }
  }

  public static final EthConfig DEFAULT = new EthConfig(
      List.of(EthVersion.ETH68, EthVersion.ETH69),
      Duration.ofSeconds(5),
      16,
      Duration.ofSeconds(60),
      3,
      new RateLimit(1_000, 300),
      new RateLimit(64, 1),
      EthLimits.DEFAULT);

  public EthConfig {
    versions = List.copyOf(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("at least one eth version must be offered");
    }
    Objects.requireNonNull(statusTimeout, "statusTimeout");
    Objects.requireNonNull(requestExpiry, "requestExpiry");
    Objects.requireNonNull(messageRate, "messageRate");
    Objects.requireNonNull(announcementRate, "announcementRate");
    Objects.requireNonNull(limits, "limits");
    if (maxInFlightRequests < 1 || unsolicitedAllowance < 0) {
      throw new IllegalArgumentException("maxInFlightRequests must be positive and unsolicitedAllowance not negative");
    }
  }

  public EthConfig withVersions(List<EthVersion> value) {
    return new EthConfig(value, statusTimeout, maxInFlightRequests, requestExpiry, unsolicitedAllowance, messageRate,
        announcementRate, limits);
  }

  public EthConfig withRates(RateLimit messages, RateLimit announcements) {
    return new EthConfig(versions, statusTimeout, maxInFlightRequests, requestExpiry, unsolicitedAllowance, messages,
        announcements, limits);
  }
}
