package io.headersync.testkit.chain;

import java.util.Objects;

/**
 * Builds synthetic chains for tests and simulations:
 *
 * <pre>{@code
 * LazyHeaderChain main = ChainBuilder.postMerge(Shape.CANCUN).seed(7).firstNumber(19_000_000).length(10_000).build();
 * LazyHeaderChain pow = ChainBuilder.preMerge().seed(1).length(5_000).build();
 * LazyHeaderChain heavier = pow.fork(4_000, 1_000, ForkWeight.HEAVIER, 99);
 * }</pre>
 */
public final class ChainBuilder {

  private HeaderRecipe recipe;
  private long seed = 1;
  private long firstNumber;
  private long length = 1024;
  private LazyChainConfig config = LazyChainConfig.DEFAULT;

  private ChainBuilder(HeaderRecipe recipe) {
    this.recipe = recipe;
  }

  /** Mainnet-shaped post-merge headers ({@link PostMergeRecipe#mainnetLike}). */
  public static ChainBuilder postMerge(PostMergeRecipe.Shape shape) {
    return new ChainBuilder(PostMergeRecipe.mainnetLike(shape));
  }

  /** Proof-of-work headers with valid Homestead difficulty ({@link PreMergeRecipe#homestead}). */
  public static ChainBuilder preMerge() {
    return new ChainBuilder(PreMergeRecipe.homestead());
  }

  public static ChainBuilder withRecipe(HeaderRecipe recipe) {
    return new ChainBuilder(Objects.requireNonNull(recipe, "recipe"));
  }

  public ChainBuilder seed(long value) {
    seed = value;
    return this;
  }

  /** Number of the chain's first header (default 0). */
  public ChainBuilder firstNumber(long value) {
    firstNumber = value;
    return this;
  }

  /** Blocks after the first (default 1024); the head is {@code firstNumber + length}. */
  public ChainBuilder length(long value) {
    length = value;
    return this;
  }

  public ChainBuilder config(LazyChainConfig value) {
    config = Objects.requireNonNull(value, "config");
    return this;
  }

  public LazyHeaderChain build() {
    return LazyHeaderChain.create(recipe, seed, firstNumber, length, config);
  }
}
