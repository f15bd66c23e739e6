package io.headersync.consensus.rules;

import static io.headersync.consensus.rules.HeaderFixtures.childOf;
import static io.headersync.consensus.rules.HeaderFixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ForkFieldsRuleTest {

  private final ForkFieldsRule rule = new ForkFieldsRule();

  @Test
  void eachForkShapePassesOnItsFork() throws InvalidHeaderException {
    for (Fork fork : new Fork[] {Fork.PARIS, Fork.SHANGHAI, Fork.CANCUN, Fork.PRAGUE, Fork.OSAKA}) {
      ChainSpec spec = HeaderFixtures.proofOfStake(fork);
      rule.check(childOf(spec, spec.genesis()).build(), null, ValidationContext.of(spec));
    }
    ChainSpec pow = HeaderFixtures.proofOfWorkLondonAt(5);
    BlockHeader berlin = childOf(pow, pow.genesis()).build();
    rule.check(berlin, null, ValidationContext.of(pow));
  }

  @Test
  void baseFeeOnlyFromLondon() {
    ChainSpec pow = HeaderFixtures.proofOfWorkLondonAt(5);
    ValidationContext ctx = ValidationContext.of(pow);
    BlockHeader early = childOf(pow, pow.genesis()).baseFeePerGas(BigInteger.TEN).build();
    InvalidHeaderException e = rejects(rule, early, null, ctx, "baseFeePerGas");
    assertThat(e.expected()).isEqualTo("absent (London is not active)");
    assertThat(e.found()).isEqualTo("present");

    BlockHeader londonWithout = BlockHeader.builder().number(5).gasLimit(30_000_000).build();
    InvalidHeaderException missing = rejects(rule, londonWithout, null, ctx, "baseFeePerGas");
    assertThat(missing.expected()).isEqualTo("present (London is active)");
  }

  @Test
  void withdrawalsRootOnlyFromShanghai() {
    ChainSpec paris = HeaderFixtures.proofOfStake(Fork.PARIS);
    rejects(rule, childOf(paris, paris.genesis()).withdrawalsRoot(Hash.ZERO).build(), null, ValidationContext.of(paris),
        "withdrawalsRoot");
    ChainSpec shanghai = HeaderFixtures.proofOfStake(Fork.SHANGHAI);
    BlockHeader without = BlockHeader.builder().number(1).timestamp(1_800_000_000L).baseFeePerGas(BigInteger.ONE).build();
    rejects(rule, without, null, ValidationContext.of(shanghai), "withdrawalsRoot");
  }

  @Test
  void blobFieldsOnlyFromCancun() {
    ChainSpec shanghai = HeaderFixtures.proofOfStake(Fork.SHANGHAI);
    BlockHeader early = childOf(shanghai, shanghai.genesis()).blobGas(0, 0).parentBeaconBlockRoot(Hash.ZERO).build();
    rejects(rule, early, null, ValidationContext.of(shanghai), "blobGasUsed");
    ChainSpec cancun = HeaderFixtures.proofOfStake(Fork.CANCUN);
    BlockHeader late = BlockHeader.builder().number(1).timestamp(1_800_000_000L).baseFeePerGas(BigInteger.ONE)
        .withdrawalsRoot(Hash.ZERO).build();
    rejects(rule, late, null, ValidationContext.of(cancun), "blobGasUsed");
  }

  @Test
  void requestsHashOnlyFromPrague() {
    ChainSpec cancun = HeaderFixtures.proofOfStake(Fork.CANCUN);
    rejects(rule, childOf(cancun, cancun.genesis()).requestsHash(Hash.ZERO).build(), null, ValidationContext.of(cancun),
        "requestsHash");
    ChainSpec prague = HeaderFixtures.proofOfStake(Fork.PRAGUE);
    BlockHeader without = childOf(cancun, cancun.genesis()).build();
    rejects(rule, without, null, ValidationContext.of(prague), "requestsHash");
  }

  @Test
  void fieldsOfAnUnknownForkAreRejected() {
    ChainSpec osaka = HeaderFixtures.proofOfStake(Fork.OSAKA);
    BlockHeader valid = childOf(osaka, osaka.genesis()).build();
    BlockHeader extended = BlockHeader.decode(appendField(valid.encoded(), new byte[32]));
    assertThat(extended.fieldCount()).isEqualTo(22);
    InvalidHeaderException e = rejects(rule, extended, null, ValidationContext.of(osaka), "fieldCount");
    assertThat(e.expected()).isEqualTo("at most 21");
    assertThat(e.found()).isEqualTo("22");
  }

  private static byte[] appendField(byte[] header, byte[] field) {
    RlpReader fields = RlpReader.wrap(header).readList();
    RlpWriter w = new RlpWriter(header.length + 40).startList();
    while (fields.hasNext()) {
      int start = fields.position();
      fields.skip();
      w.writeRaw(header, start, fields.position() - start);
    }
    return w.writeBytes(field).endList().toByteArray();
  }
}
