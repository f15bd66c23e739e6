package io.headersync.testkit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.block.HeaderShape;
import io.headersync.core.chain.BlobSchedule;
import io.headersync.core.crypto.Keccak;
import java.math.BigInteger;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PostMergeChainTest {

  private static final LazyHeaderChain CANCUN =
      ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(11).firstNumber(19_426_587).length(3000).build();

  @Test
  void sameSeedSameChainOtherSeedOtherChain() {
    LazyHeaderChain again = ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(11).firstNumber(19_426_587).length(3000).build();
    LazyHeaderChain other = ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(12).firstNumber(19_426_587).length(3000).build();
    assertThat(again.head().hash()).isEqualTo(CANCUN.head().hash());
    assertThat(again.header(19_427_000)).isEqualTo(CANCUN.header(19_427_000));
    assertThat(other.header(19_427_000).hash()).isNotEqualTo(CANCUN.header(19_427_000).hash());
  }

  @Test
  void everyHeaderLinksToItsParentTwelveSecondsLater() {
    BlockHeader parent = CANCUN.header(CANCUN.firstNumber());
    for (long n = CANCUN.firstNumber() + 1; n <= CANCUN.headNumber(); n++) {
      BlockHeader h = CANCUN.header(n);
      assertThat(h.number()).isEqualTo(n);
      assertThat(h.parentHash()).isEqualTo(parent.hash());
      assertThat(h.timestamp()).isEqualTo(parent.timestamp() + 12);
      parent = h;
    }
  }

  @Test
  void fieldsHaveMainnetShapeAndSize() {
    BitSet sizes = new BitSet();
    long total = 0;
    for (long n = CANCUN.firstNumber(); n <= CANCUN.headNumber(); n++) {
      BlockHeader h = CANCUN.header(n);
      assertThat(h.shape()).isEqualTo(HeaderShape.forFieldCount(20));
      assertThat(h.difficulty()).isZero();
      assertThat(h.nonce()).isZero();
      assertThat(h.ommersHash()).isEqualTo(Keccak.EMPTY_LIST);
      assertThat(h.extraDataLength()).isBetween(4, 24);
      assertThat(h.gasUsed()).isBetween(h.gasLimit() / 20, h.gasLimit());
      int bits = BitSet.valueOf(h.logsBloom()).cardinality();
      assertThat(bits).isBetween(50, 1500);
      assertThat(h.encoded().length).isBetween(575, 625);
      sizes.set(h.encoded().length);
      total += h.encoded().length;
    }
    assertThat(sizes.cardinality()).as("sizes vary").isGreaterThan(10);
    assertThat(total / (CANCUN.headNumber() - CANCUN.firstNumber() + 1)).isBetween(590L, 610L);

    BlockHeader prague = ChainBuilder.postMerge(PostMergeRecipe.Shape.PRAGUE).seed(1).length(10).build().header(5);
    assertThat(prague.fieldCount()).isEqualTo(21);
    assertThat(prague.requestsHash()).isNotNull();
  }

  @Test
  void gasLimitMovesWithinTheLimitRuleTowardsTheTarget() {
    for (long n = CANCUN.firstNumber() + 1; n <= CANCUN.headNumber(); n++) {
      BlockHeader parent = CANCUN.header(n - 1);
      BlockHeader h = CANCUN.header(n);
      assertThat(Math.abs(h.gasLimit() - parent.gasLimit())).isLessThan(parent.gasLimit() / 1024);
      assertThat(h.gasLimit()).isBetween(30_000_000L, 36_000_000L);
    }
    assertThat(CANCUN.head().gasLimit()).isEqualTo(36_000_000L);
  }

  @Test
  void baseFeeFollowsEip1559() {
    int rose = 0;
    int fell = 0;
    for (long n = CANCUN.firstNumber() + 1; n <= CANCUN.headNumber(); n++) {
      BlockHeader parent = CANCUN.header(n - 1);
      BigInteger fee = CANCUN.header(n).baseFeePerGas();
      BigInteger before = parent.baseFeePerGas();
      long target = parent.gasLimit() / 2;
      // independent restatement: fee' = fee + fee × (used − target) / target / 8, at least +1 when rising
      BigInteger change = before.multiply(BigInteger.valueOf(parent.gasUsed() - target))
          .divide(BigInteger.valueOf(target)).divide(BigInteger.valueOf(8));
      if (parent.gasUsed() > target) {
        assertThat(fee).isEqualTo(before.add(change.max(BigInteger.ONE)));
        rose++;
      } else {
        assertThat(fee).isEqualTo(before.add(change));
        fell++;
      }
    }
    assertThat(rose).isGreaterThan(1000);
    assertThat(fell).isGreaterThan(1000);
  }

  @Test
  void blobGasFollowsEip4844() {
    BlobSchedule blobs = PostMergeRecipe.Shape.CANCUN.blobs();
    for (long n = CANCUN.firstNumber() + 1; n <= CANCUN.headNumber(); n++) {
      BlockHeader parent = CANCUN.header(n - 1);
      BlockHeader h = CANCUN.header(n);
      assertThat(h.blobGasUsed() % BlobSchedule.GAS_PER_BLOB).isZero();
      assertThat(h.blobGasUsed()).isBetween(0L, blobs.maxBlobGas());
      assertThat(h.excessBlobGas())
          .isEqualTo(Math.max(0, parent.excessBlobGas() + parent.blobGasUsed() - blobs.targetBlobGas()));
    }
  }

  @Test
  void aHeaderMadeAgainAfterEvictionIsTheSame() {
    LazyHeaderChain small = ChainBuilder.postMerge(PostMergeRecipe.Shape.CANCUN).seed(5).length(5000)
        .config(new LazyChainConfig(64, 2, 100)).build();
    BlockHeader first = small.header(1234);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      small.header(random.nextLong(5001));
    }
    assertThat(small.cachedHeaderCount()).isLessThanOrEqualTo(128);
    assertThat(small.header(1234)).isEqualTo(first);
  }

  @Test
  void recentHeadersCanBeFoundByHash() {
    assertThat(CANCUN.numberOf(CANCUN.head().hash())).hasValue(CANCUN.headNumber());
    assertThat(CANCUN.numberOf(CANCUN.header(CANCUN.firstNumber()).hash())).hasValue(CANCUN.firstNumber());
    assertThat(CANCUN.numberOf(CANCUN.header(19_427_100).hash())).hasValue(19_427_100);
    assertThat(CANCUN.numberOf(io.headersync.core.bytes.Hash.ZERO)).isEmpty();
  }

  @Test
  void postMergeForksCannotBeHeavier() {
    assertThatThrownBy(() -> CANCUN.fork(19_428_000, 100, ForkWeight.HEAVIER, 99))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same total difficulty");
    LazyHeaderChain fork = CANCUN.fork(19_428_000, 100, ForkWeight.ANY, 99);
    assertThat(fork.header(19_428_000)).isEqualTo(CANCUN.header(19_428_000));
    assertThat(fork.header(19_428_001).parentHash()).isEqualTo(CANCUN.hash(19_428_000));
    assertThat(fork.header(19_428_001)).isNotEqualTo(CANCUN.header(19_428_001));
    assertThat(fork.totalDifficulty(fork.headNumber())).isEqualTo(PostMergeRecipe.MAINNET_TTD);
  }

  @Test
  void readingOutsideTheChainIsAClearError() {
    assertThatThrownBy(() -> CANCUN.header(5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("#5").hasMessageContaining("19426587..19429587");
  }
}
