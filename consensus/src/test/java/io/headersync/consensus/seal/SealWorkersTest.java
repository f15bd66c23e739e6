package io.headersync.consensus.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.consensus.InvalidHeaderException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class SealWorkersTest {

  private static InvalidHeaderException failure(int i) {
    return new InvalidHeaderException(i, null, "test rule", "field", "ok", "bad");
  }

  @Test
  void everyIndexRunsExactlyOnceOnSeveralThreads() throws InvalidHeaderException {
    try (SealWorkers workers = new SealWorkers(3, "test")) {
      AtomicIntegerArray runs = new AtomicIntegerArray(5000);
      Set<String> threads = ConcurrentHashMap.newKeySet();
      workers.forEach(5000, i -> {
        runs.incrementAndGet(i);
        threads.add(Thread.currentThread().getName());
        Thread.onSpinWait();
      });
      for (int i = 0; i < runs.length(); i++) {
        assertThat(runs.get(i)).isEqualTo(1);
      }
      assertThat(threads).hasSizeLessThanOrEqualTo(3);
    }
  }

  @Test
  void theLowestFailureIsReportedWhateverTheTiming() {
    for (int threads : new int[] {1, 2, 4}) {
      try (SealWorkers workers = new SealWorkers(threads, "test")) {
        for (int round = 0; round < 20; round++) {
          assertThatThrownBy(() -> workers.forEach(400, i -> {
            if (i == 333 || i == 123 || i == 399) {
              throw failure(i);
            }
          })).isInstanceOfSatisfying(InvalidHeaderException.class, e -> assertThat(e.number()).isEqualTo(123));
        }
      }
    }
  }

  @Test
  void unexpectedExceptionsAreNotSwallowed() {
    try (SealWorkers workers = new SealWorkers(2, "test")) {
      assertThatThrownBy(() -> workers.forEach(10, i -> {
        if (i == 4) {
          throw new IllegalStateException("bug at " + i);
        }
      })).isInstanceOf(IllegalStateException.class).hasMessage("bug at 4");
    }
  }

  @Test
  void oneThreadRunsOnTheCaller() throws InvalidHeaderException {
    try (SealWorkers workers = new SealWorkers(1, "test")) {
      Thread caller = Thread.currentThread();
      workers.forEach(10, i -> assertThat(Thread.currentThread()).isSameAs(caller));
    }
    assertThatThrownBy(() -> new SealWorkers(0, "test")).isInstanceOf(IllegalArgumentException.class);
  }
}
