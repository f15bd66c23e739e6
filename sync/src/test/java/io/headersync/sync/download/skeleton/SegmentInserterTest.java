package io.headersync.sync.download.skeleton;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentInserterTest {

  private final List<BlockHeader> main = TestChains.main(40);

  @Test
  void aSegmentMeetingNothingHangsFromANewAnchor() {
    GraphFixture f = new GraphFixture(main.subList(0, 1));
    assertThat(f.accept("a", main.subList(20, 26))).isTrue();

    Anchor anchor = f.graph.anchor(main.get(19).hash());
    assertThat(anchor).isNotNull();
    assertThat(anchor.number).isEqualTo(20);
    assertThat(anchor.supplier).isEqualTo(PeerId.of("a"));
    assertThat(anchor.roots).containsExactly(f.link(main.get(20)));
    assertThat(f.link(main.get(25)).parent).isSameAs(f.link(main.get(24)));
    assertThat(f.link(main.get(25)).connected()).isFalse();
    assertThat(f.graph.insertList()).isEmpty();
    assertThat(f.inserter.segments(SegmentKind.NEW_ANCHOR)).isEqualTo(1);
  }

  @Test
  void aSegmentEndingAtTheParentAnAnchorWaitsForExtendsItDown() {
    GraphFixture f = new GraphFixture(main.subList(0, 1));
    f.accept("a", main.subList(20, 26));
    f.accept("b", main.subList(10, 20));

    assertThat(f.graph.anchor(main.get(19).hash())).isNull();
    Anchor lower = f.graph.anchor(main.get(9).hash());
    assertThat(lower).isNotNull();
    assertThat(lower.roots).containsExactly(f.link(main.get(10)));
    assertThat(lower.supplier).isEqualTo(PeerId.of("b"));
    assertThat(f.link(main.get(20)).parent).isSameAs(f.link(main.get(19)));
    assertThat(f.link(main.get(20)).checkedAgainstParent).isTrue();
    assertThat(f.graph.anchorCount()).isEqualTo(1);
    assertThat(f.inserter.segments(SegmentKind.EXTEND_DOWN)).isEqualTo(1);
  }

  @Test
  void aSegmentWhoseParentIsTheHeadExtendsUpAndIsConnected() {
    GraphFixture f = new GraphFixture(main.subList(0, 6));
    f.accept("a", main.subList(6, 11));

    Link top = f.link(main.get(10));
    assertThat(top.connected()).isTrue();
    assertThat(top.verified).isTrue();
    assertThat(top.totalDifficulty).isEqualTo(GraphFixture.td(11));
    assertThat(f.graph.insertList()).containsExactly(f.link(main.get(6)));
    assertThat(f.graph.anchorCount()).isZero();
    assertThat(f.inserter.segments(SegmentKind.EXTEND_UP)).isEqualTo(1);
  }

  @Test
  void aSegmentBetweenALinkAndAnAnchorConnectsThemAndTotalDifficultyFlowsToTheTop() {
    GraphFixture f = new GraphFixture(main.subList(0, 1));
    f.accept("a", main.subList(10, 21));
    f.accept("b", main.subList(1, 10));

    assertThat(f.graph.anchorCount()).isZero();
    for (int n = 1; n <= 20; n++) {
      assertThat(f.link(main.get(n)).connected()).as("#" + n).isTrue();
      assertThat(f.link(main.get(n)).verified).as("#" + n).isTrue();
    }
    assertThat(f.link(main.get(20)).totalDifficulty).isEqualTo(GraphFixture.td(21));
    assertThat(f.graph.insertList()).containsExactly(f.link(main.get(1)));
    assertThat(f.inserter.segments(SegmentKind.CONNECT)).isEqualTo(1);
  }

  @Test
  void aSkeletonOfSeparateHeadersMakesOneAnchorEach() {
    GraphFixture f = new GraphFixture(main.subList(0, 1));
    f.accept("a", List.of(main.get(8), main.get(16), main.get(24)));
    assertThat(f.graph.anchorCount()).isEqualTo(3);
    assertThat(f.inserter.segments(SegmentKind.NEW_ANCHOR)).isEqualTo(3);
    f.accept("b", main.subList(9, 16));
    assertThat(f.graph.anchorCount()).isEqualTo(2);
    assertThat(f.link(main.get(16)).parent).isSameAs(f.link(main.get(15)));
    assertThat(f.link(main.get(9)).parent).isSameAs(f.link(main.get(8)));
    assertThat(f.inserter.segments(SegmentKind.CONNECT)).isEqualTo(1);
  }

  @Test
  void aSegmentBreakingARuleAgainstItsParentIsDroppedWholeAndItsPeerReported() {
    GraphFixture f = new GraphFixture(main.subList(0, 6));
    List<BlockHeader> answer = new ArrayList<>(main.subList(6, 9));
    BlockHeader stale = TestChains.staleChild(main.get(8), 0);
    answer.add(stale);
    answer.addAll(TestChains.extend(stale, 2, 1_000, 0));

    assertThat(f.accept("liar", answer)).isFalse();
    assertThat(f.graph.pendingCount()).isZero();
    assertThat(f.reporter.reports).singleElement().satisfies(r -> {
      assertThat(r.peer()).isEqualTo(PeerId.of("liar"));
      assertThat(r.offence()).isEqualTo(Offence.WRONG_DATA);
      assertThat(r.detail()).contains("timestamp");
    });
    assertThat(f.inserter.segmentsRejected()).isEqualTo(1);
  }

  @Test
  void aNewAnchorBreakingARuleOfItsOwnIsRejected() {
    GraphFixture f = new GraphFixture(main.subList(0, 1));
    assertThat(f.accept("liar", List.of(TestChains.oversizedChild(main.get(20))))).isFalse();
    assertThat(f.graph.anchorCount()).isZero();
    assertThat(f.reporter.reports).singleElement().satisfies(r -> assertThat(r.detail()).contains("extraData"));
  }

  @Test
  void anAnchoredLinkThatBreaksARuleAgainstItsArrivingParentIsDroppedAndItsSupplierReported() {
    GraphFixture f = new GraphFixture(main.subList(0, 1));
    BlockHeader stale = TestChains.staleChild(main.get(9), 5);
    List<BlockHeader> bad = new ArrayList<>(List.of(stale));
    bad.addAll(TestChains.extend(stale, 3, 1_000, 5));
    assertThat(f.accept("liar", bad)).isTrue();
    assertThat(f.graph.anchorCount()).isEqualTo(1);

    assertThat(f.accept("honest", main.subList(1, 10))).isTrue();
    assertThat(f.graph.anchorCount()).isZero();
    assertThat(f.graph.get(stale.hash())).isNull();
    assertThat(f.graph.pendingCount()).isEqualTo(9);
    assertThat(f.link(main.get(9)).connected()).isTrue();
    assertThat(f.reporter.reports).singleElement().satisfies(r -> {
      assertThat(r.peer()).isEqualTo(PeerId.of("liar"));
      assertThat(r.offence()).isEqualTo(Offence.WRONG_DATA);
    });
  }

  @Test
  void knownHeadersAreSkippedAndStoredCanonicalOnesAreKnownToo() {
    GraphFixture f = new GraphFixture(main.subList(0, 11));
    f.accept("a", main.subList(5, 15));
    assertThat(f.graph.pendingCount()).isEqualTo(4);
    assertThat(f.link(main.get(11)).parent).isSameAs(f.link(main.get(10)));
    f.accept("a", main.subList(5, 15));
    assertThat(f.graph.pendingCount()).isEqualTo(4);
  }

  @Test
  void aForkBelowTheHeadAttachesToTheStoredChainWithItsTotalDifficulty() {
    GraphFixture f = new GraphFixture(main.subList(0, 21));
    List<BlockHeader> fork = TestChains.extend(main.get(15), 8, 2_000, 1);
    f.accept("a", fork);

    Link forkPoint = f.link(main.get(15));
    assertThat(forkPoint).isNotNull();
    assertThat(forkPoint.persisted).isTrue();
    assertThat(forkPoint.totalDifficulty).isEqualTo(GraphFixture.td(16));
    assertThat(f.link(fork.getLast()).totalDifficulty).isEqualTo(GraphFixture.td(16).add(BigInteger.valueOf(16_000)));
    assertThat(f.graph.insertList()).containsExactly(f.link(fork.getFirst()));
  }

  @Test
  void withoutStoredTotalDifficultyItIsCountedFromTheHead() {
    GraphFixture f = new GraphFixture(main.subList(0, 21));
    // A head whose total difficulty the store does not know: a header of another chain at #20.
    BlockHeader otherHead = TestChains.child(main.get(19), 1_000, 3);
    f.chain.setHead(otherHead, null);
    assertThat(f.chain.absoluteDifficulty()).isFalse();
    assertThat(f.chain.head().totalDifficulty).isZero();
  }

  @Test
  void thePendingLimitEvictsTheHighestLinksForLowerOnesAndCutsARunThatIsHighestItself() {
    GraphFixture f = new GraphFixture(main.subList(0, 1), 8, 100);
    f.accept("a", main.subList(30, 36));
    f.accept("a", main.subList(20, 24));
    assertThat(f.graph.pendingCount()).isEqualTo(8);
    assertThat(f.graph.get(main.get(35).hash())).isNull();
    assertThat(f.graph.get(main.get(34).hash())).isNull();
    assertThat(f.graph.get(main.get(33).hash())).isNotNull();
    assertThat(f.graph.peakPending()).isEqualTo(8);

    f.accept("a", main.subList(36, 40));
    assertThat(f.graph.pendingCount()).isEqualTo(8);
    assertThat(f.graph.get(main.get(36).hash())).isNull();
    assertThat(f.graph.pendingEvicted()).isEqualTo(2);
  }

  @Test
  void headersAboveTheTargetAreNotTaken() {
    GraphFixture f = new GraphFixture(main.subList(0, 1));
    f.inserter.accept(main.subList(1, 20), PeerId.of("a"), 12);
    assertThat(f.graph.pendingCount()).isEqualTo(12);
    assertThat(f.graph.get(main.get(13).hash())).isNull();
  }
}
