package io.headersync.bench.importer;

import io.headersync.core.crypto.Keccak;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hashing limit of an import: Keccak-256 of every header's RLP once, on one thread or
 * split into contiguous slices over a fixed pool (as the importer splits a chunk). Nothing
 * else is done, so no import that hashes every header can beat it.
 */
final class KeccakLimit implements AutoCloseable {

  private final byte[][] headers;
  private final ExecutorService pool;
  private final int threads;

  KeccakLimit(byte[][] headers, int threads) {
    this.headers = headers;
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "keccak-limit");
      t.setDaemon(true);
      return t;
    });
  }

  /** Wall-clock rate and CPU cost of hashing on one thread. */
  record SingleThread(double perSecond, double cpuMicrosPerHeader) {}

  /** Headers hashed per second on the calling thread, over {@code passes} passes, and the thread's CPU time per header. */
  SingleThread singleThread(int passes) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long c = cpu.getCurrentThreadCpuTime();
    long t = System.nanoTime();
    long sink = 0;
    for (int p = 0; p < passes; p++) {
      sink += hashRange(0, headers.length);
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    double cpuMicros = (cpu.getCurrentThreadCpuTime() - c) / 1e3;
    consume(sink);
    long hashed = (long) headers.length * passes;
    return new SingleThread(hashed / seconds, cpuMicros / hashed);
  }

  /** Headers hashed per second by the pool's threads, each hashing its own slice. */
  double allThreads(int passes) throws InterruptedException, ExecutionException {
    long t = System.nanoTime();
    long sink = 0;
    int n = headers.length;
    for (int p = 0; p < passes; p++) {
      List<Future<Long>> parts = new ArrayList<>(threads);
      for (int s = 0; s < threads; s++) {
        int from = (int) ((long) s * n / threads);
        int to = (int) ((long) (s + 1) * n / threads);
        parts.add(pool.submit(() -> hashRange(from, to)));
      }
      for (Future<Long> f : parts) {
        sink += f.get();
      }
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    consume(sink);
    return (double) n * passes / seconds;
  }

  int threads() {
    return threads;
  }

  private long hashRange(int from, int to) {
    byte[] out = new byte[32];
    long acc = 0;
    for (int i = from; i < to; i++) {
      byte[] h = headers[i];
      Keccak.keccak256(h, 0, h.length, out, 0);
      acc += out[0];
    }
    return acc;
  }

  /** Keeps the JIT from dropping the hashing as dead code. */
  private static void consume(long sink) {
    if (sink == 42) {
      System.out.print("");
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
