package io.headersync.consensus.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;

class IndependentSealVerifierTest {

  private static List<BlockHeader> chain(int size) {
    List<BlockHeader> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      out.add(BlockHeader.builder().number(1000 + i).build());
    }
    return out;
  }

  private static Set<Long> checkedBy(SealMode mode, List<BlockHeader> batch, long seed, int threads) throws InvalidHeaderException {
    Set<Long> checked = new ConcurrentSkipListSet<>();
    try (SealVerifier v = new IndependentSealVerifier(mode, h -> checked.add(h.number()), new SplittableRandom(seed),
        new SealWorkers(threads, "test"))) {
      v.verifyBatch(batch);
    }
    return checked;
  }

  @Test
  void fullChecksEveryHeaderOffNone() throws InvalidHeaderException {
    List<BlockHeader> batch = chain(300);
    assertThat(checkedBy(SealMode.FULL, batch, 1, 2)).hasSize(300);
    assertThat(checkedBy(SealMode.OFF, batch, 1, 2)).isEmpty();
  }

  @Test
  void sampledChecksAboutOneInNAndTheLast() throws InvalidHeaderException {
    List<BlockHeader> batch = chain(1000);
    Set<Long> checked = checkedBy(new SealMode.Sampled(100), batch, 5, 2);
    assertThat(checked).hasSizeBetween(10, 11).contains(1999L);
    assertThat(checkedBy(new SealMode.Sampled(100), batch, 5, 1)).as("reproducible from the seed").isEqualTo(checked);
    assertThat(checkedBy(new SealMode.Sampled(100), batch, 6, 1)).as("another seed, another sample").isNotEqualTo(checked);
  }

  @Test
  void aForgedHeaderIsCaughtOnlyWhenSampled() throws InvalidHeaderException {
    List<BlockHeader> batch = chain(200);
    Set<Long> sampled = new TreeSet<>(checkedBy(new SealMode.Sampled(20), batch, 42, 1));
    long caught = sampled.iterator().next();
    long missed = sampled.contains(1001L) ? 1002L : 1001L;
    for (long bad : new long[] {caught, missed}) {
      IndependentSealVerifier.HeaderCheck rejectOne = h -> {
        if (h.number() == bad) {
          throw new InvalidHeaderException(h.number(), null, "test seal", "nonce", "good", "forged");
        }
      };
      try (SealVerifier v = new IndependentSealVerifier(new SealMode.Sampled(20), rejectOne, new SplittableRandom(42),
          new SealWorkers(2, "test"))) {
        if (bad == caught) {
          assertThatThrownBy(() -> v.verifyBatch(batch)).isInstanceOf(InvalidHeaderException.class);
        } else {
          v.verifyBatch(batch);
        }
        // A single header is always checked: it is the last of its batch.
        assertThatThrownBy(() -> v.verify(batch.get((int) (bad - 1000)))).isInstanceOf(InvalidHeaderException.class);
      }
    }
  }

  @Test
  void theLowestBadHeaderIsReported() {
    List<BlockHeader> batch = chain(500);
    IndependentSealVerifier.HeaderCheck check = h -> {
      if (h.number() % 97 == 0) {
        throw new InvalidHeaderException(h.number(), null, "test seal", "nonce", "good", "forged");
      }
    };
    try (SealVerifier v = new IndependentSealVerifier(SealMode.FULL, check, new SplittableRandom(1), new SealWorkers(4, "t"))) {
      assertThatThrownBy(() -> v.verifyBatch(batch))
          .isInstanceOfSatisfying(InvalidHeaderException.class, e -> assertThat(e.number()).isEqualTo(1067));
    }
  }
}
