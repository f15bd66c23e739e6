package io.headersync.sync.download.skeleton;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The two eviction queues of the links in memory, each with its limit.
 *
 * <ul>
 *   <li>Pending links (not handed out yet) are evicted highest first: they are the furthest from
 *       being handed out, and the highest pending link is always a leaf (a pending link's children
 *       are pending and one higher), so evicting it never orphans another.
 *   <li>Persisted links (the local chain's recent tail) are evicted lowest first: the tail near
 *       the head is what forks attach to. Persisted links form one chain, so there is at most one
 *       per number.
 * </ul>
 *
 * <p>The queues only order and count; removing an evicted link from the graph is the graph's job.
 */
final class LinkQueues {

  private static final Comparator<Link> HIGHEST_FIRST =
      Comparator.<Link>comparingLong(l -> -l.number).thenComparingLong(l -> l.seq);

  private final int pendingLimit;
  private final int persistedLimit;
  private final TreeSet<Link> pending = new TreeSet<>(HIGHEST_FIRST);
  private final TreeMap<Long, Link> persisted = new TreeMap<>();

  LinkQueues(int pendingLimit, int persistedLimit) {
    this.pendingLimit = pendingLimit;
    this.persistedLimit = persistedLimit;
  }

  void addPending(Link link) {
    pending.add(link);
  }

  /** Adds a persisted link; one already at its number (another branch) is replaced and returned. */
  Optional<Link> addPersisted(Link link) {
    Link previous = persisted.put(link.number, link);
    return previous == null || previous == link ? Optional.empty() : Optional.of(previous);
  }

  void remove(Link link) {
    if (link.persisted) {
      persisted.remove(link.number, link);
    } else {
      pending.remove(link);
    }
  }

  /** The pending link to evict first: the highest, the oldest among equals. */
  Optional<Link> highestPending() {
    return pending.isEmpty() ? Optional.empty() : Optional.of(pending.first());
  }

  /** The persisted link to evict next while over the limit, never the last one left. */
  Optional<Link> persistedOverflow() {
    return persisted.size() > persistedLimit && persisted.size() > 1 ? Optional.of(persisted.firstEntry().getValue()) : Optional.empty();
  }

  /** How many pending links must go before {@code incoming} more fit. */
  int pendingExcess(int incoming) {
    return Math.max(0, pending.size() + incoming - pendingLimit);
  }

  /** The persisted link at {@code number}, if in memory. */
  Optional<Link> persistedAt(long number) {
    return Optional.ofNullable(persisted.get(number));
  }

  /** The lowest persisted link at or above {@code number}. */
  Optional<Link> persistedAtOrAbove(long number) {
    Map.Entry<Long, Link> e = persisted.ceilingEntry(number);
    return e == null ? Optional.empty() : Optional.of(e.getValue());
  }

  /** Persisted links above {@code number}, highest first. */
  Iterable<Link> persistedAbove(long number) {
    return List.copyOf(persisted.tailMap(number, false).descendingMap().values());
  }

  int pendingSize() {
    return pending.size();
  }

  int persistedSize() {
    return persisted.size();
  }

  int pendingLimit() {
    return pendingLimit;
  }

  int persistedLimit() {
    return persistedLimit;
  }

  void clear() {
    pending.clear();
    persisted.clear();
  }
}
