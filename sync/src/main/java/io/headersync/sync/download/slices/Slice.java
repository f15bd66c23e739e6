package io.headersync.sync.download.slices;

import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.RequestTicket;
import io.headersync.sync.time.Cancellable;
import java.util.List;

/**
 * Headers {@code start..end()} of the chain being downloaded, and how far they have got. Mutable,
 * owned by the downloader's event loop; a slice that is dropped and made again is a new object,
 * so an answer to a request of an old slice is recognised and ignored.
 */
public final class Slice {

  private final long start;
  private final int count;
  private SliceState state = SliceState.EMPTY;
  private List<BlockHeader> headers = List.of();
  private PeerId supplier;

  /** Its last header's hash is fixed by a trusted hash above it (a checkpoint, the target, or a pinned slice above). */
  boolean pinned;
  /** Pinned by a shipped checkpoint: its headers need no rule checks. */
  boolean preverified;
  /** Linked to the verified chain below it, and its headers passed the rules against their parents. */
  boolean linkedBelow;
  /** Ends at the target's number but not at the target's hash: a fork, once it links below. */
  boolean missesTarget;
  RequestTicket ticket;
  Cancellable deadline = Cancellable.NONE;
  /** Not to be requested before this time (nanoseconds of the loop's clock) after a failed request. */
  long notBefore = Long.MIN_VALUE;
  int requests;

  Slice(long start, int count) {
    if (start < 0 || count < 1) {
      throw new IllegalArgumentException("a slice needs start >= 0 and count >= 1, got " + start + ", " + count);
    }
    this.start = start;
    this.count = count;
  }

  public long start() {
    return start;
  }

  public long end() {
    return start + count - 1;
  }

  public int count() {
    return count;
  }

  public SliceState state() {
    return state;
  }

  /** The headers, ascending, once downloaded; empty before and after (saved slices let them go). */
  public List<BlockHeader> headers() {
    return headers;
  }

  /** The peer whose answer the headers came from, or null (unknown, or several). */
  public PeerId supplier() {
    return supplier;
  }

  public boolean contains(long number) {
    return number >= start && number <= end();
  }

  BlockHeader first() {
    return headers.getFirst();
  }

  BlockHeader last() {
    return headers.getLast();
  }

  BlockHeader header(long number) {
    return headers.get((int) (number - start));
  }

  void downloaded(List<BlockHeader> answer, PeerId from) {
    if (answer.size() != count) {
      throw new IllegalArgumentException("slice #" + start + ".." + end() + " needs " + count + " headers, got " + answer.size());
    }
    headers = List.copyOf(answer);
    supplier = from;
    state = SliceState.DOWNLOADED;
    ticket = null;
    deadline.cancel();
    deadline = Cancellable.NONE;
  }

  void waiting(RequestTicket t, Cancellable timer) {
    state = SliceState.WAITING;
    ticket = t;
    deadline = timer;
    requests++;
  }

  void state(SliceState next) {
    state = next;
  }

  /** Drops headers and flags and cancels what is in flight: back to {@link SliceState#EMPTY}. */
  void empty() {
    if (ticket != null) {
      ticket.cancel();
      ticket = null;
    }
    deadline.cancel();
    deadline = Cancellable.NONE;
    headers = List.of();
    supplier = null;
    pinned = false;
    preverified = false;
    linkedBelow = false;
    missesTarget = false;
    state = SliceState.EMPTY;
  }

  /** Marks the slice handed out and lets its headers go. */
  void saved() {
    headers = List.of();
    state = SliceState.SAVED;
  }

  /** The part {@code start..last} of this slice, in the same state, with its headers. */
  Slice truncatedTo(long last) {
    if (last < start || last >= end()) {
      throw new IllegalArgumentException("cannot cut #" + start + ".." + end() + " to end at #" + last);
    }
    Slice s = new Slice(start, (int) (last - start + 1));
    s.state = state == SliceState.VERIFIED ? SliceState.VERIFIED_INTERNALLY : state;
    if (!headers.isEmpty()) {
      s.headers = List.copyOf(headers.subList(0, s.count));
    }
    s.supplier = supplier;
    s.linkedBelow = linkedBelow;
    return s;
  }

  @Override
  public String toString() {
    return "slice #" + start + ".." + end() + " " + state + (supplier == null ? "" : " from " + supplier);
  }
}
