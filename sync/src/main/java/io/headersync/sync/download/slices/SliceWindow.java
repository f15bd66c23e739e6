package io.headersync.sync.download.slices;

import io.headersync.core.checkpoint.CheckpointHashes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * The slices being worked on, lowest first, contiguous: a sliding window over the chain that
 * holds at most {@code capacity} slices made by {@link #fill()}, moves up as its lowest slices
 * are saved, and never reaches past {@link #end()}.
 *
 * <p>Slice boundaries: a slice starts right after the previous one and ends at the first of
 * (start + slice size − 1), the next checkpoint at or above its start, and the window's end. With
 * checkpoints every 192 blocks and a start right after one, every slice runs from one checkpoint
 * (exclusive) to the next (inclusive) and is checked by its own last hash.
 */
final class SliceWindow {

  private final List<Slice> slices = new ArrayList<>();
  private final int capacity;
  private final int sliceSize;
  private final CheckpointHashes checkpoints;
  private long nextStart;
  private long end = -1;
  private int peakSlices;
  private long peakHeaders;

  SliceWindow(int capacity, int sliceSize, CheckpointHashes checkpoints) {
    this.capacity = capacity;
    this.sliceSize = sliceSize;
    this.checkpoints = checkpoints;
  }

  /** Drops every slice (cancelling their requests); the next slice starts at {@code firstNumber}. */
  void reset(long firstNumber) {
    for (Slice s : slices) {
      s.empty();
    }
    slices.clear();
    nextStart = firstNumber;
  }

  /** The highest block the window may cover; slices above it are dropped. */
  void setEnd(long newEnd) {
    end = newEnd;
    while (!slices.isEmpty() && slices.getLast().end() > newEnd) {
      Slice top = slices.removeLast();
      top.empty();
      nextStart = top.start();
    }
  }

  long end() {
    return end;
  }

  /** The first block not covered by a slice yet. */
  long nextStart() {
    return nextStart;
  }

  /** Adds empty slices on top until the window is full or reaches its end; answers how many. */
  int fill() {
    int added = 0;
    while (slices.size() < capacity && nextStart <= end) {
      long last = Math.min(end, nextStart + sliceSize - 1);
      OptionalLong checkpoint = checkpoints.ceiling(nextStart);
      if (checkpoint.isPresent() && checkpoint.getAsLong() < last) {
        last = checkpoint.getAsLong();
      }
      append(new Slice(nextStart, (int) (last - nextStart + 1)));
      added++;
    }
    return added;
  }

  /** Puts {@code slice} on top; it must start where the window stops. */
  void append(Slice slice) {
    if (slice.start() != nextStart) {
      throw new IllegalStateException("slice #" + slice.start() + " does not continue the window at #" + nextStart);
    }
    slices.add(slice);
    nextStart = slice.end() + 1;
    notePeak();
  }

  /** Removes saved slices from the bottom; answers how many. */
  int dropSaved() {
    int n = 0;
    while (!slices.isEmpty() && slices.getFirst().state() == SliceState.SAVED) {
      slices.removeFirst();
      n++;
    }
    return n;
  }

  /**
   * Keeps blocks up to {@code last} only: slices above are dropped, a slice across it is cut (its
   * request, if any, cancelled), and the window continues at {@code last + 1}.
   */
  void truncateAfter(long last) {
    while (!slices.isEmpty() && slices.getLast().start() > last) {
      slices.removeLast().empty();
    }
    if (!slices.isEmpty() && slices.getLast().end() > last) {
      Slice top = slices.removeLast();
      Slice cut = top.truncatedTo(last);
      if (top.state() == SliceState.WAITING || top.state() == SliceState.INVALID || top.state() == SliceState.FORK) {
        cut.empty();
      }
      top.empty();
      slices.add(cut);
    }
    nextStart = last + 1;
  }

  int size() {
    return slices.size();
  }

  boolean isEmpty() {
    return slices.isEmpty();
  }

  int capacity() {
    return capacity;
  }

  Slice get(int index) {
    return slices.get(index);
  }

  Slice lowest() {
    return slices.isEmpty() ? null : slices.getFirst();
  }

  List<Slice> slices() {
    return Collections.unmodifiableList(slices);
  }

  /** Index of the slice holding {@code number}, or -1. */
  int indexOf(long number) {
    if (slices.isEmpty() || number < slices.getFirst().start() || number > slices.getLast().end()) {
      return -1;
    }
    int lo = 0;
    int hi = slices.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Slice s = slices.get(mid);
      if (number < s.start()) {
        hi = mid - 1;
      } else if (number > s.end()) {
        lo = mid + 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  long heldHeaders() {
    long n = 0;
    for (Slice s : slices) {
      n += s.headers().size();
    }
    return n;
  }

  /** Records the current size among the peaks; call after anything that adds slices or headers. */
  void notePeak() {
    peakSlices = Math.max(peakSlices, slices.size());
    peakHeaders = Math.max(peakHeaders, heldHeaders());
  }

  int peakSlices() {
    return peakSlices;
  }

  long peakHeaders() {
    return peakHeaders;
  }

  /** The window as a picture: one symbol a slice, lowest first, separated by spaces. */
  String render() {
    StringBuilder b = new StringBuilder(slices.size() * 2);
    for (Slice s : slices) {
      if (!b.isEmpty()) {
        b.append(' ');
      }
      b.append(s.state().symbol());
    }
    return b.toString();
  }
}
