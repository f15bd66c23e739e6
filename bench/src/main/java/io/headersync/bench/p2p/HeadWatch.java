package io.headersync.bench.p2p;

import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Notes when a store's canonical head first moves above a number. A reverse sync keeps its head
 * still while its walk goes down from the target and moves it only in its canonical pass, so the
 * moment splits a run into its two phases. Polled every 10 ms on a daemon thread: the store
 * has no head listener, and the poll costs nothing a run could see.
 */
final class HeadWatch {

  private final Thread thread;
  private volatile long movedAt;
  private volatile boolean stopped;

  private HeadWatch(HeaderStore store, long from) {
    thread = Thread.ofPlatform().daemon().name("bench-head-watch").unstarted(() -> {
      while (!stopped) {
        Optional<BlockRef> head = store.head();
        if (head.isPresent() && head.get().number() > from) {
          movedAt = System.nanoTime();
          return;
        }
        LockSupport.parkNanos(10_000_000);
      }
    });
  }

  static HeadWatch start(HeaderStore store, long from) {
    HeadWatch watch = new HeadWatch(store, from);
    watch.thread.start();
    return watch;
  }

  /** Stops watching; the nano time the head first moved, or now if it never did. */
  long stop() throws InterruptedException {
    stopped = true;
    thread.join();
    return movedAt != 0 ? movedAt : System.nanoTime();
  }
}
