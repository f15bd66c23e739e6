package io.headersync.consensus.rules;

import static io.headersync.consensus.rules.HeaderFixtures.childOf;
import static io.headersync.consensus.rules.HeaderFixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import org.junit.jupiter.api.Test;

class GasRulesTest {

  private final ChainSpec spec = HeaderFixtures.proofOfStake(Fork.CANCUN);
  private final ValidationContext ctx = ValidationContext.of(spec);
  private final BlockHeader parent = spec.genesis(); // gas limit 30,000,000: the bound is 29,296

  @Test
  void gasLimitAtLeast5000() throws InvalidHeaderException {
    new GasLimitBoundsRule().check(BlockHeader.builder().gasLimit(5000).build(), null, ctx);
    InvalidHeaderException e = rejects(new GasLimitBoundsRule(), BlockHeader.builder().gasLimit(4999).build(), null, ctx, "gasLimit");
    assertThat(e.expected()).isEqualTo(">= 5000");
    assertThat(e.found()).isEqualTo("4999");
    rejects(new GasLimitBoundsRule(), BlockHeader.builder().gasLimit(0).build(), null, ctx, "gasLimit");
  }

  @Test
  void gasLimitAbove2To63Minus1CannotBeDecoded() {
    BlockHeader valid = BlockHeader.builder().gasLimit(Long.MAX_VALUE).build();
    // Re-encode the same header with gasLimit = 2^63, which no long holds.
    byte[] tooBig = withGasLimitBytes(valid, new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0});
    assertThat(catchThrowableOfType(RlpException.class, () -> BlockHeader.decode(tooBig)).reason())
        .isEqualTo(RlpException.Reason.INTEGER_OVERFLOW);
  }

  @Test
  void gasLimitChangeStrictlyWithinParentOver1024() throws InvalidHeaderException {
    GasLimitChangeRule rule = new GasLimitChangeRule();
    long bound = parent.gasLimit() / 1024; // 29,296
    rule.check(withLimit(parent.gasLimit()), parent, ctx);
    rule.check(withLimit(parent.gasLimit() + bound - 1), parent, ctx);
    rule.check(withLimit(parent.gasLimit() - bound + 1), parent, ctx);

    InvalidHeaderException up = rejects(rule, withLimit(parent.gasLimit() + bound), parent, ctx, "gasLimit");
    assertThat(up.expected()).startsWith("within 30000000 +/- 29295");
    assertThat(up.found()).isEqualTo(Long.toString(parent.gasLimit() + bound));
    rejects(rule, withLimit(parent.gasLimit() - bound), parent, ctx, "gasLimit");
  }

  @Test
  void londonForkBlockDoublesTheParentLimit() throws InvalidHeaderException {
    ChainSpec pow = HeaderFixtures.proofOfWorkLondonAt(1);
    ValidationContext powCtx = ValidationContext.of(pow);
    BlockHeader berlin = pow.genesis();
    GasLimitChangeRule rule = new GasLimitChangeRule();

    BlockHeader fork = childOf(pow, berlin).build();
    assertThat(fork.gasLimit()).isEqualTo(2 * berlin.gasLimit());
    rule.check(fork, berlin, powCtx);
    rule.check(childOf(pow, berlin).gasLimit(2 * berlin.gasLimit() - 2 * berlin.gasLimit() / 1024 + 1).build(), berlin, powCtx);

    InvalidHeaderException e = rejects(rule, childOf(pow, berlin).gasLimit(berlin.gasLimit()).build(), berlin, powCtx, "gasLimit");
    assertThat(e.expected()).startsWith("within " + 2 * berlin.gasLimit());

    // After the fork block, no more doubling.
    BlockHeader next = childOf(pow, fork).build();
    rule.check(next, fork, powCtx);
    rejects(rule, childOf(pow, fork).gasLimit(2 * fork.gasLimit()).build(), fork, powCtx, "gasLimit");
  }

  @Test
  void gasUsedAtMostGasLimit() throws InvalidHeaderException {
    GasUsedRule rule = new GasUsedRule();
    rule.check(childOf(spec, parent).gasUsed(parent.gasLimit()).build(), null, ctx);
    rule.check(childOf(spec, parent).gasUsed(0).build(), null, ctx);
    InvalidHeaderException e = rejects(rule, childOf(spec, parent).gasUsed(parent.gasLimit() + 1).build(), null, ctx, "gasUsed");
    assertThat(e.expected()).startsWith("<= " + parent.gasLimit());
  }

  @Test
  void validChildPassesAllThreeRules() {
    BlockHeader child = childOf(spec, parent).build();
    assertThatCode(() -> {
      new GasLimitBoundsRule().check(child, parent, ctx);
      new GasLimitChangeRule().check(child, parent, ctx);
      new GasUsedRule().check(child, parent, ctx);
    }).doesNotThrowAnyException();
  }

  private BlockHeader withLimit(long gasLimit) {
    return childOf(spec, parent).gasLimit(gasLimit).gasUsed(0).build();
  }

  /** The header's RLP with the gas limit field (index 9) replaced by the big-endian {@code bytes}. */
  private static byte[] withGasLimitBytes(BlockHeader header, byte[] bytes) {
    RlpReader fields = RlpReader.wrap(header.encoded()).readList();
    RlpWriter w = new RlpWriter(header.encoded().length + 16);
    w.startList();
    for (int i = 0; fields.hasNext(); i++) {
      int start = fields.position();
      fields.skip();
      if (i == 9) {
        w.writeBytes(bytes);
      } else {
        w.writeRaw(header.encoded(), start, fields.position() - start);
      }
    }
    w.endList();
    return w.toByteArray();
  }
}
