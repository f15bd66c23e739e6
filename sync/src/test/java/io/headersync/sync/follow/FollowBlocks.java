package io.headersync.sync.follow;

import io.headersync.consensus.rules.ExtraDataRule;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.consensus.rules.ParentLinkRule;
import io.headersync.consensus.rules.TimestampRule;
import io.headersync.core.block.Block;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Small hand-made chains for the follower's tests: each block names its branch in its extra data
 * (so branches differ), carries the difficulty asked for (zero for post-merge blocks), and an
 * empty body. The rules checked are parent link, timestamp and extra data length, enough to make
 * a block invalid on purpose ({@link #invalidChild}).
 */
final class FollowBlocks {

  static final HeaderValidator RULES = new HeaderValidator(ChainSpecs.preset("mainnet"),
      List.of(new ParentLinkRule(), new TimestampRule(), new ExtraDataRule()));

  private FollowBlocks() {}

  static Block genesis(long difficulty) {
    BlockHeader h = BlockHeader.builder().parentHash(Hash.ZERO).number(0).timestamp(1_600_000_000L)
        .difficulty(BigInteger.valueOf(difficulty)).gasLimit(8_000_000).extraData(tag("genesis")).build();
    return new Block(h, BlockBody.EMPTY_LEGACY);
  }

  static Block child(Block parent, long difficulty, String branch) {
    BlockHeader p = parent.header();
    BlockHeader h = BlockHeader.builder().parentHash(p.hash()).number(p.number() + 1).timestamp(p.timestamp() + 12)
        .difficulty(BigInteger.valueOf(difficulty)).gasLimit(8_000_000).extraData(tag(branch + " " + (p.number() + 1))).build();
    return new Block(h, BlockBody.EMPTY_LEGACY);
  }

  /** A child whose extra data is longer than the rules allow. */
  static Block invalidChild(Block parent, long difficulty) {
    BlockHeader p = parent.header();
    BlockHeader h = BlockHeader.builder().parentHash(p.hash()).number(p.number() + 1).timestamp(p.timestamp() + 12)
        .difficulty(BigInteger.valueOf(difficulty)).gasLimit(8_000_000).extraData(new byte[40]).build();
    return new Block(h, BlockBody.EMPTY_LEGACY);
  }

  /** {@code count} blocks on top of {@code parent}, each of {@code difficulty}; the first is {@code parent}'s child. */
  static List<Block> extend(Block parent, int count, long difficulty, String branch) {
    List<Block> out = new ArrayList<>();
    Block p = parent;
    for (int i = 0; i < count; i++) {
      p = child(p, difficulty, branch);
      out.add(p);
    }
    return out;
  }

  /** A store holding {@code chain} canonical with total difficulties, as a synced controller leaves it. */
  static InMemoryHeaderStore storeWith(List<Block> chain) {
    InMemoryHeaderStore store = InMemoryHeaderStore.create(chain.getFirst().hash());
    WriteBatch batch = new WriteBatch();
    BigInteger td = BigInteger.ZERO;
    for (Block b : chain) {
      td = td.add(b.header().difficulty());
      batch.putCanonicalHeader(b.header(), td);
    }
    batch.setCheckpoint("headers", chain.getLast().number()).setCheckpoint("total-difficulty", chain.getLast().number());
    store.commit(batch);
    return store;
  }

  private static byte[] tag(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return b.length <= 32 ? b : java.util.Arrays.copyOf(b, 32);
  }
}
