package io.headersync.node.devnet;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import io.headersync.testkit.chain.SyntheticBodies;
import io.headersync.testkit.chain.WithBodiesRecipe;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The devnet's chain: mainnet-shaped post-merge headers (Cancun shape: every field of a real
 * header, realistic sizes, gas limit and base fee moving by the real rules, blob gas by EIP-4844),
 * with header 0 as the genesis and every fork up to Cancun active from it. The chain is made
 * lazily from a seed ({@link LazyHeaderChain}), so a chain of millions of headers is never held in
 * memory; the newest {@value #TAIL_WITH_BODIES} history blocks and every block made after start
 * (live blocks, reorg branches) come from the same recipe with their own random streams, and
 * commit to a body.
 *
 * <p>Total difficulty is mainnet's terminal total difficulty at genesis and never grows: after the
 * merge the chosen branch is the one the chain's head names, not the heavier one.
 */
public final class DevnetChain {

  /** Chain and network id: 1337, the id dev chains of geth and others use, never a public network's. */
  public static final long NETWORK_ID = 1337;

  private static final PostMergeRecipe RECIPE = PostMergeRecipe.mainnetLike(PostMergeRecipe.Shape.CANCUN);
  /**
   * Live blocks commit to a small synthetic body (a few transactions and withdrawals), so a node
   * following the tip, which downloads whole blocks and checks each body against its header's
   * roots, gets bodies that pass. History needs none: a header sync fetches headers only.
   */
  private static final WithBodiesRecipe LIVE_RECIPE = new WithBodiesRecipe(RECIPE);

  /**
   * The newest history blocks made like live blocks, with bodies: a node following the tip walks
   * back from a new head by parent hash and downloads whole blocks down to one it has, at most a
   * reorg's depth plus one walk-back step (128 + 16 with the follower's defaults) below its head.
   * 1024 covers that with room; they cost about 1 MB of heap.
   */
  static final int TAIL_WITH_BODIES = 1024;

  private final long seed;
  private final LazyHeaderChain base;
  private final List<BlockHeader> tail;
  private final long headNumber;
  private final ChainSpec spec;

  private DevnetChain(long seed, long headers) {
    this.seed = seed;
    this.headNumber = headers;
    this.base = ChainBuilder.withRecipe(RECIPE).seed(seed).length(Math.max(0, headers - TAIL_WITH_BODIES)).build();
    Map<Fork, Long> forks = new EnumMap<>(Fork.class);
    for (Fork fork : Fork.values()) {
      if (fork.ordinal() <= Fork.CANCUN.ordinal() && fork != Fork.DAO) {
        forks.put(fork, 0L);
      }
    }
    this.spec = new ChainSpec("devnet", NETWORK_ID, NETWORK_ID, base.header(0), forks, BigInteger.ZERO,
        Map.of(Fork.CANCUN, PostMergeRecipe.Shape.CANCUN.blobs()), new SealEngine.None(), List.of());
    List<BlockHeader> made = new ArrayList<>();
    BlockHeader parent = base.head();
    for (long n = base.headNumber() + 1; n <= headers; n++) {
      parent = child(parent, 0);
      made.add(parent);
    }
    this.tail = List.copyOf(made);
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

  /** The head of the chain the servers start with: {@code --headers}. */
  public long historyHead() {
    return headNumber;
  }

  /** Header {@code number} of the chain the servers start with (0 to {@link #historyHead()}). */
  public BlockHeader historyHeader(long number) {
    if (number < 0 || number > headNumber) {
      throw new IllegalArgumentException("block #" + number + " is not in the devnet's history 0.." + headNumber);
    }
    return number <= base.headNumber() ? base.header(number) : tail.get((int) (number - base.headNumber() - 1));
  }

  /** Whether history block {@code number} commits to a body ({@link #body}); older ones have random roots. */
  public boolean hasBody(long number) {
    return number > base.headNumber() && number <= headNumber;
  }

  /** Total difficulty of every block: the chain is proof of stake from genesis. */
  public BigInteger totalDifficulty() {
    return base.totalDifficulty(0);
  }

  /**
   * The child of {@code parent} on branch {@code branch}: the same parent and branch always give
   * the same block, different branches give different blocks (a reorg's new branch uses a branch
   * number no earlier block used).
   */
  public BlockHeader child(BlockHeader parent, long branch) {
    long mixed = seed * 0x9E3779B97F4A7C15L ^ (branch + 1) * 0xBF58476D1CE4E5B9L ^ parent.number() * 0x94D049BB133111EBL;
    return LIVE_RECIPE.child(parent, new SplittableRandom(mixed));
  }

  /** The body (RLP) a block made by {@link #child} commits to. */
  public byte[] body(BlockHeader header) {
    return SyntheticBodies.bodyFor(header).encode();
  }
}
