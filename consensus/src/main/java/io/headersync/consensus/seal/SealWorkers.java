package io.headersync.consensus.seal;

import io.headersync.consensus.InvalidHeaderException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded set of threads that checks the items of a batch, the calling thread taking part.
 *
 * <p>Items are handed out in ascending order; once one fails, items after it are not started,
 * and the failure with the lowest index is the one reported, whatever the threads' timing.
 * Helpers that have not started when the caller runs out of items are cancelled, so a batch
 * never waits behind another caller's batch. Idle threads end after a minute.
 */
public final class SealWorkers implements AutoCloseable {

  /** Checks item {@code index} of a batch. */
  @FunctionalInterface
  public interface IndexedCheck {
    void check(int index) throws InvalidHeaderException;
  }

  private final int threads;
  private final ThreadPoolExecutor pool;

  /** {@code threads} includes the caller: 1 runs everything on the calling thread. */
  public SealWorkers(int threads, String name) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    if (threads == 1) {
      pool = null;
    } else {
      AtomicInteger counter = new AtomicInteger();
      pool = new ThreadPoolExecutor(threads - 1, threads - 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      pool.allowCoreThreadTimeOut(true);
    }
  }

  public int threads() {
    return threads;
  }

  /**
   * Runs {@code check} for every index in {@code [0, count)} and throws the failure of the
   * lowest index, if any. An unexpected runtime exception of a check is rethrown as is.
   */
  public void forEach(int count, IndexedCheck check) throws InvalidHeaderException {
    if (pool == null || count <= 1) {
      for (int i = 0; i < count; i++) {
        check.check(i);
      }
      return;
    }
    Run run = new Run(count, check);
    int helpers = Math.min(threads - 1, count - 1);
    List<Future<?>> futures = new ArrayList<>(helpers);
    for (int h = 0; h < helpers; h++) {
      futures.add(pool.submit(run::help));
    }
    run.drain();
    run.closeAndAwaitHelpers();
    for (Future<?> f : futures) {
      f.cancel(false); // helpers still queued would find nothing to do; spare them the trip
    }
    run.rethrow();
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private static final class Run {
    private final int count;
    private final IndexedCheck check;
    private final AtomicInteger next = new AtomicInteger();
    private volatile int failedAt = Integer.MAX_VALUE;
    private Throwable failure;
    private boolean closed;
    private int activeHelpers;

    Run(int count, IndexedCheck check) {
      this.count = count;
      this.check = check;
    }

    /** A helper's work: nothing if the caller has already finished the batch. */
    void help() {
      synchronized (this) {
        if (closed) {
          return;
        }
        activeHelpers++;
      }
      try {
        drain();
      } finally {
        synchronized (this) {
          if (--activeHelpers == 0) {
            notifyAll();
          }
        }
      }
    }

    /**
     * Lets no more helpers start, and waits for those that did to finish their current item
     * (milliseconds). Waits through interrupts, keeping the flag, so no result is lost.
     */
    synchronized void closeAndAwaitHelpers() {
      closed = true;
      boolean interrupted = false;
      while (activeHelpers > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    void drain() {
      while (true) {
        int i = next.getAndIncrement();
        if (i >= count || i > failedAt) {
          return;
        }
        try {
          check.check(i);
        } catch (InvalidHeaderException | RuntimeException | Error e) {
          record(i, e);
        }
      }
    }

    private synchronized void record(int index, Throwable t) {
      if (index < failedAt) {
        failedAt = index;
        failure = t;
      }
    }

    synchronized void rethrow() throws InvalidHeaderException {
      if (failure instanceof InvalidHeaderException e) {
        throw e;
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
    }
  }
}
