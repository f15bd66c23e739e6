package io.headersync.consensus.seal;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Applies a {@link SealMode} to a seal that each header carries on its own (a proof of work):
 * any subset of a batch can be checked, in any order, on several threads.
 */
final class IndependentSealVerifier implements SealVerifier {

  /** The check of one header's seal. */
  @FunctionalInterface
  interface HeaderCheck {
    void check(BlockHeader header) throws InvalidHeaderException;
  }

  private final SealMode mode;
  private final HeaderCheck check;
  private final RandomGenerator random;
  private final SealWorkers workers;

  IndependentSealVerifier(SealMode mode, HeaderCheck check, RandomGenerator random, SealWorkers workers) {
    this.mode = Objects.requireNonNull(mode);
    this.check = Objects.requireNonNull(check);
    this.random = Objects.requireNonNull(random);
    this.workers = Objects.requireNonNull(workers);
  }

  @Override
  public void verify(BlockHeader header) throws InvalidHeaderException {
    if (!(mode instanceof SealMode.Off)) {
      check.check(header);
    }
  }

  @Override
  public void verifyBatch(List<BlockHeader> ascending) throws InvalidHeaderException {
    switch (mode) {
      case SealMode.Off off -> { }
      case SealMode.Full full -> workers.forEach(ascending.size(), i -> check.check(ascending.get(i)));
      case SealMode.Sampled sampled -> {
        int[] chosen;
        synchronized (random) { // the generators of java.util.random are not thread-safe
          chosen = SealSampling.select(ascending.size(), sampled.every(), random);
        }
        workers.forEach(chosen.length, i -> check.check(ascending.get(chosen[i])));
      }
    }
  }

  @Override
  public SealMode mode() {
    return mode;
  }

  @Override
  public void close() {
    workers.close();
  }
}
