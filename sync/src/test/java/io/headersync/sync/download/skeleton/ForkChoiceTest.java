package io.headersync.sync.download.skeleton;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForkChoiceTest {

  private final List<BlockHeader> main = TestChains.main(40);

  @Test
  void connectedLinksAboveTheHeadAreHandedOutInAscendingOrderUpToTheBatchSize() {
    GraphFixture f = new GraphFixture(main.subList(0, 1));
    f.accept("a", main.subList(1, 11));
    ForkChoice.Decision d = ForkChoice.decide(f.graph, f.chain.head(), null, 4);
    assertThat(d).isInstanceOfSatisfying(ForkChoice.Decision.Extend.class,
        e -> assertThat(e.links()).extracting(l -> l.header).containsExactlyElementsOf(main.subList(1, 5)));
  }

  @Test
  void theBestHeaderWaitsForAChildUnlessItIsTheTarget() {
    GraphFixture f = new GraphFixture(main.subList(0, 11));
    f.accept("a", List.of(main.get(11)));
    assertThat(ForkChoice.decide(f.graph, f.chain.head(), null, 100)).isInstanceOf(ForkChoice.Decision.Stay.class);
    assertThat(ForkChoice.decide(f.graph, f.chain.head(), main.get(11).hash(), 100))
        .isInstanceOfSatisfying(ForkChoice.Decision.Extend.class, e -> assertThat(e.links()).extracting(l -> l.number).containsExactly(11L));
    f.accept("a", List.of(main.get(12)));
    assertThat(ForkChoice.decide(f.graph, f.chain.head(), null, 100))
        .isInstanceOfSatisfying(ForkChoice.Decision.Extend.class, e -> assertThat(e.links()).extracting(l -> l.number).containsExactly(11L));
  }

  @Test
  void nothingToDoWhenNoLinkIsConnected() {
    GraphFixture f = new GraphFixture(main.subList(0, 1));
    f.accept("a", main.subList(5, 11));
    assertThat(ForkChoice.decide(f.graph, f.chain.head(), null, 100)).isInstanceOf(ForkChoice.Decision.Stay.class);
  }

  @Test
  void aHeavierBranchLeavingBelowTheHeadNeedsAnUnwindToTheForkingPoint() {
    GraphFixture f = new GraphFixture(main.subList(0, 21));
    // Head #20 has 21 000; the branch leaves after #15 (16 000) with 6 × 2 000 = 28 000 at #21.
    List<BlockHeader> heavier = TestChains.extend(main.get(15), 6, 2_000, 1);
    f.accept("a", heavier);
    ForkChoice.Decision d = ForkChoice.decide(f.graph, f.chain.head(), null, 100);
    assertThat(d).isInstanceOfSatisfying(ForkChoice.Decision.Unwind.class, u -> {
      assertThat(u.forkingPoint()).isEqualTo(15);
      assertThat(u.best().header).isEqualTo(heavier.getLast());
      assertThat(u.branchRoot().header).isEqualTo(heavier.getFirst());
    });
  }

  @Test
  void aLighterOrEqualBranchBelowTheHeadIsIgnored() {
    GraphFixture f = new GraphFixture(main.subList(0, 21));
    f.accept("a", TestChains.extend(main.get(15), 4, 1_000, 1));
    f.accept("a", TestChains.extend(main.get(15), 5, 1_000, 2));
    assertThat(ForkChoice.decide(f.graph, f.chain.head(), null, 100)).isInstanceOf(ForkChoice.Decision.Stay.class);
  }

  @Test
  void anExtensionOfTheHeadBeatsALighterFork() {
    GraphFixture f = new GraphFixture(main.subList(0, 21));
    f.accept("a", TestChains.extend(main.get(18), 3, 1_000, 1));
    f.accept("b", main.subList(21, 23));
    assertThat(ForkChoice.decide(f.graph, f.chain.head(), null, 100)).isInstanceOfSatisfying(ForkChoice.Decision.Extend.class,
        e -> assertThat(e.links()).extracting(l -> l.header).containsExactlyElementsOf(main.subList(21, 22)));
  }

  @Test
  void theHeaviestOfTwoBranchesAboveTheHeadWins() {
    GraphFixture f = new GraphFixture(main.subList(0, 11));
    List<BlockHeader> light = TestChains.extend(main.get(10), 5, 1_000, 1);
    List<BlockHeader> heavy = TestChains.extend(main.get(10), 3, 3_000, 2);
    f.accept("a", light);
    f.accept("b", heavy);
    assertThat(ForkChoice.decide(f.graph, f.chain.head(), null, 100)).isInstanceOfSatisfying(ForkChoice.Decision.Extend.class,
        e -> assertThat(e.links()).extracting(l -> l.header).containsExactlyElementsOf(heavy.subList(0, 2)));
  }

  @Test
  void withoutDifficultyTheTargetDecidesEvenBelowTheHeadAndOtherwiseTheLocalChainStays() {
    List<BlockHeader> flat = new ArrayList<>(List.of(TestChains.GENESIS));
    flat.addAll(TestChains.extend(TestChains.GENESIS, 20, 0, 0));
    GraphFixture f = new GraphFixture(flat);
    List<BlockHeader> longer = TestChains.extend(flat.get(15), 10, 0, 1);
    List<BlockHeader> shorter = TestChains.extend(flat.get(15), 3, 0, 2);
    f.accept("a", longer);
    f.accept("b", shorter);

    assertThat(ForkChoice.decide(f.graph, f.chain.head(), null, 100)).isInstanceOf(ForkChoice.Decision.Stay.class);
    Hash target = shorter.getLast().hash();
    assertThat(ForkChoice.decide(f.graph, f.chain.head(), target, 100)).isInstanceOfSatisfying(ForkChoice.Decision.Unwind.class,
        u -> {
          assertThat(u.forkingPoint()).isEqualTo(15);
          assertThat(u.best().header).isEqualTo(shorter.getLast());
        });
  }

  @Test
  void withoutDifficultyOrTargetTheLongestExtensionOfTheHeadIsFollowed() {
    List<BlockHeader> flat = new ArrayList<>(List.of(TestChains.GENESIS));
    flat.addAll(TestChains.extend(TestChains.GENESIS, 5, 0, 0));
    GraphFixture f = new GraphFixture(flat);
    List<BlockHeader> shorter = TestChains.extend(flat.getLast(), 2, 0, 1);
    List<BlockHeader> longer = TestChains.extend(flat.getLast(), 4, 0, 2);
    f.accept("a", shorter);
    f.accept("b", longer);
    assertThat(ForkChoice.decide(f.graph, f.chain.head(), null, 100)).isInstanceOfSatisfying(ForkChoice.Decision.Extend.class,
        e -> assertThat(e.links()).extracting(l -> l.header).containsExactlyElementsOf(longer.subList(0, 3)));
  }

  @Test
  void theInsertListHoldsBranchRootsLowestFirstAndMovesUpAsLinksArePersisted() {
    GraphFixture f = new GraphFixture(main.subList(0, 21));
    List<BlockHeader> fork = TestChains.extend(main.get(12), 3, 1_000, 1);
    f.accept("a", main.subList(21, 25));
    f.accept("b", fork);
    assertThat(f.graph.insertList()).extracting(l -> l.number).containsExactly(13L, 21L);

    f.graph.markPersisted(f.link(main.get(21)));
    f.chain.advance(f.link(main.get(21)));
    assertThat(f.graph.insertList()).extracting(l -> l.header).containsExactly(fork.getFirst(), main.get(22));
  }
}
