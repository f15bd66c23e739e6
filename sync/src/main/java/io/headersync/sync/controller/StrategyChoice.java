package io.headersync.sync.controller;

import io.headersync.core.checkpoint.CheckpointHashes;
import io.headersync.sync.download.SyncTarget;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The decision of which strategy takes the next leg of a sync, and toward which target. A pure
 * function of the requested strategy, the local head, the shipped checkpoints and the target, so
 * it is tested on its own.
 *
 * <p>{@link Strategy#AUTO}:
 * <ol>
 *   <li>shipped checkpoints above the local head → {@link Strategy#SLICES}, toward the highest
 *       checkpoint (or the target itself when its number is known and not above that checkpoint).
 *       The checkpoint is as trustworthy as the binary that ships it, and the preverified phase
 *       checks nothing but hashes, which makes it the cheapest way over the old chain;
 *   <li>otherwise a {@link TargetTrust#TRUSTED} target → {@link Strategy#REVERSE}: walking down
 *       from a trusted hash cannot be led astray by any peer;
 *   <li>otherwise (the target is only what peers claim) → {@link Strategy#SKELETON}, which builds
 *       upward from the local head and weighs branches by total difficulty.
 * </ol>
 * A leg toward a checkpoint is not the last one: when it ends, the choice is made again from the
 * new head, and falls to rule 2 or 3.
 *
 * <p>A forced strategy takes the whole way to the target in one leg (slices without checkpoints
 * above the head run only their linear and forky phases).
 */
public final class StrategyChoice {

  /**
   * One leg of a sync.
   *
   * @param strategy what downloads it
   * @param target where it ends
   * @param last whether {@code target} is the sync's own target (otherwise an intermediate checkpoint)
   * @param reason why this strategy, for logs and status
   */
  public record Leg(Strategy strategy, SyncTarget target, boolean last, String reason) {
    public Leg {
      Objects.requireNonNull(strategy, "strategy");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(reason, "reason");
      if (strategy == Strategy.AUTO) {
        throw new IllegalArgumentException("a leg runs a concrete strategy, not AUTO");
      }
    }
  }

  private StrategyChoice() {}

  /**
   * @param requested the configured strategy
   * @param localHead the number of the store's canonical head
   * @param checkpoints the shipped checkpoint hashes (empty when none ship for this chain)
   * @param target the sync's target
   * @param trust where the target comes from
   */
  public static Leg choose(Strategy requested, long localHead, CheckpointHashes checkpoints, SyncTarget target,
      TargetTrust trust) {
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(trust, "trust");
    if (requested != Strategy.AUTO) {
      return new Leg(requested, target, true, requested.name().toLowerCase(java.util.Locale.ROOT) + " forced by configuration");
    }
    OptionalLong highest = checkpoints.highest();
    if (highest.isPresent() && highest.getAsLong() > localHead) {
      long top = highest.getAsLong();
      OptionalLong targetNumber = target.number();
      if (targetNumber.isPresent() && targetNumber.getAsLong() <= top) {
        return new Leg(Strategy.SLICES, target, true, "shipped checkpoints reach #" + top + ", beyond the target");
      }
      SyncTarget checkpoint = SyncTarget.of(checkpoints.hashAt(top).orElseThrow(), top);
      return new Leg(Strategy.SLICES, checkpoint, false,
          "shipped checkpoints reach #" + top + ", beyond the local head #" + localHead);
    }
    if (trust == TargetTrust.TRUSTED) {
      return new Leg(Strategy.REVERSE, target, true, "trusted target, no shipped checkpoint above the local head #" + localHead);
    }
    return new Leg(Strategy.SKELETON, target, true, "target claimed by peers, no shipped checkpoint above the local head #"
        + localHead);
  }
}
