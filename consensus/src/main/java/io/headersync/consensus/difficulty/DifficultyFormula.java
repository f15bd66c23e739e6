package io.headersync.consensus.difficulty;

import java.math.BigInteger;

/**
 * One fork's rule for the difficulty of a block given its parent. Implementations are pure
 * functions of their input.
 */
public sealed interface DifficultyFormula permits FrontierDifficulty, HomesteadDifficulty, UncleAwareDifficulty {

  /** The lowest difficulty any proof-of-work block may have, in every fork (the genesis-era floor). */
  BigInteger MINIMUM_DIFFICULTY = BigInteger.valueOf(131_072);

  /**
   * The parent's difficulty is moved by at most this fraction of itself per step of the
   * adjustment (1/2048, about 0.05 %), so difficulty follows hash power smoothly.
   */
  BigInteger BOUND_DIVISOR = BigInteger.valueOf(2048);

  /** The difficulty a block with this parent must have. */
  BigInteger difficulty(DifficultyInput input);

  /** Name of the rule, for error messages ("Homestead (EIP-2)"). */
  String describe();
}
