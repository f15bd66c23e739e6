package io.headersync.node.devnet;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The devnet's chain: mainnet-shaped post-merge headers (Cancun shape: every field of a real
 * header, realistic sizes, gas limit and base fee moving by the real rules, blob gas by EIP-4844),
 * with header 0 as the genesis and every fork up to Cancun active from it. The chain is made
 * lazily from a seed ({@link LazyHeaderChain}), so a chain of millions of headers is never held in
 * memory; blocks made after start (live blocks, reorg branches) come from the same recipe with
 * their own random streams.
 *
 * <p>Total difficulty is mainnet's terminal total difficulty at genesis and never grows: after the
 * merge the chosen branch is the one the chain's head names, not the heavier one.
 */
public final class DevnetChain {

  /** Chain and network id: 1337, the id dev chains of geth and others use, never a public network's. */
  public static final long NETWORK_ID = 1337;

  private static final PostMergeRecipe RECIPE = PostMergeRecipe.mainnetLike(PostMergeRecipe.Shape.CANCUN);

  private final long seed;
  private final LazyHeaderChain history;
  private final ChainSpec spec;

  private DevnetChain(long seed, long headers) {
    this.seed = seed;
    this.history = ChainBuilder.withRecipe(RECIPE).seed(seed).length(headers).build();
    Map<Fork, Long> forks = new EnumMap<>(Fork.class);
    for (Fork fork : Fork.values()) {
      if (fork.ordinal() <= Fork.CANCUN.ordinal() && fork != Fork.DAO) {
        forks.put(fork, 0L);
      }
    }
    this.spec = new ChainSpec("devnet", NETWORK_ID, NETWORK_ID, history.header(0), forks, BigInteger.ZERO,
        Map.of(Fork.CANCUN, PostMergeRecipe.Shape.CANCUN.blobs()), new SealEngine.None(), List.of());
  }

  /** A chain of {@code headers} blocks above its genesis, made from {@code seed}. */
  public static DevnetChain create(long seed, long headers) {
    if (headers < 1) {
      throw new IllegalArgumentException("a devnet needs at least one block above its genesis, got " + headers);
    }
    return new DevnetChain(seed, headers);
  }

  public ChainSpec spec() {
    return spec;
  }

  /** The chain the servers start with: genesis to {@code --headers}. */
  public LazyHeaderChain history() {
    return history;
  }

  /** Total difficulty of every block: the chain is proof of stake from genesis. */
  public BigInteger totalDifficulty() {
    return history.totalDifficulty(0);
  }

  /**
   * The child of {@code parent} on branch {@code branch}: the same parent and branch always give
   * the same block, different branches give different blocks (a reorg's new branch uses a branch
   * number no earlier block used).
   */
  public BlockHeader child(BlockHeader parent, long branch) {
    long mixed = seed * 0x9E3779B97F4A7C15L ^ (branch + 1) * 0xBF58476D1CE4E5B9L ^ parent.number() * 0x94D049BB133111EBL;
    return RECIPE.child(parent, new SplittableRandom(mixed));
  }
}
