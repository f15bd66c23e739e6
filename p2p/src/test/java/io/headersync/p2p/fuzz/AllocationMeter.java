package io.headersync.p2p.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the current thread, from HotSpot's per-thread counter (exact, TLABs
 * included), so the heap a decoder takes for one input can be compared with what the input could
 * justify.
 */
final class AllocationMeter {

  private static final com.sun.management.ThreadMXBean THREADS = threads();

  private AllocationMeter() {}

  private static com.sun.management.ThreadMXBean threads() {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
        || !bean.isThreadAllocatedMemorySupported()) {
      throw new IllegalStateException("this JVM does not count allocated bytes per thread; the fuzz suite needs it");
    }
    bean.setThreadAllocatedMemoryEnabled(true);
    return bean;
  }

  static long allocatedBytes() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }
}
