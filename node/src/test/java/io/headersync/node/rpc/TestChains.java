package io.headersync.node.rpc;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import io.headersync.testkit.chain.SyntheticBodies;
import io.headersync.testkit.chain.WithBodiesRecipe;

/** Mainnet-shaped Cancun chains with bodies, and stores filled from them, for RPC and Engine API tests. */
public final class TestChains {

  public static final long FIRST = 19_426_588; // a Cancun-era block number, so mainnet's rules apply as they do there

  private TestChains() {}

  /** A chain of {@code length} blocks after {@link #FIRST}, every header committing to its synthetic body. */
  public static LazyHeaderChain cancun(long seed, long length) {
    return ChainBuilder.withRecipe(new WithBodiesRecipe(PostMergeRecipe.mainnetLike(PostMergeRecipe.Shape.CANCUN)))
        .seed(seed).firstNumber(FIRST).length(length).build();
  }

  /** A store whose canonical chain is {@code chain} from its first block to {@code to}; bodies stored where {@code withBody} says. */
  public static InMemoryHeaderStore store(LazyHeaderChain chain, long to, java.util.function.LongPredicate withBody) {
    InMemoryHeaderStore store = InMemoryHeaderStore.create(chain.header(chain.firstNumber()).hash());
    for (long n = chain.firstNumber(); n <= to; n++) {
      append(store, chain, n, withBody.test(n));
    }
    return store;
  }

  /** Makes block {@code n} of {@code chain} the new canonical head. */
  public static BlockHeader append(InMemoryHeaderStore store, LazyHeaderChain chain, long n, boolean withBody) {
    BlockHeader h = chain.header(n);
    WriteBatch b = new WriteBatch().putCanonicalHeader(h, chain.totalDifficulty(n));
    if (withBody) {
      b.putBody(h.hash(), SyntheticBodies.bodyFor(h).encode());
    }
    store.commit(b);
    return h;
  }
}
