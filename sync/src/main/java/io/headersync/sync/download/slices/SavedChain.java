package io.headersync.sync.download.slices;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.PeerId;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

/**
 * What the downloader has handed out most recently, so it can join a fork to it and unwind a
 * saved slice the chain above will not link to, without reading the store for headers it has
 * just written (the store may not have committed them yet). Bounded: the last {@code maxHeaders}
 * hashes with their difficulties, and the last {@code maxSlices} slices with their suppliers.
 */
final class SavedChain {

  /** A handed-out header: enough to find a fork point and weigh a branch. */
  record Ref(long number, Hash hash, BigInteger difficulty) {}

  /** A handed-out slice: enough to unwind it and to judge its supplier later. */
  record SavedSlice(long start, long end, PeerId supplier, Hash firstParent, Hash lastHash, boolean preverified) {}

  private final int maxHeaders;
  private final int maxSlices;
  private final ArrayDeque<Ref> refs = new ArrayDeque<>();
  private final ArrayDeque<SavedSlice> slices = new ArrayDeque<>();
  private BlockHeader head;

  SavedChain(int maxHeaders, int maxSlices) {
    this.maxHeaders = maxHeaders;
    this.maxSlices = maxSlices;
  }

  /** The local head the download attaches to: what the stage said, or the last header handed out. */
  BlockHeader head() {
    return head;
  }

  /** A new local head from the stage (start, or after an unwind): forgets what lies above it. */
  void resetTo(BlockHeader newHead) {
    head = newHead;
    while (!refs.isEmpty() && refs.peekLast().number() >= newHead.number()) {
      refs.removeLast();
    }
    if (!refs.isEmpty() && refs.peekLast().number() != newHead.number() - 1) {
      refs.clear();
    }
    push(new Ref(newHead.number(), newHead.hash(), newHead.difficulty()));
    while (!slices.isEmpty() && slices.peekLast().end() > newHead.number()) {
      slices.removeLast();
    }
  }

  void saved(Slice s) {
    for (BlockHeader h : s.headers()) {
      push(new Ref(h.number(), h.hash(), h.difficulty()));
    }
    head = s.last();
    slices.addLast(new SavedSlice(s.start(), s.end(), s.supplier(), s.first().parentHash(), s.last().hash(), s.preverified));
    while (slices.size() > maxSlices) {
      slices.removeFirst();
    }
  }

  /** The last slice handed out, if still remembered. */
  Optional<SavedSlice> lastSlice() {
    return Optional.ofNullable(slices.peekLast());
  }

  /** The handed-out header at {@code number}, if still remembered. */
  Optional<Ref> ref(long number) {
    if (refs.isEmpty()) {
      return Optional.empty();
    }
    long first = refs.peekFirst().number();
    if (number < first || number > refs.peekLast().number()) {
      return Optional.empty();
    }
    // Refs are contiguous; walk from the nearer end.
    long fromTop = refs.peekLast().number() - number;
    Iterator<Ref> it = fromTop < number - first ? refs.descendingIterator() : refs.iterator();
    while (it.hasNext()) {
      Ref r = it.next();
      if (r.number() == number) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private void push(Ref r) {
    if (!refs.isEmpty() && refs.peekLast().number() != r.number() - 1) {
      refs.clear();
    }
    refs.addLast(r);
    while (refs.size() > maxHeaders) {
      refs.removeFirst();
    }
  }
}
