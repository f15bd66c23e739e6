package io.headersync.sync.peers;

import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.time.TimeSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Scores and bans, kept by peer id so they survive a reconnect. Offences cost what {@link
 * ReputationConfig} says; good answers earn a capped reward; a score below the threshold bans the
 * peer until the ban expires, after which it starts again from zero.
 *
 * <p>Both tables are bounded ({@link ReputationConfig#maxRememberedPeers()}), forgetting the peer
 * heard from least recently. Not thread-safe: it lives on the sync event loop.
 */
public final class PeerReputation {

  /** The result of an offence: the new score, and whether the peer is now banned. */
  public record Penalty(int score, boolean banned) {}

  private final ReputationConfig config;
  private final TimeSource time;
  private final Predicate<PeerId> neverBan;
  private final Map<PeerId, Integer> scores;
  private final Map<PeerId, Long> bannedUntil;

  /**
   * @param neverBan peers that lose score like any other but are never banned (peers the operator
   *     pinned on purpose)
   */
  public PeerReputation(ReputationConfig config, TimeSource time, Predicate<PeerId> neverBan) {
    this.config = Objects.requireNonNull(config, "config");
    this.time = Objects.requireNonNull(time, "time");
    this.neverBan = Objects.requireNonNull(neverBan, "neverBan");
    this.scores = boundedMap(config.maxRememberedPeers());
    this.bannedUntil = boundedMap(config.maxRememberedPeers());
  }

  public PeerReputation(ReputationConfig config, TimeSource time) {
    this(config, time, peer -> false);
  }

  public int score(PeerId peer) {
    return scores.getOrDefault(peer, 0);
  }

  public int cost(Offence offence) {
    return switch (offence) {
      case BAD_MESSAGE -> config.badMessageCost();
      case WRONG_DATA -> config.wrongDataCost();
      case TIMEOUT -> config.timeoutCost();
      case USELESS_RESPONSE -> config.uselessResponseCost();
    };
  }

  /** Charges {@code offence} to {@code peer}, banning it when the score falls below the threshold. */
  public Penalty penalise(PeerId peer, Offence offence) {
    int score = score(peer) - cost(offence);
    scores.put(peer, score);
    if (score < config.banThreshold() && !neverBan.test(peer) && !isBanned(peer)) {
      ban(peer);
      return new Penalty(score, true);
    }
    return new Penalty(score, false);
  }

  /** Credits a good answer, up to the cap. */
  public void reward(PeerId peer) {
    int score = Math.min(config.maxScore(), score(peer) + config.goodResponseReward());
    scores.put(peer, score);
  }

  /** Bans {@code peer} for the configured duration from now, whatever its score. */
  public void ban(PeerId peer) {
    bannedUntil.put(peer, time.nanoTime() + config.banDuration().toNanos());
  }

  /** True while a ban is in force; an expired ban is lifted here and the score starts again at zero. */
  public boolean isBanned(PeerId peer) {
    Long until = bannedUntil.get(peer);
    if (until == null) {
      return false;
    }
    if (time.nanoTime() - until >= 0) {
      bannedUntil.remove(peer);
      scores.remove(peer);
      return false;
    }
    return true;
  }

  /** When the ban on {@code peer} ends, in {@link TimeSource} nanoseconds, if it is banned. */
  public Optional<Long> banExpiry(PeerId peer) {
    return isBanned(peer) ? Optional.of(bannedUntil.get(peer)) : Optional.empty();
  }

  /** Lifts a ban and forgets the score (an operator's decision). */
  public void pardon(PeerId peer) {
    bannedUntil.remove(peer);
    scores.remove(peer);
  }

  /** How many peers are remembered, for checking the memory bound. */
  public int rememberedPeers() {
    return Math.max(scores.size(), bannedUntil.size());
  }

  private static <V> Map<PeerId, V> boundedMap(int bound) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<PeerId, V> eldest) {
        return size() > bound;
      }
    };
  }
}
