package io.headersync.consensus.rules;

import static io.headersync.consensus.rules.HeaderFixtures.childOf;
import static io.headersync.consensus.rules.HeaderFixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeRulesTest {

  private static final BigInteger TTD = BigInteger.valueOf(5_000_000);

  private final ChainSpec merging = HeaderFixtures.custom(HeaderFixtures.forksAtGenesisThrough(Fork.GRAY_GLACIER), TTD,
      new SealEngine.Ethash());
  private final BlockHeader powParent = merging.genesis(); // difficulty 1,000,000

  @Test
  void proofOfWorkBeforeTheTerminalDifficulty() throws InvalidHeaderException {
    ValidationContext ctx = ValidationContext.of(merging).withParentTotalDifficulty(TTD.subtract(BigInteger.ONE));
    BlockHeader pow = childOf(merging, powParent, ctx.parentTotalDifficulty()).build();
    assertThat(pow.difficulty().signum()).isPositive();
    new TerminalTotalDifficultyRule().check(pow, powParent, ctx);

    BlockHeader early = childOf(merging, powParent, ctx.parentTotalDifficulty()).difficulty(BigInteger.ZERO).build();
    InvalidHeaderException e = rejects(new TerminalTotalDifficultyRule(), early, powParent, ctx, "difficulty");
    assertThat(e.expected()).startsWith("> 0 (parent total difficulty 4999999 below terminal total difficulty 5000000)");
  }

  @Test
  void proofOfStakeOnceTheParentReachedIt() throws InvalidHeaderException {
    ValidationContext ctx = ValidationContext.of(merging).withParentTotalDifficulty(TTD);
    BlockHeader pos = childOf(merging, powParent, TTD).build();
    assertThat(pos.difficulty().signum()).isZero();
    new TerminalTotalDifficultyRule().check(pos, powParent, ctx);

    BlockHeader late = childOf(merging, powParent, TTD).difficulty(BigInteger.TWO).build();
    InvalidHeaderException e = rejects(new TerminalTotalDifficultyRule(), late, powParent, ctx, "difficulty");
    assertThat(e.expected()).startsWith("0 (parent total difficulty 5000000 reached");
    assertThat(e.found()).isEqualTo("2");
  }

  @Test
  void unknownTotalDifficultyLeavesTheTransitionUnjudged() throws InvalidHeaderException {
    ValidationContext ctx = ValidationContext.of(merging);
    new TerminalTotalDifficultyRule().check(childOf(merging, powParent).difficulty(BigInteger.ZERO).build(), powParent, ctx);
    new TerminalTotalDifficultyRule().check(childOf(merging, powParent).difficulty(BigInteger.TEN).build(), powParent, ctx);
  }

  @Test
  void aScheduledParisBlockRequiresProofOfStake() throws InvalidHeaderException {
    Map<Fork, Long> forks = HeaderFixtures.forksAtGenesisThrough(Fork.GRAY_GLACIER);
    forks.put(Fork.PARIS, 1L);
    ChainSpec spec = HeaderFixtures.custom(forks, TTD, new SealEngine.Ethash());
    ValidationContext ctx = ValidationContext.of(spec);
    BlockHeader powAtParis = childOf(spec, spec.genesis()).difficulty(BigInteger.TEN).build();
    InvalidHeaderException e = rejects(new TerminalTotalDifficultyRule(), powAtParis, spec.genesis(), ctx, "difficulty");
    assertThat(e.expected()).contains("Paris block 1");
    new TerminalTotalDifficultyRule().check(childOf(spec, spec.genesis()).difficulty(BigInteger.ZERO).build(), spec.genesis(), ctx);
    assertThat(ctx.isPostMerge(powAtParis)).isTrue();
  }

  @Test
  void postMergeConstants() throws InvalidHeaderException {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.CANCUN);
    ValidationContext ctx = ValidationContext.of(spec);
    PostMergeConstantsRule rule = new PostMergeConstantsRule();
    rule.check(childOf(spec, spec.genesis()).build(), null, ctx);

    rejects(rule, childOf(spec, spec.genesis()).difficulty(BigInteger.ONE).build(), null, ctx, "difficulty");
    InvalidHeaderException nonce = rejects(rule, childOf(spec, spec.genesis()).nonce(0x42).build(), null, ctx, "nonce");
    assertThat(nonce.found()).isEqualTo("0x0000000000000042");
    InvalidHeaderException ommers = rejects(rule, childOf(spec, spec.genesis()).ommersHash(Hash.ZERO).build(), null, ctx,
        "ommersHash");
    assertThat(ommers.found()).isEqualTo(Hash.ZERO.toHex());
  }

  @Test
  void proofOfWorkHeadersMayHaveNonceAndOmmers() throws InvalidHeaderException {
    ValidationContext ctx = ValidationContext.of(merging).withParentTotalDifficulty(BigInteger.ONE);
    BlockHeader pow = childOf(merging, powParent, BigInteger.ONE).nonce(0x42).ommersHash(Hash.ZERO).build();
    new PostMergeConstantsRule().check(pow, null, ctx);
  }

  @Test
  void timeBasedForksImplyTheMergeWithoutTotalDifficulty() {
    Map<Fork, Long> forks = HeaderFixtures.forksAtGenesisThrough(Fork.GRAY_GLACIER);
    forks.put(Fork.SHANGHAI, 1_700_000_000L);
    ChainSpec spec = HeaderFixtures.custom(forks, TTD, new SealEngine.Ethash());
    ValidationContext ctx = ValidationContext.of(spec);
    BlockHeader before = BlockHeader.builder().timestamp(1_699_999_999L).difficulty(BigInteger.TEN).build();
    BlockHeader after = BlockHeader.builder().timestamp(1_700_000_000L).difficulty(BigInteger.TEN).build();
    assertThat(ctx.isPostMerge(before)).isFalse();
    assertThat(ctx.isPostMerge(after)).isTrue();
    // With the parent's total difficulty unknown, a zero difficulty is read as proof of stake.
    assertThat(ctx.isPostMerge(BlockHeader.builder().timestamp(1).build())).isTrue();
    ValidationContext neverMerges = ValidationContext.of(HeaderFixtures.proofOfWorkLondonAt(5));
    assertThat(neverMerges.isPostMerge(BlockHeader.builder().build())).isFalse();
    // "Never scheduled" is not a very late activation: the largest number and time stay proof of work.
    assertThat(neverMerges.isPostMerge(BlockHeader.builder().number(Long.MAX_VALUE).timestamp(Long.MAX_VALUE).build())).isFalse();
  }

  @Test
  void proofOfWorkDifficultyByTheFormula() throws InvalidHeaderException {
    ChainSpec pow = HeaderFixtures.proofOfWorkLondonAt(5);
    ValidationContext ctx = ValidationContext.of(pow);
    BlockHeader parent = pow.genesis();
    DifficultyRule rule = new DifficultyRule();
    // Byzantium-style: 12 s after the parent adjusts by max(1 - 12/9, -99) = 0; no bomb this early.
    BlockHeader steady = childOf(pow, parent).build();
    assertThat(steady.difficulty()).isEqualTo(BigInteger.valueOf(1_000_000));
    rule.check(steady, parent, ctx);
    // 1 s after: up by 1,000,000 / 2048 = 488.
    BlockHeader fast = childOf(pow, parent).timestamp(parent.timestamp() + 1).difficulty(BigInteger.valueOf(1_000_488)).build();
    rule.check(fast, parent, ctx);

    InvalidHeaderException e = rejects(rule, childOf(pow, parent).difficulty(BigInteger.valueOf(1_000_001)).build(), parent, ctx,
        "difficulty");
    assertThat(e.expected()).isEqualTo("1000000");
    assertThat(e.found()).isEqualTo("1000001");
  }

  @Test
  void difficultyRuleLeavesProofOfStakeAlone() throws InvalidHeaderException {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.SHANGHAI);
    new DifficultyRule().check(childOf(spec, spec.genesis()).build(), spec.genesis(), ValidationContext.of(spec));
    assertThat(HeaderValidator.defaultRules(spec)).noneMatch(r -> r instanceof DifficultyRule);
  }
}
