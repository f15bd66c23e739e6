package io.headersync.node.devnet;

import io.headersync.store.HeaderStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Judges, from the syncing node's store, when each change the producer made was followed: a new
 * block once it is canonical there; a reorg once its new head is canonical and its old head is not.
 * The lag of each is the time from the producer's announcement to the first check that saw it
 * followed, so it is as fine as the checks are frequent. A block replaced by a reorg before it was
 * seen is dropped (neither followed nor missed). Not thread-safe: one checker thread.
 */
public final class FollowTracker {

  /** A change followed, and how long after it was announced. */
  public record Followed(ChainEvent event, long lagNanos) {}

  private record Pending(ChainEvent event, long announcedNanos) {}

  private final List<Pending> pending = new ArrayList<>();
  private final List<Followed> followed = new ArrayList<>();
  private int blocks;
  private int reorgs;

  /** Notes a change the producer just announced. */
  public synchronized void announced(ChainEvent event, long nowNanos) {
    Objects.requireNonNull(event, "event");
    if (event instanceof ChainEvent.Reorg reorg) {
      pending.removeIf(p -> reorg.removed().stream().anyMatch(h -> h.hash().equals(p.event.head().hash())));
    }
    pending.add(new Pending(event, nowNanos));
  }

  /** Checks the pending changes against {@code node}; answers those followed by this check. */
  public synchronized List<Followed> check(HeaderStore node, long nowNanos) {
    List<Followed> now = new ArrayList<>();
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      boolean done = switch (p.event) {
        case ChainEvent.NewBlock b -> node.isCanonical(b.head().hash());
        case ChainEvent.Reorg r -> node.isCanonical(r.head().hash()) && !node.isCanonical(r.oldHead().hash());
      };
      if (done) {
        it.remove();
        Followed f = new Followed(p.event, nowNanos - p.announcedNanos);
        followed.add(f);
        now.add(f);
        if (p.event instanceof ChainEvent.Reorg) {
          reorgs++;
        } else {
          blocks++;
        }
      }
    }
    return now;
  }

  public synchronized int followedBlocks() {
    return blocks;
  }

  public synchronized int followedReorgs() {
    return reorgs;
  }

  public synchronized List<Followed> followed() {
    return List.copyOf(followed);
  }

  /** The largest lag of a followed change, 0 before any. */
  public synchronized long maxLagNanos() {
    return followed.stream().mapToLong(Followed::lagNanos).max().orElse(0);
  }

  /** Changes announced and not yet followed. */
  public synchronized int pendingCount() {
    return pending.size();
  }
}
