package io.headersync.sync.download.skeleton;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentsTest {

  private final List<BlockHeader> main = TestChains.main(20);

  @Test
  void aContiguousAnswerIsOneSegment() {
    assertThat(Segments.split(main.subList(3, 10))).containsExactly(main.subList(3, 10));
  }

  @Test
  void aSkeletonAnswerSplitsIntoOneSegmentPerHeader() {
    List<BlockHeader> skeleton = List.of(main.get(4), main.get(8), main.get(12));
    assertThat(Segments.split(skeleton)).containsExactly(List.of(main.get(4)), List.of(main.get(8)), List.of(main.get(12)));
  }

  @Test
  void aHeaderThatDoesNotLinkStartsANewSegmentEvenWhenItsNumberFollows() {
    BlockHeader stranger = TestChains.child(main.get(4), 1_000, 9);
    List<BlockHeader> answer = new ArrayList<>(main.subList(3, 5));
    answer.add(TestChains.child(stranger, 1_000, 9));
    answer.addAll(main.subList(6, 8));
    assertThat(Segments.split(answer)).hasSize(3);
    assertThat(Segments.split(answer).get(0)).containsExactlyElementsOf(main.subList(3, 5));
  }

  @Test
  void nothingSplitsIntoNothing() {
    assertThat(Segments.split(List.of())).isEmpty();
  }
}
