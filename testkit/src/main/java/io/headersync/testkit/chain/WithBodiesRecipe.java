package io.headersync.testkit.chain;

import io.headersync.core.block.BlockHeader;
import java.math.BigInteger;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Another recipe's headers, each made to commit to its {@link SyntheticBodies synthetic body}, so
 * that simulated peers serve bodies that pass the body-against-header check:
 *
 * <pre>{@code
 * LazyHeaderChain chain = ChainBuilder.withRecipe(new WithBodiesRecipe(PostMergeRecipe.mainnetLike(Shape.CANCUN)))
 *     .seed(7).firstNumber(19_000_000).length(5_000).build();
 * }</pre>
 *
 * <p>Every header is changed, the first one too (for a pre-merge recipe starting at its genesis,
 * the chain then no longer starts at the spec's genesis).
 */
public record WithBodiesRecipe(HeaderRecipe inner) implements HeaderRecipe {

  public WithBodiesRecipe {
    Objects.requireNonNull(inner, "inner");
  }

  @Override
  public BlockHeader first(long number, SplittableRandom random) {
    return SyntheticBodies.commit(inner.first(number, random));
  }

  @Override
  public BlockHeader child(BlockHeader parent, SplittableRandom random) {
    return SyntheticBodies.commit(inner.child(parent, random));
  }

  @Override
  public BigInteger firstTotalDifficulty(BlockHeader first) {
    return inner.firstTotalDifficulty(first);
  }

  @Override
  public HeaderRecipe forFork(ForkWeight weight) {
    return new WithBodiesRecipe(inner.forFork(weight));
  }
}
