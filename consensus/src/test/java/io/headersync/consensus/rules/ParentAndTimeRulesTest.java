package io.headersync.consensus.rules;

import static io.headersync.consensus.rules.HeaderFixtures.childOf;
import static io.headersync.consensus.rules.HeaderFixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import org.junit.jupiter.api.Test;

class ParentAndTimeRulesTest {

  private final ChainSpec spec = HeaderFixtures.proofOfStake(Fork.CANCUN);
  private final ValidationContext ctx = ValidationContext.of(spec);
  private final BlockHeader parent = spec.genesis();
  private final BlockHeader child = childOf(spec, parent).build();

  @Test
  void parentLinkAcceptsTheRealChild() {
    assertThatCode(() -> new ParentLinkRule().check(child, parent, ctx)).doesNotThrowAnyException();
  }

  @Test
  void parentLinkRejectsAnotherParentHash() {
    BlockHeader orphan = childOf(spec, parent).parentHash(Hash.fromHex("11".repeat(32))).build();
    InvalidHeaderException e = rejects(new ParentLinkRule(), orphan, parent, ctx, "parentHash");
    assertThat(e.expected()).isEqualTo(parent.hash().toHex());
    assertThat(e.found()).isEqualTo("0x" + "11".repeat(32));
  }

  @Test
  void parentLinkRejectsANumberThatSkips() {
    BlockHeader skipping = childOf(spec, parent).number(2).build();
    InvalidHeaderException e = rejects(new ParentLinkRule(), skipping, parent, ctx, "number");
    assertThat(e.expected()).isEqualTo("1");
    assertThat(e.found()).isEqualTo("2");
  }

  @Test
  void parentLinkRejectsTheParentItself() {
    BlockHeader same = childOf(spec, parent).number(0).build();
    rejects(new ParentLinkRule(), same, parent, ctx, "number");
  }

  @Test
  void timestampMustGrow() {
    assertThatCode(() -> new TimestampRule().check(child, parent, ctx)).doesNotThrowAnyException();
    BlockHeader oneSecond = childOf(spec, parent).timestamp(parent.timestamp() + 1).build();
    assertThatCode(() -> new TimestampRule().check(oneSecond, parent, ctx)).doesNotThrowAnyException();

    BlockHeader equal = childOf(spec, parent).timestamp(parent.timestamp()).build();
    InvalidHeaderException e = rejects(new TimestampRule(), equal, parent, ctx, "timestamp");
    assertThat(e.found()).isEqualTo(Long.toString(parent.timestamp()));
    BlockHeader older = childOf(spec, parent).timestamp(parent.timestamp() - 1).build();
    rejects(new TimestampRule(), older, parent, ctx, "timestamp");
  }

  @Test
  void messageNamesBlockRuleFieldExpectedAndFound() {
    BlockHeader equal = childOf(spec, parent).timestamp(parent.timestamp()).build();
    InvalidHeaderException e = rejects(new TimestampRule(), equal, parent, ctx, "timestamp");
    assertThat(e.getMessage())
        .startsWith("block 1 " + equal.hash().toHex())
        .contains("(rule: timestamp)")
        .contains("found " + parent.timestamp());
  }
}
