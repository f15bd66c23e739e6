package io.headersync.consensus.seal;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Which headers of a batch get their seal checked under {@link SealMode.Sampled}: one at random
 * in each window of {@code every} consecutive headers, and always the last one.
 *
 * <p>The choice must be unpredictable to whoever sent the headers, or a peer could forge every
 * header it knows will be skipped: production code draws from an unpredictably seeded
 * generator, tests inject a seeded one to reproduce a run.
 */
final class SealSampling {

  private SealSampling() {}

  /** Ascending indices into a batch of {@code size} headers. */
  static int[] select(int size, int every, RandomGenerator random) {
    if (size == 0) {
      return new int[0];
    }
    int windows = (size + every - 1) / every;
    int[] chosen = new int[windows + 1];
    int n = 0;
    for (int w = 0; w < windows; w++) {
      int start = w * every;
      int width = Math.min(every, size - start);
      chosen[n++] = start + random.nextInt(width);
    }
    if (chosen[n - 1] != size - 1) {
      chosen[n++] = size - 1;
    }
    return Arrays.copyOf(chosen, n);
  }
}
