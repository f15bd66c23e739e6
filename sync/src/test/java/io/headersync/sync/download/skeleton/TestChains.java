package io.headersync.sync.download.skeleton;

import io.headersync.consensus.rules.ExtraDataRule;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.consensus.rules.ParentLinkRule;
import io.headersync.consensus.rules.TimestampRule;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small hand-made chains: linked headers with a chosen difficulty and a salt in the extra data
 * that tells branches apart, and a validator running a few real rules (extra data length alone;
 * parent link and timestamp against the parent).
 */
final class TestChains {

  static final BlockHeader GENESIS = BlockHeader.builder().parentHash(Hash.ZERO).number(0)
      .difficulty(BigInteger.valueOf(1_000)).gasLimit(5_000).timestamp(1_000).extraData(new byte[0]).build();

  static final ChainSpec SPEC = new ChainSpec("skeleton-test", 1, 1, GENESIS, Map.of(Fork.FRONTIER, 0L), null, Map.of(),
      new SealEngine.Ethash(), List.of());

  private TestChains() {}

  static HeaderValidator validator() {
    return new HeaderValidator(SPEC, List.of(new ExtraDataRule(), new ParentLinkRule(), new TimestampRule()));
  }

  /** {@code count} headers above {@code parent}, each of {@code difficulty}, branch {@code salt}. */
  static List<BlockHeader> extend(BlockHeader parent, int count, long difficulty, int salt) {
    List<BlockHeader> out = new ArrayList<>(count);
    BlockHeader p = parent;
    for (int i = 0; i < count; i++) {
      BlockHeader h = child(p, difficulty, salt);
      out.add(h);
      p = h;
    }
    return out;
  }

  static BlockHeader child(BlockHeader parent, long difficulty, int salt) {
    return BlockHeader.builder().parentHash(parent.hash()).number(parent.number() + 1)
        .difficulty(BigInteger.valueOf(difficulty)).gasLimit(5_000).timestamp(parent.timestamp() + 10)
        .extraData(new byte[] {(byte) salt}).build();
  }

  /** A child whose timestamp does not move past its parent's: breaks the timestamp rule. */
  static BlockHeader staleChild(BlockHeader parent, int salt) {
    return BlockHeader.builder().parentHash(parent.hash()).number(parent.number() + 1)
        .difficulty(BigInteger.valueOf(1_000)).gasLimit(5_000).timestamp(parent.timestamp())
        .extraData(new byte[] {(byte) salt}).build();
  }

  /** A child with 33 bytes of extra data: breaks a rule that needs no parent. */
  static BlockHeader oversizedChild(BlockHeader parent) {
    return BlockHeader.builder().parentHash(parent.hash()).number(parent.number() + 1)
        .difficulty(BigInteger.valueOf(1_000)).gasLimit(5_000).timestamp(parent.timestamp() + 10)
        .extraData(new byte[33]).build();
  }

  /** GENESIS followed by {@code length} headers of difficulty 1000, salt 0. */
  static List<BlockHeader> main(int length) {
    List<BlockHeader> chain = new ArrayList<>(length + 1);
    chain.add(GENESIS);
    chain.addAll(extend(GENESIS, length, 1_000, 0));
    return chain;
  }
}
