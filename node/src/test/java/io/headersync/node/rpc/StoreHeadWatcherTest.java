package io.headersync.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.LazyHeaderChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreHeadWatcherTest {

  private final LazyHeaderChain chain = TestChains.cancun(5, 40);
  private final long first = TestChains.FIRST;

  @Test
  void extensionsAndReorgsOfTheStoreBecomeEvents() {
    InMemoryHeaderStore store = TestChains.store(chain, first + 10, n -> false);
    HeadEventHub hub = new HeadEventHub();
    List<HeadEvent> events = new ArrayList<>();
    hub.subscribe(events::add);
    StoreHeadWatcher watcher = new StoreHeadWatcher(store, hub, 8, 4);
    assertThat(watcher.poll()).as("the first poll only notes the head").isEmpty();

    TestChains.append(store, chain, first + 11, false);
    TestChains.append(store, chain, first + 12, false);
    watcher.poll();
    assertThat(events).singleElement().isInstanceOf(HeadEvent.Extended.class);
    assertThat(events.get(0).added()).extracting(BlockHeader::number).containsExactly(first + 11, first + 12);

    LazyHeaderChain fork = chain.fork(first + 11, 13, ForkWeight.ANY, 77);
    store.unwindTo(first + 11);
    for (long n = first + 12; n <= first + 14; n++) {
      TestChains.append(store, fork, n, false);
    }
    HeadEvent reorg = watcher.poll().orElseThrow();
    assertThat(reorg).isInstanceOf(HeadEvent.Reorg.class);
    assertThat(((HeadEvent.Reorg) reorg).removed()).containsExactly(chain.header(first + 12));
    assertThat(reorg.added()).containsExactly(fork.header(first + 12), fork.header(first + 13), fork.header(first + 14));
    assertThat(watcher.poll()).as("nothing changed").isEmpty();

    // A jump beyond maxAddedPerEvent reports only the newest blocks.
    for (long n = first + 15; n <= first + 24; n++) {
      TestChains.append(store, fork, n, false);
    }
    assertThat(watcher.poll().orElseThrow().added()).extracting(BlockHeader::number)
        .containsExactly(first + 21, first + 22, first + 23, first + 24);
  }
}
