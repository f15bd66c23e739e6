package io.headersync.sync.controller;

import io.headersync.sync.api.BlockRange;
import io.headersync.sync.download.reverse.ReverseConfig;
import io.headersync.sync.download.skeleton.SkeletonConfig;
import io.headersync.sync.download.slices.SliceConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the {@link SyncController}: which strategy, each strategy's own settings (their
 * defaults are documented in their records), and the stages'.
 *
 * <p>With the defaults a sync holds, whatever the chain's length: the reverse buffer (65,536
 * headers, about 64 MB), or the skeleton's links (65,536 pending, 4,096 persisted, about 60 MB),
 * or the slice window (64 MiB); plus the headers stage's pending commit ({@code commitThreshold}
 * headers, about 10 MB). Only one strategy runs at a time, so the sum stays below 100 MB.
 *
 * @param strategy which strategy runs. Default {@link Strategy#AUTO}: the choice of {@link
 *     StrategyChoice}, which takes the cheapest safe route for the situation; forcing one is for
 *     operators who know better (or benchmarks comparing them).
 * @param reverse settings of the reverse downloader; its {@code commitThreshold} is also the
 *     headers stage's for reverse legs, whose writes it was sized for
 * @param skeleton settings of the skeleton downloader
 * @param slices settings of the slice downloader
 * @param commitThreshold headers the headers stage gathers before one atomic write on skeleton and
 *     slice legs. Default 10,000, the reverse default and for the same reasons: a write of about
 *     6 MB amortises the per-write cost, and a crash loses at most a few seconds of download.
 * @param totalDifficultyChunk blocks per write of the total-difficulty stage. Default 10,000: the
 *     same size as the headers stage's writes, so the two stages keep pace commit for commit.
 * @param bodies an optional range of canonical blocks whose bodies the bodies stage fetches after
 *     the headers. Default none: this is a header-first synchronizer; bodies are fetched on
 *     request, and a range is for operators who want a recent window stored.
 * @param bodiesPerRequest bodies asked for at once by the bodies stage. Default 128: what geth
 *     serves in one answer, and well under devp2p's message limit for post-merge bodies.
 * @param bodiesRetryDelay wait after a failed bodies request before asking again. Default 1 s: the
 *     request scheduler has already tried other peers.
 */
public record SyncControllerConfig(
    Strategy strategy,
    ReverseConfig reverse,
    SkeletonConfig skeleton,
    SliceConfig slices,
    int commitThreshold,
    int totalDifficultyChunk,
    Optional<BlockRange> bodies,
    int bodiesPerRequest,
    Duration bodiesRetryDelay) {

  public static final SyncControllerConfig DEFAULT = new SyncControllerConfig(Strategy.AUTO, ReverseConfig.DEFAULT,
      SkeletonConfig.DEFAULT, SliceConfig.DEFAULT, 10_000, 10_000, Optional.empty(), 128, Duration.ofSeconds(1));

  public SyncControllerConfig {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(reverse, "reverse");
    Objects.requireNonNull(skeleton, "skeleton");
    Objects.requireNonNull(slices, "slices");
    Objects.requireNonNull(bodies, "bodies");
    Objects.requireNonNull(bodiesRetryDelay, "bodiesRetryDelay");
    if (commitThreshold < 1 || totalDifficultyChunk < 1 || bodiesPerRequest < 1) {
      throw new IllegalArgumentException("commitThreshold, totalDifficultyChunk and bodiesPerRequest must be positive");
    }
    if (bodiesRetryDelay.isNegative()) {
      throw new IllegalArgumentException("bodiesRetryDelay must not be negative");
    }
  }

  public SyncControllerConfig withStrategy(Strategy value) {
    return new SyncControllerConfig(value, reverse, skeleton, slices, commitThreshold, totalDifficultyChunk, bodies,
        bodiesPerRequest, bodiesRetryDelay);
  }

  public SyncControllerConfig withReverse(ReverseConfig value) {
    return new SyncControllerConfig(strategy, value, skeleton, slices, commitThreshold, totalDifficultyChunk, bodies,
        bodiesPerRequest, bodiesRetryDelay);
  }

  public SyncControllerConfig withSkeleton(SkeletonConfig value) {
    return new SyncControllerConfig(strategy, reverse, value, slices, commitThreshold, totalDifficultyChunk, bodies,
        bodiesPerRequest, bodiesRetryDelay);
  }

  public SyncControllerConfig withSlices(SliceConfig value) {
    return new SyncControllerConfig(strategy, reverse, skeleton, value, commitThreshold, totalDifficultyChunk, bodies,
        bodiesPerRequest, bodiesRetryDelay);
  }

  /** The same settings with {@code value} as the commit size of every leg and of the total-difficulty stage. */
  public SyncControllerConfig withCommitThreshold(int value) {
    return new SyncControllerConfig(strategy, reverse.withCommitThreshold(value), skeleton, slices, value, value, bodies,
        bodiesPerRequest, bodiesRetryDelay);
  }

  public SyncControllerConfig withBodies(BlockRange value) {
    return new SyncControllerConfig(strategy, reverse, skeleton, slices, commitThreshold, totalDifficultyChunk,
        Optional.of(value), bodiesPerRequest, bodiesRetryDelay);
  }

  /** Headers the headers stage gathers per write on a leg of {@code strategy}. */
  public int commitThresholdFor(Strategy legStrategy) {
    return legStrategy == Strategy.REVERSE ? reverse.commitThreshold() : commitThreshold;
  }
}
