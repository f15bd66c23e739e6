package io.headersync.consensus.rules;

import static io.headersync.consensus.rules.HeaderFixtures.childOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.BlobSchedule;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderValidatorTest {

  @Test
  void aValidChainOfEachShapePasses() throws InvalidHeaderException {
    for (Fork fork : new Fork[] {Fork.PARIS, Fork.SHANGHAI, Fork.CANCUN, Fork.PRAGUE, Fork.OSAKA, Fork.BPO2}) {
      ChainSpec spec = HeaderFixtures.proofOfStake(fork);
      HeaderValidator validator = new HeaderValidator(spec);
      BlockHeader parent = spec.genesis();
      for (int i = 0; i < 20; i++) {
        BlockHeader child = childOf(spec, parent).build();
        validator.validate(child, parent, BigInteger.ZERO);
        validator.validateStandalone(child);
        parent = child;
      }
    }
  }

  @Test
  void aProofOfWorkChainThroughLondonPasses() throws InvalidHeaderException {
    ChainSpec spec = HeaderFixtures.proofOfWorkLondonAt(5);
    HeaderValidator validator = new HeaderValidator(spec);
    BlockHeader parent = spec.genesis();
    BigInteger td = parent.difficulty();
    for (int i = 0; i < 10; i++) {
      BlockHeader child = childOf(spec, parent).build();
      validator.validate(child, parent, td);
      td = td.add(child.difficulty());
      parent = child;
    }
    assertThat(parent.hasBaseFee()).isTrue();
  }

  @Test
  void theMergeTransitionPassesWithTotalDifficulty() throws InvalidHeaderException {
    BigInteger ttd = BigInteger.valueOf(3_500_000);
    ChainSpec spec = HeaderFixtures.custom(HeaderFixtures.forksAtGenesisThrough(Fork.GRAY_GLACIER), ttd, new SealEngine.Ethash());
    HeaderValidator validator = new HeaderValidator(spec);
    BlockHeader parent = spec.genesis();
    BigInteger td = parent.difficulty();
    int proofOfStake = 0;
    for (int i = 0; i < 6; i++) {
      BlockHeader child = childOf(spec, parent, td).build();
      validator.validate(child, parent, td);
      proofOfStake += child.difficulty().signum() == 0 ? 1 : 0;
      td = td.add(child.difficulty());
      parent = child;
    }
    assertThat(proofOfStake).isEqualTo(3); // genesis + 3 PoW blocks of ~1,000,000 reach 3,500,000
  }

  @Test
  void theFirstBrokenRuleIsReported() {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.CANCUN);
    HeaderValidator validator = new HeaderValidator(spec);
    BlockHeader parent = spec.genesis();
    // Wrong parent, old timestamp and too much gas: the parent link comes first.
    BlockHeader bad = childOf(spec, parent).parentHash(Hash.ZERO).timestamp(parent.timestamp()).gasUsed(HeaderFixtures.GAS_LIMIT + 1)
        .build();
    InvalidHeaderException e = catchThrowableOfType(InvalidHeaderException.class, () -> validator.validate(bad, parent, null));
    assertThat(e.rule()).isEqualTo(ParentLinkRule.NAME);
    // Gas limit 0 with gas used above it: the gas limit's own bound is reported, not gas used.
    BlockHeader zeroLimit = childOf(spec, parent).gasLimit(0).build();
    e = catchThrowableOfType(InvalidHeaderException.class, () -> validator.validate(zeroLimit, parent, null));
    assertThat(e.rule()).isEqualTo(GasLimitBoundsRule.NAME);
  }

  @Test
  void standaloneRunsOnlyRulesWithoutParent() {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.CANCUN);
    HeaderValidator validator = new HeaderValidator(spec);
    assertThat(validator.standaloneRules()).isNotEmpty().noneMatch(HeaderRule::needsParent);
    assertThat(validator.rules()).containsAll(validator.standaloneRules());
    List<String> names = new ArrayList<>();
    for (HeaderRule r : validator.standaloneRules()) {
      names.add(r.name());
    }
    assertThat(names).containsExactly(ForkFieldsRule.NAME, ExtraDataRule.NAME, GasLimitBoundsRule.NAME, GasUsedRule.NAME,
        PostMergeConstantsRule.NAME, BlobGasUsedRule.NAME);

    BlockHeader orphanButWellFormed = childOf(spec, spec.genesis()).parentHash(Hash.ZERO).build();
    assertThatCode(() -> validator.validateStandalone(orphanButWellFormed)).doesNotThrowAnyException();
    BlockHeader tooMuchExtra = childOf(spec, spec.genesis()).extraData(new byte[40]).build();
    assertThatThrownBy(() -> validator.validateStandalone(tooMuchExtra)).isInstanceOf(InvalidHeaderException.class)
        .hasMessageContaining("rule: " + ExtraDataRule.NAME);
  }

  @Test
  void rulesFollowTheChain() {
    List<String> cancun = names(HeaderValidator.defaultRules(HeaderFixtures.proofOfStake(Fork.CANCUN)));
    assertThat(cancun).containsExactly(ForkFieldsRule.NAME, ParentLinkRule.NAME, TimestampRule.NAME, ExtraDataRule.NAME,
        GasLimitBoundsRule.NAME, GasLimitChangeRule.NAME, GasUsedRule.NAME, BaseFeeRule.NAME, TerminalTotalDifficultyRule.NAME,
        PostMergeConstantsRule.NAME, BlobGasUsedRule.NAME, ExcessBlobGasRule.NAME);
    List<String> frontier = names(HeaderValidator.defaultRules(
        HeaderFixtures.custom(HeaderFixtures.forksAtGenesisThrough(Fork.FRONTIER), null, new SealEngine.Ethash())));
    assertThat(frontier).containsExactly(ForkFieldsRule.NAME, ParentLinkRule.NAME, TimestampRule.NAME, ExtraDataRule.NAME,
        GasLimitBoundsRule.NAME, GasLimitChangeRule.NAME, GasUsedRule.NAME, DifficultyRule.NAME);
  }

  @Test
  void cancunWithoutABlobScheduleIsAConfigurationError() {
    ChainSpec base = HeaderFixtures.proofOfStake(Fork.CANCUN);
    ChainSpec noBlobs = new ChainSpec("no blobs", 1, 1, base.genesis(), base.forkActivations(), BigInteger.ZERO,
        Map.<Fork, BlobSchedule>of(), new SealEngine.None(), List.of());
    assertThatThrownBy(() -> new HeaderValidator(noBlobs)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without a blob schedule");
  }

  @Test
  void aCustomRuleListRunsInItsOrder() {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.CANCUN);
    HeaderValidator onlyTime = new HeaderValidator(spec, List.of(new TimestampRule()));
    BlockHeader parent = spec.genesis();
    assertThatCode(() -> onlyTime.validate(childOf(spec, parent).gasUsed(HeaderFixtures.GAS_LIMIT + 1).build(), parent, null))
        .doesNotThrowAnyException();
    assertThat(onlyTime.standaloneRules()).isEmpty();
  }

  private static List<String> names(List<HeaderRule> rules) {
    List<String> out = new ArrayList<>();
    for (HeaderRule r : rules) {
      out.add(r.name());
    }
    return out;
  }
}
