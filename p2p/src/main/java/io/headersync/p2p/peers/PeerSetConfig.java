package io.headersync.p2p.peers;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timings of a {@link PeerSet}.
 *
 * @param maxPeers sessions kept at once, trusted peers not counted. Default 50, geth's and Besu's
 *     default: a header syncer is limited by its own CPU long before fifty peers' answers, and each
 *     session costs a few hundred kilobytes of buffers
 * @param inboundRatio the share of {@code maxPeers} that sessions the remote opened may take
 *     (rounded up). Default 0.6, Besu's: inbound peers cannot fill the whole set, so the node
 *     always keeps room for peers it chose itself, which an attacker flooding us with connections
 *     does not control
 * @param dialConcurrency dials in progress at once. Default 8: a dial is a TCP connect, two ECDH
 *     operations and a Status exchange, well under a second on a healthy path; eight in flight fill
 *     a few slots a second without burying the two RLPx I/O threads under handshakes
 * @param dialInterval how often the dial loop looks for work when nothing else wakes it. Default
 *     1 s: a freed slot or a new candidate also wakes it at once, so this only paces retries
 * @param redialBackoff the wait before dialing a node again after a failed dial; it doubles with
 *     each failure in a row. Default 5 s: long enough that a node restarting is not hammered, short
 *     enough that a static peer that blinked is back within seconds
 * @param maxRedialBackoff the longest wait between dials of one node. Default 5 min: a static peer
 *     that is down for hours is still tried a dozen times an hour
 * @param maxCandidates discovered nodes remembered as dial candidates. Default 1,000: a few lookups'
 *     worth, about 200 KB; the oldest is forgotten first
 * @param candidateAttempts failed dials in a row after which a discovered node is forgotten (static
 *     and trusted peers never are). Default 3: a node that refuses three times is full, gone or on
 *     another chain
 */
public record PeerSetConfig(
    int maxPeers,
    double inboundRatio,
    int dialConcurrency,
    Duration dialInterval,
    Duration redialBackoff,
    Duration maxRedialBackoff,
    int maxCandidates,
    int candidateAttempts) {

  public static final PeerSetConfig DEFAULT = new PeerSetConfig(50, 0.6, 8, Duration.ofSeconds(1), Duration.ofSeconds(5),
      Duration.ofMinutes(5), 1_000, 3);

  public PeerSetConfig {
    Objects.requireNonNull(dialInterval, "dialInterval");
    Objects.requireNonNull(redialBackoff, "redialBackoff");
    Objects.requireNonNull(maxRedialBackoff, "maxRedialBackoff");
    if (maxPeers < 0) {
      throw new IllegalArgumentException("maxPeers must not be negative, got " + maxPeers);
    }
    if (!(inboundRatio >= 0 && inboundRatio <= 1)) {
      throw new IllegalArgumentException("inboundRatio must lie in [0, 1], got " + inboundRatio);
    }
    if (dialConcurrency < 1 || maxCandidates < 1 || candidateAttempts < 1) {
      throw new IllegalArgumentException("dialConcurrency, maxCandidates and candidateAttempts must be positive");
    }
    if (!positive(dialInterval) || !positive(redialBackoff) || maxRedialBackoff.compareTo(redialBackoff) < 0) {
      throw new IllegalArgumentException("dialInterval and redialBackoff must be positive and maxRedialBackoff at least "
          + "redialBackoff, got " + dialInterval + ", " + redialBackoff + ", " + maxRedialBackoff);
    }
  }

  /** The most inbound sessions kept: {@code ceil(maxPeers × inboundRatio)}. */
  public int maxInbound() {
    return (int) Math.ceil(maxPeers * inboundRatio);
  }

  public PeerSetConfig withMaxPeers(int value) {
    return new PeerSetConfig(value, inboundRatio, dialConcurrency, dialInterval, redialBackoff, maxRedialBackoff,
        maxCandidates, candidateAttempts);
  }

  public PeerSetConfig withInboundRatio(double value) {
    return new PeerSetConfig(maxPeers, value, dialConcurrency, dialInterval, redialBackoff, maxRedialBackoff,
        maxCandidates, candidateAttempts);
  }

  public PeerSetConfig withRedialBackoff(Duration first, Duration max) {
    return new PeerSetConfig(maxPeers, inboundRatio, dialConcurrency, dialInterval, first, max, maxCandidates,
        candidateAttempts);
  }

  public PeerSetConfig withDialInterval(Duration value) {
    return new PeerSetConfig(maxPeers, inboundRatio, dialConcurrency, value, redialBackoff, maxRedialBackoff,
        maxCandidates, candidateAttempts);
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
