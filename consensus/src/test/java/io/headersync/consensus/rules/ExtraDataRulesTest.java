package io.headersync.consensus.rules;

import static io.headersync.consensus.rules.HeaderFixtures.childOf;
import static io.headersync.consensus.rules.HeaderFixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtraDataRulesTest {

  @Test
  void extraDataUpTo32BytesPasses() throws InvalidHeaderException {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.SHANGHAI);
    ValidationContext ctx = ValidationContext.of(spec);
    new ExtraDataRule().check(childOf(spec, spec.genesis()).extraData(new byte[0]).build(), null, ctx);
    new ExtraDataRule().check(childOf(spec, spec.genesis()).extraData(new byte[32]).build(), null, ctx);
  }

  @Test
  void extraDataOf33BytesFails() {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.SHANGHAI);
    BlockHeader header = childOf(spec, spec.genesis()).extraData(new byte[33]).build();
    InvalidHeaderException e = rejects(new ExtraDataRule(), header, null, ValidationContext.of(spec), "extraData");
    assertThat(e.found()).isEqualTo("33 bytes");
  }

  @Test
  void cliqueChainsDoNotRunTheSizeRule() {
    Map<Fork, Long> forks = HeaderFixtures.forksAtGenesisThrough(Fork.LONDON);
    ChainSpec clique = HeaderFixtures.custom(forks, null, new SealEngine.Clique(15, 30_000));
    assertThat(HeaderValidator.defaultRules(clique)).noneMatch(r -> r instanceof ExtraDataRule || r instanceof DifficultyRule);
    ChainSpec ethash = HeaderFixtures.custom(forks, null, new SealEngine.Ethash());
    assertThat(HeaderValidator.defaultRules(ethash)).anyMatch(r -> r instanceof ExtraDataRule)
        .anyMatch(r -> r instanceof DifficultyRule);
  }

  @Test
  void daoForkBlocksCarryTheMarker() throws InvalidHeaderException {
    Map<Fork, Long> forks = HeaderFixtures.forksAtGenesisThrough(Fork.HOMESTEAD);
    forks.put(Fork.DAO, 100L);
    ChainSpec spec = HeaderFixtures.custom(forks, null, new SealEngine.Ethash());
    ValidationContext ctx = ValidationContext.of(spec);
    byte[] marker = "dao-hard-fork".getBytes(StandardCharsets.US_ASCII);
    DaoExtraDataRule rule = new DaoExtraDataRule();

    rule.check(header(99, new byte[0]), null, ctx);
    rule.check(header(100, marker), null, ctx);
    rule.check(header(109, marker), null, ctx);
    rule.check(header(110, new byte[0]), null, ctx);

    InvalidHeaderException e = rejects(rule, header(100, new byte[] {1}), null, ctx, "extraData");
    assertThat(e.expected()).startsWith("0x64616f2d686172642d666f726b");
    assertThat(e.found()).isEqualTo("0x01");
    rejects(rule, header(109, "dao-soft-fork".getBytes(StandardCharsets.US_ASCII)), null, ctx, "extraData");
  }

  @Test
  void noDaoForkNoMarker() throws InvalidHeaderException {
    ChainSpec spec = HeaderFixtures.custom(HeaderFixtures.forksAtGenesisThrough(Fork.HOMESTEAD), null, new SealEngine.Ethash());
    new DaoExtraDataRule().check(header(100, new byte[0]), null, ValidationContext.of(spec));
    assertThat(HeaderValidator.defaultRules(spec)).noneMatch(r -> r instanceof DaoExtraDataRule);
  }

  private static BlockHeader header(long number, byte[] extra) {
    return BlockHeader.builder().number(number).gasLimit(5000).extraData(extra).build();
  }

  @Test
  void validHeaderPassesBothRulesThroughTheValidator() {
    ChainSpec spec = HeaderFixtures.proofOfStake(Fork.CANCUN);
    assertThatCode(() -> new HeaderValidator(spec).validateStandalone(childOf(spec, spec.genesis()).build()))
        .doesNotThrowAnyException();
  }
}
