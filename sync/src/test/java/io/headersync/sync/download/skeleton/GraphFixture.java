package io.headersync.sync.download.skeleton;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.PeerId;
import java.math.BigInteger;
import java.util.List;

/** A graph, local chain and inserter over an in-memory store holding {@code local} as its canonical chain. */
final class GraphFixture {

  final InMemoryHeaderStore store = InMemoryHeaderStore.create(TestChains.GENESIS.hash());
  final LinkGraph graph;
  final LocalChain chain;
  final FakeHeadersClient reporter = new FakeHeadersClient();
  final SegmentInserter inserter;
  final BlameLedger ledger = new BlameLedger(1_000);

  GraphFixture(List<BlockHeader> local, int pendingLimit, int persistedLimit) {
    BigInteger td = BigInteger.ZERO;
    WriteBatch batch = new WriteBatch();
    for (BlockHeader h : local) {
      td = td.add(h.difficulty());
      batch.putCanonicalHeader(h, td);
    }
    store.commit(batch);
    graph = new LinkGraph(pendingLimit, persistedLimit);
    chain = new LocalChain(store, graph, 1_000);
    chain.setHead(local.getLast(), null);
    inserter = new SegmentInserter(graph, chain, TestChains.validator(), null, reporter, 64, ledger);
  }

  GraphFixture(List<BlockHeader> local) {
    this(local, 10_000, 1_000);
  }

  boolean accept(String peer, List<BlockHeader> ascending) {
    return inserter.accept(ascending, PeerId.of(peer), Long.MAX_VALUE);
  }

  Link link(BlockHeader h) {
    return graph.get(h.hash());
  }

  static BigInteger td(long blocksOfThousand) {
    return BigInteger.valueOf(1_000 * blocksOfThousand);
  }
}
