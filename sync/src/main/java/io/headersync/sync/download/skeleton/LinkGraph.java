package io.headersync.sync.download.skeleton;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.PeerId;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The links and anchors in memory and the indexes over them: links by hash, anchors by the parent
 * hash they wait for (and by number, for choosing which to extend), the two eviction queues and
 * the insert list. It keeps the structure consistent (parent and child pointers, anchor roots,
 * queue membership) and counts what it holds; it does not validate headers or talk to peers.
 *
 * <p>The insert list holds the connected pending links whose parent is persisted: the roots from
 * which batches that extend the local chain (or a fork of it) can be handed out, lowest first.
 */
final class LinkGraph {

  private static final Comparator<Link> BY_NUMBER = Comparator.<Link>comparingLong(l -> l.number).thenComparingLong(l -> l.seq);
  private static final Comparator<Anchor> ANCHOR_BY_NUMBER =
      Comparator.<Anchor>comparingLong(a -> a.number).thenComparingLong(a -> a.seq);

  private final Map<Hash, Link> links = new HashMap<>();
  private final Map<Hash, Anchor> anchors = new HashMap<>();
  private final TreeSet<Anchor> anchorsByNumber = new TreeSet<>(ANCHOR_BY_NUMBER);
  private final TreeSet<Link> insertList = new TreeSet<>(BY_NUMBER);
  private final LinkQueues queues;
  /**
   * Number, hash, total difficulty and difficulty of the most recently evicted persisted links, at
   * most twice the persisted limit, lowest forgotten first. The stage may not have written them
   * yet; without this, a fork attaching below them could not learn its total difficulty until it
   * had.
   */
  private final TreeMap<Long, Evicted> evicted = new TreeMap<>();

  /** What is kept of an evicted persisted link. */
  record Evicted(long number, Hash hash, BigInteger totalDifficulty, BigInteger difficulty) {}

  private long nextSeq;
  private long modifications;
  private long peakPending;
  private long peakPersisted;
  private long peakAnchors;
  private long pendingEvicted;
  private long persistedEvicted;

  LinkGraph(int pendingLimit, int persistedLimit) {
    this.queues = new LinkQueues(pendingLimit, persistedLimit);
  }

  // ------------------------------------------------------------------ reading

  Link get(Hash hash) {
    return links.get(hash);
  }

  Anchor anchor(Hash parentHash) {
    return anchors.get(parentHash);
  }

  /** Anchors, lowest first. */
  NavigableSet<Anchor> anchorsByNumber() {
    return Collections.unmodifiableNavigableSet(anchorsByNumber);
  }

  /** Connected pending links whose parent is persisted, lowest first. */
  NavigableSet<Link> insertList() {
    return Collections.unmodifiableNavigableSet(insertList);
  }

  Optional<Link> persistedAt(long number) {
    return queues.persistedAt(number);
  }

  Optional<Link> persistedAtOrAbove(long number) {
    return queues.persistedAtOrAbove(number);
  }

  Optional<Link> highestPending() {
    return queues.highestPending();
  }

  int pendingExcess(int incoming) {
    return queues.pendingExcess(incoming);
  }

  int anchorCount() {
    return anchors.size();
  }

  int pendingCount() {
    return queues.pendingSize();
  }

  int persistedCount() {
    return queues.persistedSize();
  }

  int pendingLimit() {
    return queues.pendingLimit();
  }

  int persistedLimit() {
    return queues.persistedLimit();
  }

  long peakPending() {
    return peakPending;
  }

  long peakPersisted() {
    return peakPersisted;
  }

  long peakAnchors() {
    return peakAnchors;
  }

  long pendingEvicted() {
    return pendingEvicted;
  }

  long persistedEvicted() {
    return persistedEvicted;
  }

  /** Changes whenever the structure does, so a choice computed from it can be cached. */
  long modifications() {
    return modifications;
  }

  // ------------------------------------------------------------------ adding

  /**
   * Adds a link of the local chain. It becomes the child of its parent if that is in memory;
   * persisted links beyond the limit are evicted, lowest first.
   */
  Link addPersisted(BlockHeader header, BigInteger totalDifficulty) {
    Link link = new Link(header, nextSeq++, null);
    link.persisted = true;
    link.checkedAgainstParent = true;
    link.verified = true;
    link.totalDifficulty = totalDifficulty;
    Link parent = links.get(link.parentHash());
    if (parent != null && parent.persisted) {
      link.parent = parent;
      parent.children.add(link);
    }
    links.put(link.hash, link);
    queues.addPersisted(link).ifPresent(this::removeSubtree);
    evictPersistedOverflow();
    touch();
    return link;
  }

  /** Adds a pending link under {@code parent} (null: the caller hangs it from an anchor). */
  Link addPending(BlockHeader header, PeerId supplier, Link parent) {
    Link link = new Link(header, nextSeq++, supplier);
    if (parent != null) {
      link.parent = parent;
      parent.children.add(link);
    }
    links.put(link.hash, link);
    queues.addPending(link);
    peakPending = Math.max(peakPending, queues.pendingSize());
    touch();
    return link;
  }

  /** Hangs a parentless link from the anchor waiting for its parent, making the anchor if needed. */
  Anchor hangFromAnchor(Link root) {
    Anchor anchor = anchors.get(root.parentHash());
    if (anchor == null) {
      anchor = new Anchor(root.parentHash(), root.number, nextSeq++, root.supplier);
      anchors.put(anchor.parentHash, anchor);
      anchorsByNumber.add(anchor);
      peakAnchors = Math.max(peakAnchors, anchors.size());
    }
    anchor.roots.add(root);
    root.anchor = anchor;
    touch();
    return anchor;
  }

  /** Removes the anchor waiting for {@code parentHash}; its roots stay in memory, parentless. */
  Anchor detachAnchor(Hash parentHash) {
    Anchor anchor = anchors.remove(parentHash);
    if (anchor != null) {
      anchorsByNumber.remove(anchor);
      for (Link root : anchor.roots) {
        root.anchor = null;
      }
      touch();
    }
    return anchor;
  }

  void adopt(Link parent, Link child) {
    child.parent = parent;
    parent.children.add(child);
    touch();
  }

  void addToInsertList(Link link) {
    insertList.add(link);
    touch();
  }

  // ------------------------------------------------------------------ persisting

  /** Makes a connected pending link part of the local chain (it was handed out). */
  void markPersisted(Link link) {
    queues.remove(link);
    insertList.remove(link);
    link.persisted = true;
    queues.addPersisted(link).ifPresent(this::removeSubtree);
    for (Link child : link.children) {
      if (child.connected() && !child.persisted) {
        insertList.add(child);
      }
    }
    evictPersistedOverflow();
    touch();
  }

  /**
   * Makes a persisted link pending again (the local chain was set below it): it keeps its total
   * difficulty and may be handed out again. Pending links beyond the limit are then evicted.
   */
  void unpersist(Link link) {
    queues.remove(link);
    link.persisted = false;
    queues.addPending(link);
    if (link.parent != null && link.parent.persisted) {
      insertList.add(link);
    }
    for (Link child : link.children) {
      insertList.remove(child);
    }
    while (queues.pendingExcess(0) > 0) {
      evictHighestPending();
    }
    peakPending = Math.max(peakPending, queues.pendingSize());
    touch();
  }

  private void evictPersistedOverflow() {
    for (Optional<Link> victim = queues.persistedOverflow(); victim.isPresent(); victim = queues.persistedOverflow()) {
      Link link = victim.get();
      queues.remove(link);
      links.remove(link.hash, link);
      if (link.parent != null) {
        link.parent.children.remove(link);
      }
      // Children keep their total difficulty and their place; only the pointer to a parent that
      // is now only in the store goes.
      for (Link child : link.children) {
        child.parent = null;
      }
      // An evicted link that kept its children would chain every later one to any holder of an
      // old link (a cached decision, a batch in the stage): the whole synced chain would stay live.
      link.children.clear();
      evicted.put(link.number, new Evicted(link.number, link.hash, link.totalDifficulty, link.header.difficulty()));
      while (evicted.size() > 2 * queues.persistedLimit()) {
        evicted.pollFirstEntry();
      }
      persistedEvicted++;
    }
    peakPersisted = Math.max(peakPersisted, queues.persistedSize());
  }

  // ------------------------------------------------------------------ removing

  /** Evicts the highest pending link (a leaf); returns it, or empty when none is pending. */
  Optional<Link> evictHighestPending() {
    Optional<Link> victim = queues.highestPending();
    victim.ifPresent(link -> {
      removeSubtree(link);
      pendingEvicted++;
    });
    return victim;
  }

  /**
   * Removes {@code root} and every link descending from it: from the index, the queues and the
   * insert list, from its parent's children or its anchor's roots (an anchor left without roots
   * goes too). Returns the links removed, root first.
   */
  List<Link> removeSubtree(Link root) {
    if (root.parent != null) {
      root.parent.children.remove(root);
      root.parent = null;
    }
    if (root.anchor != null) {
      Anchor anchor = root.anchor;
      anchor.roots.remove(root);
      root.anchor = null;
      if (anchor.roots.isEmpty()) {
        anchors.remove(anchor.parentHash, anchor);
        anchorsByNumber.remove(anchor);
      }
    }
    List<Link> removed = new ArrayList<>();
    Deque<Link> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Link link = stack.pop();
      removed.add(link);
      links.remove(link.hash, link);
      queues.remove(link);
      insertList.remove(link);
      for (Link child : link.children) {
        stack.push(child);
      }
    }
    touch();
    return removed;
  }

  /** Removes an anchor and every link hanging from it; returns the links removed. */
  List<Link> removeAnchor(Anchor anchor) {
    List<Link> removed = new ArrayList<>();
    for (Link root : List.copyOf(anchor.roots)) {
      removed.addAll(removeSubtree(root));
    }
    anchors.remove(anchor.parentHash, anchor);
    anchorsByNumber.remove(anchor);
    touch();
    return removed;
  }

  /** The evicted persisted link at {@code number}, if still remembered. */
  Optional<Evicted> evictedAt(long number) {
    return Optional.ofNullable(evicted.get(number));
  }

  /** The lowest remembered evicted persisted link at or above {@code number}. */
  Optional<Evicted> evictedAtOrAbove(long number) {
    Map.Entry<Long, Evicted> e = evicted.ceilingEntry(number);
    return e == null ? Optional.empty() : Optional.of(e.getValue());
  }

  /** Forgets evicted persisted links above {@code number} (the local chain was unwound below them). */
  void forgetEvictedAbove(long number) {
    evicted.tailMap(number, false).clear();
  }

  /** Persisted links above {@code number}, highest first. */
  Iterable<Link> persistedAbove(long number) {
    return queues.persistedAbove(number);
  }

  void clear() {
    links.clear();
    anchors.clear();
    anchorsByNumber.clear();
    insertList.clear();
    queues.clear();
    evicted.clear();
    touch();
  }

  private void touch() {
    modifications++;
  }
}
