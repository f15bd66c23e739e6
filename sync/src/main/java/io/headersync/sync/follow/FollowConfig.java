package io.headersync.sync.follow;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link TipFollower}, each with the reason for its default.
 *
 * @param forkChoice how a branch is chosen; default {@link ForkChoiceRule#AUTO}: each branch is
 *     judged by the rule of its own era, so one follower serves a chain across the merge.
 * @param maxReorgDepth the most canonical blocks a reorganisation may replace, and so how far below
 *     the head the follower walks back by parent hash looking for a forking point. Default 128, twice
 *     64: after the merge a block more than two epochs (64 slots) old is finalised and cannot be
 *     reorganised away on a healthy network, and before it no reorganisation on mainnet came near
 *     that depth; the factor two leaves room for a network that finalises late. Deeper forks are a
 *     header sync's job ({@link SyncHandback}).
 * @param liveGapLimit the most blocks above the head a target may be for live download to close the
 *     gap; a target further ahead is handed back to the controller for a new header-sync leg.
 *     Default 256 (about 51 minutes of 12-second blocks): within the block downloader's range
 *     limit (1024) with room for a walk back, and where a bulk leg (skeleton, slices) starts to be
 *     faster than downloading full blocks one range at a time.
 * @param bodiesKept bodies of the newest canonical blocks kept in the store ({@code --bodies N});
 *     older ones are deleted as the head moves. Default 0: headers are what this node serves and
 *     bodies are checked against their header as they arrive, then dropped.
 * @param walkBackStep blocks asked for on the first step of a walk back below the head; each
 *     further step asks for as many as the walk is already deep, so a reorganisation of depth d
 *     takes about log2(d / step) + 1 round trips. Default 16: nearly every real reorganisation is
 *     one or two blocks deep and is found in one step, without fetching bodies the node never needs.
 * @param maxSideHeaders validated headers kept in memory that are not canonical (a branch that may
 *     yet win, a block the target has not named yet). Default 1024: about 1 MB with bodies of
 *     synthetic size, and eight times the deepest branch the follower will adopt.
 * @param maxOrphans downloaded blocks waiting for their parent while a walk back is under way.
 *     Default 1024: a walk back is at most {@code maxReorgDepth + liveGapLimit} blocks.
 * @param maxPursuits announced heads being downloaded at once. Default 16: a live chain has a
 *     handful of competing heads at most; a peer flooding unknown hashes cannot queue more.
 * @param badHashMemory hashes of invalid blocks remembered, so that a liar re-announcing them costs
 *     no download. Default 4096 (about 200 KB).
 * @param pursuitTimeout how long a head stays "being downloaded" before the follower forgets the
 *     attempt and will try again when asked. Default 2 minutes: longer than the scheduler's whole
 *     retry chain (four attempts of at most 20 s each, plus queueing).
 * @param targetRetryDelay wait before asking again for a target whose download failed (peers that
 *     announced it may not serve it yet). Default 2 s: a fraction of a block time.
 */
public record FollowConfig(
    ForkChoiceRule forkChoice,
    int maxReorgDepth,
    int liveGapLimit,
    int bodiesKept,
    int walkBackStep,
    int maxSideHeaders,
    int maxOrphans,
    int maxPursuits,
    int badHashMemory,
    Duration pursuitTimeout,
    Duration targetRetryDelay) {

  public static final FollowConfig DEFAULT = new FollowConfig(ForkChoiceRule.AUTO, 128, 256, 0, 16, 1024, 1024, 16, 4096,
      Duration.ofMinutes(2), Duration.ofSeconds(2));

  public FollowConfig {
    Objects.requireNonNull(forkChoice, "forkChoice");
    Objects.requireNonNull(pursuitTimeout, "pursuitTimeout");
    Objects.requireNonNull(targetRetryDelay, "targetRetryDelay");
    if (maxReorgDepth < 1 || liveGapLimit < 1 || bodiesKept < 0 || walkBackStep < 1 || maxSideHeaders < 1 || maxOrphans < 1
        || maxPursuits < 1 || badHashMemory < 1) {
      throw new IllegalArgumentException("follow limits must be positive (bodiesKept may be 0): " + this);
    }
    if (maxSideHeaders < maxReorgDepth) {
      throw new IllegalArgumentException("maxSideHeaders " + maxSideHeaders + " is below maxReorgDepth " + maxReorgDepth
          + ": the deepest branch could not be held while it is checked");
    }
    if (pursuitTimeout.isNegative() || pursuitTimeout.isZero() || targetRetryDelay.isNegative()) {
      throw new IllegalArgumentException("pursuitTimeout must be positive and targetRetryDelay not negative: " + this);
    }
  }

  public FollowConfig withForkChoice(ForkChoiceRule value) {
    return new FollowConfig(value, maxReorgDepth, liveGapLimit, bodiesKept, walkBackStep, maxSideHeaders, maxOrphans,
        maxPursuits, badHashMemory, pursuitTimeout, targetRetryDelay);
  }

  public FollowConfig withBodiesKept(int value) {
    return new FollowConfig(forkChoice, maxReorgDepth, liveGapLimit, value, walkBackStep, maxSideHeaders, maxOrphans,
        maxPursuits, badHashMemory, pursuitTimeout, targetRetryDelay);
  }

  public FollowConfig withLiveGapLimit(int value) {
    return new FollowConfig(forkChoice, maxReorgDepth, value, bodiesKept, walkBackStep, maxSideHeaders, maxOrphans,
        maxPursuits, badHashMemory, pursuitTimeout, targetRetryDelay);
  }

  public FollowConfig withMaxReorgDepth(int value) {
    return new FollowConfig(forkChoice, value, liveGapLimit, bodiesKept, walkBackStep, Math.max(maxSideHeaders, value),
        maxOrphans, maxPursuits, badHashMemory, pursuitTimeout, targetRetryDelay);
  }
}
