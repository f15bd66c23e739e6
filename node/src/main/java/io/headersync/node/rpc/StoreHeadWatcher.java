package io.headersync.node.rpc;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns changes of a store's canonical head into {@link HeadEvent}s for writers that do not
 * publish their own (the sync pipeline commits batches and unwinds without knowing of RPC). Each
 * {@link #poll} compares the head with the one seen last: a head on the same branch is an
 * extension, one on another branch a reorg. It remembers the last {@code remembered} canonical
 * headers itself, because the store deletes unwound headers, and an old branch can only be named
 * from memory.
 *
 * <p>A head that moved more than {@code maxAddedPerEvent} blocks (a catching-up sync) produces an
 * extension of only the newest {@code maxAddedPerEvent} headers: subscribers follow the tip, not
 * history. Call {@link #poll} from one thread (a timer, or after each commit).
 *
 * @see HeadEventHub
 */
public final class StoreHeadWatcher {

  private final HeaderStore store;
  private final HeadEventHub hub;
  private final int remembered;
  private final int maxAddedPerEvent;
  private final Deque<BlockHeader> recent = new ArrayDeque<>();
  private final Map<Hash, BlockHeader> recentByHash = new HashMap<>();

  /**
   * @param remembered canonical headers kept to name a reorg's removed branch; reorgs deeper than
   *     this are reported as extensions of the new branch. 128 covers any reorg seen on mainnet since
   *     the merge many times over
   * @param maxAddedPerEvent the most headers one event carries
   */
  public StoreHeadWatcher(HeaderStore store, HeadEventHub hub, int remembered, int maxAddedPerEvent) {
    this.store = Objects.requireNonNull(store, "store");
    this.hub = Objects.requireNonNull(hub, "hub");
    if (remembered < 1 || maxAddedPerEvent < 1) {
      throw new IllegalArgumentException("remembered and maxAddedPerEvent must be positive: " + remembered + ", " + maxAddedPerEvent);
    }
    this.remembered = remembered;
    this.maxAddedPerEvent = maxAddedPerEvent;
  }

  public StoreHeadWatcher(HeaderStore store, HeadEventHub hub) {
    this(store, hub, 128, 128);
  }

  /** Publishes what changed since the last poll; the first poll only notes the head. */
  public synchronized Optional<HeadEvent> poll() {
    Optional<BlockRef> headRef = store.head();
    if (headRef.isEmpty()) {
      return Optional.empty();
    }
    if (!recent.isEmpty() && recent.peekLast().hash().equals(headRef.get().hash())) {
      return Optional.empty();
    }
    Optional<BlockHeader> head = store.header(headRef.get().hash());
    if (head.isEmpty()) {
      return Optional.empty(); // unwound between the two reads; the next poll sees the new head
    }
    if (recent.isEmpty()) {
      remember(List.of(head.get()));
      return Optional.empty();
    }
    // Walk down from the new head until a remembered header (the common ancestor) or the limit.
    List<BlockHeader> added = new ArrayList<>();
    BlockHeader at = head.get();
    BlockHeader ancestor = null;
    int walkLimit = Math.max(remembered, maxAddedPerEvent) + 1;
    while (added.size() < walkLimit) {
      if (recentByHash.containsKey(at.hash())) {
        ancestor = at;
        break;
      }
      added.add(at);
      Optional<BlockHeader> parent = store.header(at.parentHash());
      if (parent.isEmpty()) {
        break;
      }
      at = parent.get();
    }
    Collections.reverse(added);
    if (added.size() > maxAddedPerEvent) {
      added = new ArrayList<>(added.subList(added.size() - maxAddedPerEvent, added.size()));
    }
    List<BlockHeader> removed = new ArrayList<>();
    if (ancestor != null) {
      while (!recent.isEmpty() && !recent.peekLast().hash().equals(ancestor.hash())) {
        BlockHeader gone = recent.removeLast();
        recentByHash.remove(gone.hash());
        removed.addFirst(gone);
      }
    } else {
      recent.clear();
      recentByHash.clear();
    }
    if (added.isEmpty()) {
      // The head went back to a remembered header (an unwind with nothing new on top).
      return Optional.empty();
    }
    HeadEvent event = removed.isEmpty() || !removed.getFirst().parentHash().equals(added.getFirst().parentHash())
        ? new HeadEvent.Extended(added)
        : new HeadEvent.Reorg(removed, added);
    remember(added);
    hub.publish(event);
    return Optional.of(event);
  }

  private void remember(List<BlockHeader> headers) {
    for (BlockHeader h : headers) {
      recent.addLast(h);
      recentByHash.put(h.hash(), h);
      if (recent.size() > remembered) {
        recentByHash.remove(recent.removeFirst().hash());
      }
    }
  }
}
