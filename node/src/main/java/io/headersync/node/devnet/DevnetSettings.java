package io.headersync.node.devnet;

import io.headersync.sync.controller.Strategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a devnet run is told; the command's flags, one for one.
 *
 * @param peers serving nodes. Default 4: enough for the request scheduler to spread work and the
 *     tip tracker to take a median of three, few enough for 2 cores
 * @param headers blocks above genesis the servers start with. Default 200,000: a sync long enough
 *     to show the download rate (a few seconds of it), short enough that making the chain and the
 *     whole run take about a minute on 2 cores
 * @param strategy the download strategy (auto: reverse from the servers' head, as on a network
 *     without shipped checkpoints)
 * @param blockTime time between live blocks. Default 3 s: a quarter of a mainnet slot, so the
 *     following part of the run takes seconds, not minutes, while leaving the syncing node most
 *     of a block time to fetch each one
 * @param reorgEvery a reorg instead of a block every this many live blocks; 0 for none. Default 4,
 *     so the default run sees its reorg after about 12 seconds of following
 * @param reorgDepth blocks each reorg replaces. Default 2; up to 64 (two epochs) is what the
 *     live follower handles without a new header-sync leg
 * @param followBlocks live blocks the syncing node must follow before the run ends. Default 5
 * @param followReorgs reorgs the syncing node must follow before the run ends. Default 1
 * @param duration run for this long instead, whatever was followed (for demos and the soak run)
 * @param datadir where the syncing node's store (and the servers' store, under {@code servers/})
 *     live; empty: a temporary directory deleted at the end
 * @param seed makes the chain and the keys; the same seed gives the same chain
 */
public record DevnetSettings(int peers, long headers, Strategy strategy, Duration blockTime, int reorgEvery, int reorgDepth,
    int followBlocks, int followReorgs, Optional<Duration> duration, Optional<Path> datadir, long seed) {

  public static final DevnetSettings DEFAULT = new DevnetSettings(4, 200_000, Strategy.AUTO, Duration.ofSeconds(3), 4, 2,
      5, 1, Optional.empty(), Optional.empty(), 1);

  /** The deepest reorg a devnet makes: the live follower's limit. */
  public static final int MAX_REORG_DEPTH = 64;

  public DevnetSettings {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(blockTime, "blockTime");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(datadir, "datadir");
    if (peers < 1 || peers > 64) {
      throw new IllegalArgumentException("--peers must be 1..64, got " + peers);
    }
    if (headers < 1) {
      throw new IllegalArgumentException("--headers must be at least 1, got " + headers);
    }
    if (blockTime.toMillis() < 100) {
      throw new IllegalArgumentException("--block-time must be at least 100 ms, got " + blockTime.toMillis() + " ms");
    }
    if (reorgEvery < 0 || reorgEvery == 1) {
      throw new IllegalArgumentException("--reorg-every must be 0 (no reorgs) or at least 2, got " + reorgEvery);
    }
    if (reorgDepth < 1 || reorgDepth > MAX_REORG_DEPTH) {
      throw new IllegalArgumentException("--reorg-depth must be 1.." + MAX_REORG_DEPTH + ", got " + reorgDepth);
    }
    if (followBlocks < 0 || followReorgs < 0) {
      throw new IllegalArgumentException("--follow-blocks and --follow-reorgs must not be negative");
    }
    if (followReorgs > 0 && reorgEvery == 0 && duration.isEmpty()) {
      throw new IllegalArgumentException("--follow-reorgs " + followReorgs + " needs reorgs: give --reorg-every");
    }
    duration.ifPresent(d -> {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("--duration must be positive");
      }
    });
  }

  public DevnetSettings withPeers(int value) {
    return new DevnetSettings(value, headers, strategy, blockTime, reorgEvery, reorgDepth, followBlocks, followReorgs,
        duration, datadir, seed);
  }

  public DevnetSettings withHeaders(long value) {
    return new DevnetSettings(peers, value, strategy, blockTime, reorgEvery, reorgDepth, followBlocks, followReorgs,
        duration, datadir, seed);
  }

  public DevnetSettings withBlockTime(Duration value) {
    return new DevnetSettings(peers, headers, strategy, value, reorgEvery, reorgDepth, followBlocks, followReorgs,
        duration, datadir, seed);
  }

  public DevnetSettings withReorgs(int every, int depth) {
    return new DevnetSettings(peers, headers, strategy, blockTime, every, depth, followBlocks, followReorgs, duration,
        datadir, seed);
  }

  public DevnetSettings withFollow(int blocks, int reorgs) {
    return new DevnetSettings(peers, headers, strategy, blockTime, reorgEvery, reorgDepth, blocks, reorgs, duration,
        datadir, seed);
  }

  public DevnetSettings withDatadir(Path value) {
    return new DevnetSettings(peers, headers, strategy, blockTime, reorgEvery, reorgDepth, followBlocks, followReorgs,
        duration, Optional.of(value), seed);
  }
}
