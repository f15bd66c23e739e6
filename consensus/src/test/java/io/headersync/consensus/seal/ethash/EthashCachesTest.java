package io.headersync.consensus.seal.ethash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EthashCachesTest {

  /** A tiny stand-in cache: the LRU logic does not depend on the content. */
  private static EthashCache fake(long epoch) {
    return new EthashCache(epoch, new int[16], 128);
  }

  @Test
  void concurrentCallersShareOneBuild() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch building = new CountDownLatch(1);
    AtomicInteger builds = new AtomicInteger();
    EthashCaches caches = new EthashCaches(3, epoch -> {
      builds.incrementAndGet();
      building.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return fake(epoch);
    });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CyclicBarrier start = new CyclicBarrier(8);
      List<Future<EthashCache>> got = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        got.add(pool.submit(() -> {
          start.await();
          return caches.forEpoch(4);
        }));
      }
      building.await(); // one caller is building; the rest arrive while it does, or after
      release.countDown();
      Set<EthashCache> distinct = ConcurrentHashMap.newKeySet();
      for (Future<EthashCache> f : got) {
        distinct.add(f.get());
      }
      assertThat(distinct).hasSize(1);
      assertThat(builds).hasValue(1);
      assertThat(caches.generatedCount()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theLeastRecentlyUsedEpochIsDropped() {
    EthashCaches caches = new EthashCaches(2, EthashCachesTest::fake);
    EthashCache zero = caches.forEpoch(0);
    caches.forEpoch(1);
    assertThat(caches.forEpoch(0)).isSameAs(zero); // 0 is now the most recent
    caches.forEpoch(2); // drops 1
    assertThat(caches.heldEpochs()).containsExactly(0L, 2L);
    assertThat(caches.generatedCount()).isEqualTo(3);
    caches.forEpoch(1);
    assertThat(caches.generatedCount()).isEqualTo(4);
    assertThat(caches.heldEpochs()).containsExactly(2L, 1L);
  }

  @Test
  void aFailedBuildIsNotKept() {
    AtomicInteger attempts = new AtomicInteger();
    EthashCaches caches = new EthashCaches(2, epoch -> {
      if (attempts.incrementAndGet() == 1) {
        throw new IllegalStateException("out of memory, say");
      }
      return fake(epoch);
    });
    assertThatThrownBy(() -> caches.forEpoch(9)).isInstanceOf(IllegalStateException.class).hasMessage("out of memory, say");
    assertThat(caches.heldEpochs()).isEmpty();
    assertThat(caches.forEpoch(9).epoch()).isEqualTo(9);
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new EthashCaches(0)).hasMessageContaining("at least 1");
  }
}
