package io.headersync.sync.peers;

import java.time.Duration;
import java.util.Objects;

/**
 * How peers earn and lose standing. Scores start at zero; a peer whose score falls below
 * {@code banThreshold} is disconnected and refused for {@code banDuration}.
 *
 * @param badMessageCost an undecodable message. Default 50: two and the peer is out, since a
 *     working client never sends one.
 * @param wrongDataCost a decodable answer to a different question (wrong origin, gaps, broken
 *     links, more than asked, or reported by a strategy as not fitting the chain). Default 25:
 *     four strikes, because a peer that reorganised mid-answer can send a stale link once or twice
 *     honestly.
 * @param timeoutCost no answer in time. Default 10: ten strikes, because slow links and overloaded
 *     peers are common and often temporary, and a slow peer is already ranked last by round-trip.
 * @param uselessResponseCost an empty answer. Default 5: twenty strikes, because an empty answer
 *     is legal when a peer lacks the blocks; only a peer that is persistently useless goes.
 * @param goodResponseReward added per good answer. Default 1: forgiveness is slow, one answer
 *     does not undo an offence.
 * @param maxScore the cap on rewards. Default 50: a peer cannot bank enough credit over a long
 *     honest run to absorb a burst of bad answers later (from 50, four wrong answers still leave
 *     it at -50, and six ban it).
 * @param banThreshold score below which a peer is banned. Default -100.
 * @param banDuration how long a ban lasts. Default 30 minutes: long enough that a bad peer does not
 *     come straight back and cost more requests, short enough that a peer that was only broken for
 *     a while (restarting, resyncing) gets another chance within one session.
 * @param maxRememberedPeers how many peers' scores and bans are kept, connected or not (the oldest
 *     are forgotten first). Default 4096: far more than a node keeps connected (tens), so a peer
 *     cannot launder its score by reconnecting, while the memory stays a few hundred KB.
 */
public record ReputationConfig(
    int badMessageCost,
    int wrongDataCost,
    int timeoutCost,
    int uselessResponseCost,
    int goodResponseReward,
    int maxScore,
    int banThreshold,
    Duration banDuration,
    int maxRememberedPeers) {

  public static final ReputationConfig DEFAULT =
      new ReputationConfig(50, 25, 10, 5, 1, 50, -100, Duration.ofMinutes(30), 4096);

  public ReputationConfig {
    Objects.requireNonNull(banDuration, "banDuration");
    if (badMessageCost < 0 || wrongDataCost < 0 || timeoutCost < 0 || uselessResponseCost < 0 || goodResponseReward < 0) {
      throw new IllegalArgumentException("costs and rewards are amounts and must not be negative");
    }
    if (maxScore < 0 || banThreshold >= 0) {
      throw new IllegalArgumentException("need maxScore >= 0 > banThreshold, got " + maxScore + " and " + banThreshold);
    }
    if (banDuration.isNegative() || maxRememberedPeers < 1) {
      throw new IllegalArgumentException("banDuration must not be negative and maxRememberedPeers must be positive");
    }
  }
}
