package io.headersync.sync.download.skeleton;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.WriteBatch;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalChainTest {

  private final List<BlockHeader> main = TestChains.main(20);

  /** Hands out {@code main[from..to]} as the stage would get them: connected, then persisted. */
  private static void handOut(GraphFixture f, List<BlockHeader> headers) {
    f.accept("a", headers);
    for (BlockHeader h : headers) {
      Link link = f.link(h);
      f.graph.markPersisted(link);
      f.chain.advance(link);
    }
  }

  @Test
  void settingTheHeadBelowPersistedLinksMakesThemPendingAgainToBeHandedOutAnew() {
    GraphFixture f = new GraphFixture(main.subList(0, 5));
    handOut(f, main.subList(5, 11));
    Link seven = f.link(main.get(7));

    f.chain.setHead(main.get(7), null);
    assertThat(f.chain.head()).isSameAs(seven);
    assertThat(f.link(main.get(8)).persisted).isFalse();
    assertThat(f.link(main.get(10)).connected()).isTrue();
    assertThat(f.graph.insertList()).containsExactly(f.link(main.get(8)));
    assertThat(f.graph.pendingCount()).isEqualTo(3);
    assertThat(ForkChoice.decide(f.graph, f.chain.head(), main.get(10).hash(), 100))
        .isInstanceOfSatisfying(ForkChoice.Decision.Extend.class,
            e -> assertThat(e.links()).extracting(l -> l.number).containsExactly(8L, 9L, 10L));
  }

  @Test
  void aForkBelowLinksHandedOutButNotYetWrittenAttachesOnceItsParentArrivesAgain() {
    GraphFixture f = new GraphFixture(main.subList(0, 5), 1_000, 3);
    handOut(f, main.subList(5, 11));
    assertThat(f.graph.persistedCount()).isEqualTo(3);
    assertThat(f.graph.get(main.get(5).hash())).as("evicted, and not in the store yet").isNull();

    List<BlockHeader> fork = TestChains.extend(main.get(5), 8, 2_000, 1);
    f.accept("forker", fork);
    assertThat(f.graph.anchor(main.get(5).hash())).as("its parent is nowhere to be read").isNotNull();

    // The stage writes the batch (without total difficulty, which a later stage fills).
    WriteBatch write = new WriteBatch();
    for (BlockHeader h : main.subList(5, 11)) {
      write.putCanonicalHeader(h, null);
    }
    f.store.commit(write);
    assertThat(f.chain.isKnown(main.get(6).hash(), 6)).isTrue();

    // An answer bringing only known headers up to the parent the anchor waits for attaches it.
    f.accept("b", main.subList(3, 6));
    assertThat(f.graph.anchorCount()).isZero();
    Link forkTop = f.link(fork.getLast());
    assertThat(forkTop.connected()).isTrue();
    assertThat(forkTop.totalDifficulty).isEqualTo(GraphFixture.td(6).add(BigInteger.valueOf(16_000)));
    assertThat(ForkChoice.decide(f.graph, f.chain.head(), null, 100)).isInstanceOfSatisfying(ForkChoice.Decision.Unwind.class,
        u -> assertThat(u.forkingPoint()).isEqualTo(5));
  }

  @Test
  void headersHandedOutAndEvictedAreStillKnownByHash() {
    GraphFixture f = new GraphFixture(main.subList(0, 5), 1_000, 2);
    handOut(f, main.subList(5, 11));
    assertThat(f.chain.isKnown(main.get(6).hash(), 6)).isTrue();
    assertThat(f.chain.isKnown(TestChains.child(main.get(5), 1_000, 3).hash(), 6)).isFalse();
    f.accept("a", main.subList(5, 9));
    assertThat(f.graph.pendingCount()).isZero();
  }
  @Test
  void anEvictedLinkHoldsNoLaterLinkSoTheSyncedChainCanBeCollected() {
    GraphFixture f = new GraphFixture(main.subList(0, 5), 1_000, 2);
    handOut(f, main.subList(5, 7));
    Link five = f.link(main.get(5));
    handOut(f, main.subList(7, 12));

    assertThat(f.graph.get(main.get(5).hash())).as("evicted").isNull();
    assertThat(five.children).as("a holder of an old link must not keep every later one alive").isEmpty();
    assertThat(f.link(main.get(11)).parent).isSameAs(f.link(main.get(10)));
  }
}
