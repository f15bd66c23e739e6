package io.headersync.testkit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.consensus.difficulty.DifficultyCalculator;
import io.headersync.core.block.BlockHeader;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PreMergeChainTest {

  private static final PreMergeRecipe RECIPE = PreMergeRecipe.homestead();
  private static final LazyHeaderChain CHAIN = ChainBuilder.preMerge().seed(3).length(3000).build();

  @Test
  void startsAtTheSpecsGenesis() {
    assertThat(CHAIN.header(0)).isEqualTo(RECIPE.spec().genesis());
    assertThat(CHAIN.totalDifficulty(0)).isEqualTo(RECIPE.spec().genesis().difficulty());
  }

  @Test
  void everyDifficultyIsWhatTheFormulaExpectsAndTotalDifficultyAddsUp() {
    BigInteger td = CHAIN.totalDifficulty(0);
    for (long n = 1; n <= CHAIN.headNumber(); n++) {
      BlockHeader parent = CHAIN.header(n - 1);
      BlockHeader h = CHAIN.header(n);
      assertThat(h.parentHash()).isEqualTo(parent.hash());
      assertThat(h.timestamp() - parent.timestamp()).isBetween(10L, 19L);
      assertThat(h.difficulty()).isEqualTo(DifficultyCalculator.expected(RECIPE.spec(), parent, h.timestamp()));
      assertThat(h.fieldCount()).isEqualTo(15);
      td = td.add(h.difficulty());
      assertThat(CHAIN.totalDifficulty(n)).isEqualTo(td);
    }
  }

  @Test
  void forksCanBeHeavierOrLighterAtTheSameLength() {
    LazyHeaderChain heavier = CHAIN.fork(2000, 1000, ForkWeight.HEAVIER, 77);
    LazyHeaderChain lighter = CHAIN.fork(2000, 1000, ForkWeight.LIGHTER, 78);
    BigInteger mainWork = CHAIN.totalDifficulty(CHAIN.headNumber());

    assertThat(heavier.headNumber()).isEqualTo(CHAIN.headNumber());
    assertThat(heavier.totalDifficulty(heavier.headNumber())).isGreaterThan(mainWork);
    assertThat(lighter.totalDifficulty(lighter.headNumber())).isLessThan(mainWork);
    for (LazyHeaderChain fork : new LazyHeaderChain[] {heavier, lighter}) {
      assertThat(fork.forkPoint()).isEqualTo(2000);
      assertThat(fork.header(1500)).isEqualTo(CHAIN.header(1500));
      assertThat(fork.header(2001).parentHash()).isEqualTo(CHAIN.hash(2000));
      assertThat(fork.header(2001)).isNotEqualTo(CHAIN.header(2001));
      for (long n = 2001; n <= fork.headNumber(); n++) {
        BlockHeader parent = fork.header(n - 1);
        assertThat(fork.header(n).difficulty())
            .isEqualTo(DifficultyCalculator.expected(RECIPE.spec(), parent, fork.header(n).timestamp()));
      }
    }
  }

  @Test
  void aForkThatCannotComeOutAsAskedIsRefused() {
    assertThatThrownBy(() -> CHAIN.fork(1000, 10, ForkWeight.HEAVIER, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not HEAVIER");
    assertThatThrownBy(() -> CHAIN.fork(2900, 500, ForkWeight.LIGHTER, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not LIGHTER");
  }

  @Test
  void aLongerForkAtTheHeadExtendsTheChain() {
    LazyHeaderChain longer = CHAIN.fork(CHAIN.headNumber(), 50, ForkWeight.HEAVIER, 1);
    assertThat(longer.headNumber()).isEqualTo(CHAIN.headNumber() + 50);
    assertThat(longer.header(CHAIN.headNumber() + 1).parentHash()).isEqualTo(CHAIN.head().hash());
  }
}
