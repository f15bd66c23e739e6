package io.headersync.testkit.chain;

import io.headersync.core.block.BlockHeader;
import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * How one kind of synthetic chain makes its headers. A recipe is a pure function of its inputs:
 * the same parent and the same random stream give the same child, which is what lets a lazy
 * chain forget headers and make them again identically.
 */
public interface HeaderRecipe {

  /** The chain's first header, at {@code number}. */
  BlockHeader first(long number, SplittableRandom random);

  /** The child of {@code parent}. */
  BlockHeader child(BlockHeader parent, SplittableRandom random);

  /** The total difficulty the first header is given (the chain behind it is not modelled). */
  BigInteger firstTotalDifficulty(BlockHeader first);

  /** The recipe a fork of this chain uses, made to come out {@code weight} against it. */
  HeaderRecipe forFork(ForkWeight weight);
}
