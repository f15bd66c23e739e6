package io.headersync.consensus.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SealSamplingTest {

  @Property
  void oneInEachWindowAndAlwaysTheLast(@ForAll @IntRange(min = 1, max = 3000) int size,
      @ForAll @IntRange(min = 1, max = 500) int every, @ForAll long seed) {
    int[] chosen = SealSampling.select(size, every, new SplittableRandom(seed));
    assertThat(chosen[chosen.length - 1]).isEqualTo(size - 1);
    for (int i = 1; i < chosen.length; i++) {
      assertThat(chosen[i]).isGreaterThan(chosen[i - 1]);
    }
    int windows = (size + every - 1) / every;
    int[] perWindow = new int[windows];
    for (int c : chosen) {
      assertThat(c).isBetween(0, size - 1);
      perWindow[c / every]++;
    }
    for (int w = 0; w < windows - 1; w++) {
      assertThat(perWindow[w]).as("window %d", w).isEqualTo(1);
    }
    assertThat(perWindow[windows - 1]).isBetween(1, 2); // its random pick, and the last header
  }

  @Test
  void theSameSeedChoosesTheSameAndOthersDiffer() {
    int[] a = SealSampling.select(1000, 50, new SplittableRandom(11));
    int[] b = SealSampling.select(1000, 50, new SplittableRandom(11));
    int[] c = SealSampling.select(1000, 50, new SplittableRandom(12));
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void everyOneChoosesAll() {
    assertThat(SealSampling.select(5, 1, new SplittableRandom(0))).containsExactly(0, 1, 2, 3, 4);
    assertThat(SealSampling.select(0, 3, new SplittableRandom(0))).isEmpty();
  }

  @Test
  void picksSpreadOverTheWholeWindow() {
    SplittableRandom random = new SplittableRandom(3);
    boolean[] seen = new boolean[10];
    for (int i = 0; i < 500; i++) {
      seen[SealSampling.select(20, 10, random)[0]] = true;
    }
    assertThat(seen).doesNotContain(false);
  }
}
