/**
 * The proof-of-work difficulty a block must carry, per fork: Frontier, Homestead (EIP-2),
 * Byzantium's uncle-aware adjustment (EIP-100) and the bomb delays that followed it
 * (EIP-649, EIP-1234, EIP-2384, EIP-3554, EIP-4345, EIP-5133).
 *
 * <p>{@link io.headersync.consensus.difficulty.DifficultyCalculator} is the entry point: it picks
 * the {@link io.headersync.consensus.difficulty.DifficultyFormula} in force from the chain
 * spec and answers the expected difficulty. The formulas are written here rather than taken
 * from a library because they are a few lines of exact integer arithmetic that the rest of
 * the product must trust bit for bit, and no allowed dependency provides them.
 *
 * <p>This package only computes numbers: it does not decide whether a block is past the merge
 * (difficulty zero), does not compare against a header and raises no validation error; the
 * header rules do that. It knows nothing of networks or storage.
 */
package io.headersync.consensus.difficulty;
