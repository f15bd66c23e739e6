package io.headersync.sync.live;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.RequestTicket;
import java.util.List;

/**
 * The headers part of a range download: from the tip down by parent hash, {@code count} headers in
 * all, one request at a time. Asking by hash, never by number, means a peer on another fork cannot
 * slip its blocks in: each answer must start at the parent of the lowest header so far.
 */
final class RangeWalk {

  final Hash tip;
  final int count;
  /** The next hash to ask for: the tip, then the parent of the lowest header so far. */
  Hash next;
  BlockHeader lowest;
  long tipNumber = -1;
  int received;
  int wrongAnswers;
  RequestTicket ticket;

  RangeWalk(Hash tip, int count) {
    this.tip = tip;
    this.count = count;
    this.next = tip;
  }

  /** Headers still expected: the tracked blocks this walk reserves. */
  int expected() {
    return count - received;
  }

  /** The lowest number this walk can still produce; unknown (the lowest long) before the tip arrives. */
  long lowestPossible() {
    return tipNumber < 0 ? Long.MIN_VALUE : Math.max(0, tipNumber - count + 1);
  }

  boolean finished() {
    return received == count || (lowest != null && lowest.number() == 0);
  }

  HeadersRequest nextRequest(int maxHeaders) {
    return new HeadersRequest(BlockOrigin.hash(next), Math.min(expected(), maxHeaders), 0, true);
  }

  /**
   * Why {@code headers} is not the next part of this walk, or null when it is: it must start at
   * {@link #next} and go down one block at a time, each header the parent of the one before.
   */
  String problemWith(List<BlockHeader> headers, int limit) {
    if (headers.isEmpty()) {
      return "no headers";
    }
    if (headers.size() > limit) {
      return "asked for " + limit + " headers, got " + headers.size();
    }
    BlockHeader first = headers.getFirst();
    if (!first.hash().equals(next)) {
      return "first header " + first.hash() + " is not the one asked for, " + next;
    }
    if (lowest != null && first.number() != lowest.number() - 1) {
      return "header " + next + " is #" + first.number() + ", its child is #" + lowest.number();
    }
    for (int i = 1; i < headers.size(); i++) {
      BlockHeader child = headers.get(i - 1);
      BlockHeader parent = headers.get(i);
      if (parent.number() != child.number() - 1 || !child.parentHash().equals(parent.hash())) {
        return "header #" + parent.number() + " at position " + i + " is not the parent of #" + child.number();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "range of " + count + " from " + tip;
  }
}
