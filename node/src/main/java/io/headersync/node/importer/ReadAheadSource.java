package io.headersync.node.importer;

import io.headersync.core.source.BlockSource;
import io.headersync.core.source.SourceBlock;
import io.headersync.core.source.SourceFormatException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a block source on its own thread, at most {@code capacity} blocks ahead of the caller
 * (counted in whole hand-offs, at least one, plus the hand-off being filled), so that reading a file
 * (decompressing, decoding, and for era1 hashing every header for the accumulator check)
 * overlaps with verifying and committing the blocks before. Reading is most of an import's
 * single-threaded work; without this it and the commit take turns on one core while the other
 * idles.
 *
 * <p>Blocks cross between the threads in groups of up to {@value #HAND_OFF}: handing them over
 * one at a time woke the waiting thread once per block, and those wake-ups cost more CPU than
 * the rule checks of the block (measured with the import benchmark).
 *
 * <p>{@link #next()} returns exactly what the wrapped source would, in the same order: each
 * block, then empty at the end, or the failure the source threw at that point (the same
 * exception). Blocks read ahead of a failure the caller stops at are dropped unseen.
 *
 * <p>Does not own the wrapped source: closing stops the reading thread (after the block it is
 * reading, if any) and returns; the caller closes the source afterwards. One caller thread only.
 */
final class ReadAheadSource implements BlockSource {

  /** How long either side waits on the queue before it looks whether the other has closed or ended. */
  private static final long POLL_MILLIS = 50;

  /**
   * Blocks handed over at once: 256 make the cost of a hand-off vanish per block while the caller
   * waits at most for 256 blocks (well under a millisecond of reading) at the start of a file.
   */
  static final int HAND_OFF = 256;

  private static final Object END = new Object();

  /** What the wrapped source threw, to be thrown again by {@link #next()} in its place. */
  private record Failure(Throwable thrown) {}

  private final BlockSource source;
  /** Groups of blocks ({@code List<SourceBlock>}), then {@link #END} or a {@link Failure}. */
  private final BlockingQueue<Object> queue;
  private final Thread reader;
  private volatile boolean closed;
  private Failure failed;
  private boolean ended;
  /** The group the caller is taking blocks from, and the next block's place in it. */
  private List<SourceBlock> current = List.of();
  private int position;

  /**
   * Starts reading {@code source}; the caller must not touch it again until this is closed.
   *
   * @param capacity blocks held ahead of the caller: the memory for blocks at most grows by this
   *     many, counted in whole hand-offs of {@value #HAND_OFF} (at least one), plus two more (the one the reader
   *     fills and the one the caller takes from)
   */
  ReadAheadSource(BlockSource source, int capacity, String threadName) {
    if (capacity < 1) {
      throw new IllegalArgumentException("read-ahead capacity must be at least 1, got " + capacity);
    }
    this.source = source;
    this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity / HAND_OFF));
    this.reader = new Thread(this::readAll, threadName);
    reader.setDaemon(true);
    reader.start();
  }

  private void readAll() {
    try {
      List<SourceBlock> group = new ArrayList<>(HAND_OFF);
      while (!closed) {
        Optional<SourceBlock> block;
        try {
          block = source.next();
        } catch (Throwable t) {
          handGroup(group);
          hand(new Failure(t));
          return;
        }
        if (block.isEmpty()) {
          handGroup(group);
          hand(END);
          return;
        }
        group.add(block.get());
        if (group.size() == HAND_OFF) {
          hand(group);
          group = new ArrayList<>(HAND_OFF);
        }
      }
    } catch (InterruptedException e) {
      // Only close() stops this thread, and it does so through the flag; nothing else to do.
    }
  }

  private void handGroup(List<SourceBlock> group) throws InterruptedException {
    if (!group.isEmpty()) {
      hand(group);
    }
  }

  /** Queues {@code item}, giving up once the caller has closed. */
  private void hand(Object item) throws InterruptedException {
    while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (closed) {
        return;
      }
    }
  }

  @Override
  public Optional<SourceBlock> next() throws SourceFormatException, IOException {
    if (failed != null) {
      rethrow(failed.thrown());
    }
    if (ended) {
      return Optional.empty();
    }
    if (position < current.size()) {
      return Optional.of(current.get(position++));
    }
    Object item = take();
    if (item == END) {
      ended = true;
      current = List.of();
      return Optional.empty();
    }
    if (item instanceof Failure f) {
      failed = f;
      current = List.of();
      rethrow(f.thrown());
    }
    @SuppressWarnings("unchecked")
    List<SourceBlock> group = (List<SourceBlock>) item;
    current = group;
    position = 1;
    return Optional.of(group.get(0));
  }

  /** The next item; a reading thread gone without handing its end or failure over is an error, not a hang. */
  private Object take() throws InterruptedIOException {
    try {
      while (true) {
        Object item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (item != null) {
          return item;
        }
        if (!reader.isAlive()) {
          item = queue.poll(); // it may have handed its last item just before it ended
          if (item != null) {
            return item;
          }
          throw new IllegalStateException("the thread reading blocks ended without reaching the end of the file");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the next block");
    }
  }

  private static void rethrow(Throwable t) throws SourceFormatException, IOException {
    switch (t) {
      case SourceFormatException e -> throw e;
      case IOException e -> throw e;
      case RuntimeException e -> throw e;
      case Error e -> throw e;
      default -> throw new IllegalStateException("reading blocks failed: " + t, t);
    }
  }

  /** Stops the reading thread and waits for it, so that the caller may close the source. */
  @Override
  public void close() {
    closed = true;
    boolean interrupted = false;
    while (reader.isAlive()) {
      queue.clear(); // a reader waiting for room sees the flag at once
      try {
        reader.join(POLL_MILLIS);
      } catch (InterruptedException e) {
        interrupted = true; // the source must not be closed under the reader: keep waiting
      }
    }
    queue.clear();
    current = List.of();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
