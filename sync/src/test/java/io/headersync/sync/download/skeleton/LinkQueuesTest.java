package io.headersync.sync.download.skeleton;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.PeerId;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkQueuesTest {

  private final List<BlockHeader> main = TestChains.main(20);

  @Test
  void pendingLinksAreEvictedHighestFirstAndTheOlderOneAmongEquals() {
    LinkQueues queues = new LinkQueues(3, 10);
    Link five = pending(main.get(5), 0);
    Link nine = pending(main.get(9), 1);
    Link seven = pending(main.get(7), 2);
    Link nineToo = pending(TestChains.child(main.get(8), 1_000, 7), 3);
    for (Link l : List.of(five, nine, seven, nineToo)) {
      queues.addPending(l);
    }
    assertThat(queues.pendingExcess(0)).isEqualTo(1);
    assertThat(queues.pendingExcess(2)).isEqualTo(3);
    assertThat(queues.highestPending()).containsSame(nine);
    queues.remove(nine);
    assertThat(queues.highestPending()).containsSame(nineToo);
    queues.remove(nineToo);
    assertThat(queues.highestPending()).containsSame(seven);
    assertThat(queues.pendingExcess(0)).isZero();
  }

  @Test
  void persistedLinksOverflowLowestFirstButNeverTheLastOne() {
    LinkQueues queues = new LinkQueues(10, 2);
    Link three = persisted(main.get(3));
    Link four = persisted(main.get(4));
    Link five = persisted(main.get(5));
    queues.addPersisted(four);
    queues.addPersisted(five);
    assertThat(queues.persistedOverflow()).isEmpty();
    queues.addPersisted(three);
    assertThat(queues.persistedOverflow()).containsSame(three);
    queues.remove(three);
    assertThat(queues.persistedOverflow()).isEmpty();

    LinkQueues one = new LinkQueues(10, 1);
    one.addPersisted(five);
    assertThat(one.persistedOverflow()).isEmpty();
  }

  @Test
  void theGraphEvictsPersistedLinksLowestFirstWhileKeepingTheHead() {
    LinkGraph graph = new LinkGraph(100, 3);
    for (int n = 1; n <= 6; n++) {
      graph.addPersisted(main.get(n), BigInteger.valueOf(n));
    }
    assertThat(graph.persistedCount()).isEqualTo(3);
    assertThat(graph.persistedEvicted()).isEqualTo(3);
    assertThat(graph.get(main.get(3).hash())).isNull();
    assertThat(graph.get(main.get(4).hash())).isNotNull();
    assertThat(graph.get(main.get(6).hash())).isNotNull();
    assertThat(graph.peakPersisted()).isEqualTo(3);
  }

  @Test
  void theGraphEvictsTheHighestPendingLeafAndItsAnchorWhenItWasTheLastRoot() {
    LinkGraph graph = new LinkGraph(100, 10);
    Link low = graph.addPending(main.get(4), PeerId.of("a"), null);
    graph.hangFromAnchor(low);
    Link high = graph.addPending(main.get(10), PeerId.of("a"), null);
    graph.hangFromAnchor(high);
    assertThat(graph.anchorCount()).isEqualTo(2);
    assertThat(graph.evictHighestPending()).containsSame(high);
    assertThat(graph.anchorCount()).isEqualTo(1);
    assertThat(graph.anchor(main.get(3).hash())).isNotNull();
    assertThat(graph.pendingEvicted()).isEqualTo(1);
  }

  private static Link pending(BlockHeader h, long seq) {
    return new Link(h, seq, PeerId.of("p"));
  }

  private static Link persisted(BlockHeader h) {
    Link l = new Link(h, h.number(), null);
    l.persisted = true;
    return l;
  }
}
