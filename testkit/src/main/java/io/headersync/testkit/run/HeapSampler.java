package io.headersync.testkit.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Samples the heap every few milliseconds on a daemon thread while a run goes: the most heap used
 * at any sample (live data and garbage not yet collected, so an upper bound of what the run
 * needs), and the most left after a collection (the heap pools' usage as the last collection
 * left it, a lower bound closer to the live data).
 */
final class HeapSampler implements AutoCloseable {

  private static final long INTERVAL_MILLIS = 10;

  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).toList();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peakUsed;
  private volatile long peakAfterCollection;

  HeapSampler() {
    sample();
    thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(INTERVAL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  private void sample() {
    long used = 0;
    long afterCollection = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      used += pool.getUsage().getUsed();
      MemoryUsage collected = pool.getCollectionUsage();
      if (collected != null) {
        afterCollection += collected.getUsed();
      }
    }
    if (used > peakUsed) {
      peakUsed = used;
    }
    if (afterCollection > peakAfterCollection) {
      peakAfterCollection = afterCollection;
    }
  }

  long peakUsedBytes() {
    return peakUsed;
  }

  long peakAfterCollectionBytes() {
    return peakAfterCollection;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }
}
