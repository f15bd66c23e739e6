package io.headersync.node.wiring;

import io.headersync.sync.controller.Strategy;
import io.headersync.sync.controller.SyncControllerConfig;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.sync.tip.TipTrackerConfig;
import io.headersync.sync.tip.TrustedTarget;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link NodeRuntime} syncs.
 *
 * @param strategy the download strategy. Default {@link Strategy#AUTO} (see the controller's
 *     choice: reverse from a trusted target, skeleton toward the peers' head)
 * @param target the block to sync to; empty: the best head connected peers claim
 * @param peerTimeout how long to wait for the first usable eth peer before the sync fails. Default
 *     60 s: a dial and a Status exchange take well under a second, retries of a static peer come
 *     every few seconds, and discovery finds peers of a public network within tens of seconds
 * @param progressInterval how often the head is checked for progress reports and announcements
 *     to peers. Default 1 s: a head read costs microseconds, and a block comes every 12 s
 * @param controller, scheduler, tips the sync engine's own settings (defaults documented there)
 */
public record SyncSettings(
    Strategy strategy,
    Optional<TrustedTarget> target,
    Duration peerTimeout,
    Duration progressInterval,
    SyncControllerConfig controller,
    SchedulerConfig scheduler,
    TipTrackerConfig tips) {

  public static final SyncSettings DEFAULT = new SyncSettings(Strategy.AUTO, Optional.empty(), Duration.ofSeconds(60),
      Duration.ofSeconds(1), SyncControllerConfig.DEFAULT, SchedulerConfig.DEFAULT, TipTrackerConfig.DEFAULT);

  public SyncSettings {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(tips, "tips");
    if (peerTimeout.isNegative() || peerTimeout.isZero() || progressInterval.isNegative() || progressInterval.isZero()) {
      throw new IllegalArgumentException("peerTimeout and progressInterval must be positive");
    }
  }

  public SyncSettings withStrategy(Strategy value) {
    return new SyncSettings(value, target, peerTimeout, progressInterval, controller, scheduler, tips);
  }

  public SyncSettings withTarget(Optional<TrustedTarget> value) {
    return new SyncSettings(strategy, value, peerTimeout, progressInterval, controller, scheduler, tips);
  }

  public SyncSettings withPeerTimeout(Duration value) {
    return new SyncSettings(strategy, target, value, progressInterval, controller, scheduler, tips);
  }

  public SyncSettings withController(SyncControllerConfig value) {
    return new SyncSettings(strategy, target, peerTimeout, progressInterval, value, scheduler, tips);
  }
}
