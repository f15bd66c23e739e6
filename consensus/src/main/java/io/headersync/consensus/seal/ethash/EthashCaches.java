package io.headersync.consensus.seal.ethash;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The most recently used verification caches, one per epoch.
 *
 * <p>A cache takes about a second to build (longer at later epochs), so each epoch's is built
 * at most once while it stays in here, even when many threads ask for it at the same moment:
 * the first caller builds it, the others wait for that same build. The least recently used
 * epoch is dropped beyond {@code capacity}; see {@link io.headersync.consensus.seal.SealVerifierConfig}
 * for why the default is 3.
 */
public final class EthashCaches {

  private final int capacity;
  private final LongFunction<EthashCache> generator;
  private final LinkedHashMap<Long, FutureTask<EthashCache>> entries;
  private final AtomicLong generated = new AtomicLong();

  public EthashCaches(int capacity) {
    this(capacity, EthashCache::generate);
  }

  EthashCaches(int capacity, LongFunction<EthashCache> generator) {
    if (capacity < 1) {
      throw new IllegalArgumentException("ethash cache capacity must be at least 1 epoch, got " + capacity);
    }
    this.capacity = capacity;
    this.generator = generator;
    this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, FutureTask<EthashCache>> eldest) {
        return size() > EthashCaches.this.capacity;
      }
    };
  }

  /** The cache of {@code epoch}, built now by this thread or another if it is not held. */
  public EthashCache forEpoch(long epoch) {
    FutureTask<EthashCache> task;
    boolean builder = false;
    synchronized (entries) {
      task = entries.get(epoch);
      if (task == null) {
        task = new FutureTask<>(() -> {
          generated.incrementAndGet();
          return generator.apply(epoch);
        });
        entries.put(epoch, task);
        builder = true;
      }
    }
    if (builder) {
      task.run();
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          // The build is bounded work another thread finishes; wait for it and keep the flag.
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      synchronized (entries) {
        entries.remove(epoch, task);
      }
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("building the ethash cache of epoch " + epoch + " failed", cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How many caches have been built since this was created (a rebuild after eviction counts). */
  public long generatedCount() {
    return generated.get();
  }

  /** Epochs held now, least recently used first. */
  public java.util.List<Long> heldEpochs() {
    synchronized (entries) {
      return java.util.List.copyOf(entries.keySet());
    }
  }

  public int capacity() {
    return capacity;
  }
}
