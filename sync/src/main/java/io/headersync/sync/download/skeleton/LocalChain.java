package io.headersync.sync.download.skeleton;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.HeaderStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The local chain as the downloader sees it: its head (the last header handed out, or the one
 * the stage set), the persisted links in memory, and behind them the store, from which headers a
 * fork may attach to are read on demand.
 *
 * <p>Total difficulty: when the store knows the head's total difficulty, every link carries an
 * absolute one (and header rules that need it get it). When it does not (a store whose
 * difficulty stage has not run), total difficulty is counted from zero at the head the downloader
 * started from; comparisons between branches are the same either way, since every branch is
 * measured from the same origin, but the rules are then given no parent total difficulty.
 */
final class LocalChain {

  private final HeaderStore store;
  private final LinkGraph graph;
  private final int maxForkDepth;

  private Link head;
  private boolean absoluteDifficulty;

  LocalChain(HeaderStore store, LinkGraph graph, int maxForkDepth) {
    this.store = store;
    this.graph = graph;
    this.maxForkDepth = maxForkDepth;
  }

  /**
   * Sets the head the downloaded chain must attach to. When it is a persisted link (the stage
   * unwound to it, or restarted from it), the persisted links above it become pending again: they
   * are still verified and connected, and are handed out again if they stay the best branch. A
   * header not in memory but whose total difficulty the caller knows (a forking point evicted from
   * memory) is put back in its place. Any other header starts the graph afresh from it.
   *
   * @param knownTotalDifficulty the header's total difficulty on the links' scale, or null
   */
  void setHead(BlockHeader header, BigInteger knownTotalDifficulty) {
    Link existing = graph.get(header.hash());
    if (existing == null && knownTotalDifficulty != null && head != null && header.number() <= head.number) {
      unpersistAbove(header.number() - 1);
      existing = graph.addPersisted(header, knownTotalDifficulty);
      for (Link root : List.copyOf(graph.insertList())) {
        if (root.parent == null && root.parentHash().equals(header.hash())) {
          graph.adopt(existing, root);
        }
      }
    }
    if (existing != null && existing.persisted) {
      unpersistAbove(existing.number);
      head = existing;
      return;
    }
    graph.clear();
    Optional<BigInteger> td = store.totalDifficulty(header.number(), header.hash());
    absoluteDifficulty = td.isPresent();
    head = graph.addPersisted(header, td.orElse(BigInteger.ZERO));
  }

  private void unpersistAbove(long number) {
    graph.forgetEvictedAbove(number);
    List<Link> above = new ArrayList<>();
    graph.persistedAbove(number).forEach(above::add);
    // Lowest first, so each one's parent is already pending (or the new head) when it turns.
    for (Link link : above.reversed()) {
      if (graph.get(link.hash) == link) {
        graph.unpersist(link);
      }
    }
  }

  Link head() {
    return head;
  }

  void advance(Link newHead) {
    head = newHead;
  }

  boolean absoluteDifficulty() {
    return absoluteDifficulty;
  }

  /** The link's total difficulty when it is absolute and known, else null (what header rules take). */
  BigInteger ruleTotalDifficulty(Link link) {
    return absoluteDifficulty ? link.totalDifficulty : null;
  }

  /**
   * The hash of the local chain at {@code number}: a persisted link's, else the store's canonical
   * one; empty where neither knows (above the store's head and out of memory, or above the head).
   */
  Optional<Hash> canonicalHashAt(long number) {
    Optional<Link> persisted = graph.persistedAt(number);
    if (persisted.isPresent()) {
      return Optional.of(persisted.get().hash);
    }
    return number <= head.number ? store.canonicalHash(number) : Optional.empty();
  }

  /** The lowest number a header may have and still be taken (a fork attaches above it). */
  long floor() {
    return head.number - maxForkDepth;
  }

  /**
   * Whether a header is already part of what the downloader has: a link in memory, or the
   * canonical header of the store at its number (at or below the head).
   */
  boolean isKnown(Hash hash, long number) {
    if (graph.get(hash) != null) {
      return true;
    }
    if (number > head.number || number < 0) {
      return false;
    }
    if (graph.evictedAt(number).map(e -> e.hash().equals(hash)).orElse(false)) {
      return true;
    }
    return store.canonicalHash(number).map(hash::equals).orElse(false);
  }

  /**
   * The link for {@code hash}: from memory, or read from the store when it is a canonical header
   * within {@code maxForkDepth} of the head (it then becomes a persisted link). Null otherwise.
   */
  Link resolve(Hash hash) {
    Link link = graph.get(hash);
    if (link != null) {
      return link;
    }
    OptionalLong number = store.blockNumber(hash);
    if (number.isEmpty() || number.getAsLong() > head.number || number.getAsLong() < floor()) {
      return null;
    }
    if (!store.canonicalHash(number.getAsLong()).map(hash::equals).orElse(false)) {
      return null;
    }
    Optional<BlockHeader> header = store.header(hash);
    if (header.isEmpty()) {
      return null;
    }
    BigInteger td = totalDifficultyOf(header.get());
    return td == null ? null : graph.addPersisted(header.get(), td);
  }

  /**
   * A canonical store header's total difficulty on the same scale as the links': the store's own
   * when absolute, else that of the nearest persisted link above it (in memory, or remembered
   * after eviction) minus the difficulties in between, read from the store.
   */
  private BigInteger totalDifficultyOf(BlockHeader header) {
    if (absoluteDifficulty) {
      Optional<BigInteger> stored = store.totalDifficulty(header.number(), header.hash());
      if (stored.isPresent()) {
        return stored.get();
      }
    }
    long from = header.number() + 1;
    Optional<Link> link = graph.persistedAtOrAbove(from);
    Optional<LinkGraph.Evicted> evicted = graph.evictedAtOrAbove(from);
    long upperNumber;
    BigInteger upperTd;
    BigInteger between;
    if (evicted.isPresent() && (link.isEmpty() || evicted.get().number() < link.get().number)) {
      upperNumber = evicted.get().number();
      upperTd = evicted.get().totalDifficulty();
      between = evicted.get().difficulty();
    } else if (link.isPresent()) {
      upperNumber = link.get().number;
      upperTd = link.get().totalDifficulty;
      between = link.get().header.difficulty();
    } else {
      return null;
    }
    for (long n = from; n < upperNumber; n++) {
      Optional<BlockHeader> h = store.canonicalHeader(n);
      if (h.isEmpty()) {
        return null;
      }
      between = between.add(h.get().difficulty());
    }
    return upperTd.subtract(between);
  }
}
