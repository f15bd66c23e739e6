package io.headersync.node.devnet;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Grows the servers' chain: one block per {@link #step}, and every {@code reorgEvery}-th step a
 * reorganisation instead, which replaces the last {@code reorgDepth} blocks with a new branch one
 * block longer (so the head still moves on by one, as a real chain's does when a late block wins).
 * Each change is written to the servers' store in one atomic write, bodies included (a reorg
 * demotes the old branch, which stays stored as a side branch, and makes the new one canonical),
 * and then handed to {@code announce}, which tells every server's peers.
 *
 * <p>The producer decides nothing by time: the caller steps it (on a timer in the devnet, by hand
 * in tests). Steps are serialised.
 */
public final class BlockProducer {

  private final DevnetChain chain;
  private final HeaderStore store;
  private final int reorgEvery;
  private final int reorgDepth;
  private final Consumer<ChainEvent> announce;
  private long steps;
  private long branch;

  /**
   * @param store the servers' store, already holding the chain's history as canonical
   * @param reorgEvery a reorg every this many steps; 0 for none
   * @param reorgDepth blocks a reorg replaces
   * @param announce told of each change once it is stored
   */
  public BlockProducer(DevnetChain chain, HeaderStore store, int reorgEvery, int reorgDepth, Consumer<ChainEvent> announce) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.store = Objects.requireNonNull(store, "store");
    this.announce = Objects.requireNonNull(announce, "announce");
    if (reorgEvery < 0 || reorgDepth < 1) {
      throw new IllegalArgumentException("reorgEvery must not be negative and reorgDepth must be at least 1, got "
          + reorgEvery + " and " + reorgDepth);
    }
    this.reorgEvery = reorgEvery;
    this.reorgDepth = reorgDepth;
  }

  /** The next scheduled change: a block, or every {@code reorgEvery}-th time a reorg. */
  public synchronized ChainEvent step() {
    steps++;
    if (reorgEvery > 0 && steps % reorgEvery == 0) {
      return reorg(reorgDepth);
    }
    return newBlock();
  }

  /** One block on top of the head. */
  public synchronized ChainEvent.NewBlock newBlock() {
    BlockHeader head = head();
    BlockHeader child = chain.child(head, branch);
    store.commit(new WriteBatch().putCanonicalHeader(child, chain.totalDifficulty()).putBody(child.hash(), chain.body(child)));
    ChainEvent.NewBlock event = new ChainEvent.NewBlock(child);
    announce.accept(event);
    return event;
  }

  /**
   * Replaces the last {@code depth} blocks (fewer when the chain is shorter) with a new branch of
   * {@code depth + 1} blocks.
   */
  public synchronized ChainEvent.Reorg reorg(int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("a reorg replaces at least one block, got depth " + depth);
    }
    BlockHeader head = head();
    long forkPoint = Math.max(0, head.number() - depth);
    List<BlockHeader> removed = new ArrayList<>();
    for (long n = forkPoint + 1; n <= head.number(); n++) {
      removed.add(store.canonicalHeader(n).orElseThrow());
    }
    branch++;
    List<BlockHeader> added = new ArrayList<>();
    BlockHeader parent = store.canonicalHeader(forkPoint).orElseThrow();
    WriteBatch batch = new WriteBatch().unwindCanonicalTo(forkPoint);
    for (int i = 0; i <= removed.size(); i++) {
      parent = chain.child(parent, branch);
      added.add(parent);
      batch.putCanonicalHeader(parent, chain.totalDifficulty()).putBody(parent.hash(), chain.body(parent));
    }
    store.commit(batch);
    ChainEvent.Reorg event = new ChainEvent.Reorg(forkPoint, removed, added);
    announce.accept(event);
    return event;
  }

  /** The servers' head. */
  public BlockHeader head() {
    BlockRef ref = store.head().orElseThrow(() -> new IllegalStateException("the servers' store has no head"));
    return store.header(ref.hash()).orElseThrow();
  }
}
