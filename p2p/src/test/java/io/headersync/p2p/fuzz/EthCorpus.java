package io.headersync.p2p.fuzz;

import io.headersync.core.block.Block;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ForkId;
import io.headersync.p2p.eth.EthCodec;
import io.headersync.p2p.eth.EthLimits;
import io.headersync.p2p.eth.EthMessage;
import io.headersync.p2p.eth.EthMessage.AnnouncedBlock;
import io.headersync.p2p.eth.EthMessageType;
import io.headersync.p2p.eth.EthVersion;
import io.headersync.rlp.RlpWriter;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import io.headersync.testkit.chain.PreMergeRecipe;
import io.headersync.testkit.chain.SyntheticBodies;
import io.headersync.testkit.chain.WithBodiesRecipe;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Valid eth messages of every type of both versions, with seeded random content: headers and
 * bodies of three header shapes (proof of work, Cancun, Prague) from synthetic chains, random
 * hashes, numbers, ids and raw transactions. Also a few messages just over each count cap, which
 * mutation alone would rarely reach.
 */
final class EthCorpus {

  /** One encoded message and what it is. */
  record Seed(EthVersion version, EthMessageType type, byte[] payload) {}

  private static final List<BlockHeader> HEADERS = headers();

  private EthCorpus() {}

  private static List<BlockHeader> headers() {
    List<BlockHeader> out = new ArrayList<>();
    List<LazyHeaderChain> chains = List.of(
        ChainBuilder.withRecipe(new WithBodiesRecipe(PreMergeRecipe.homestead())).seed(3).length(12).build(),
        ChainBuilder.withRecipe(new WithBodiesRecipe(PostMergeRecipe.mainnetLike(PostMergeRecipe.Shape.CANCUN)))
            .seed(4).firstNumber(19_000_000).length(6).build(),
        ChainBuilder.withRecipe(new WithBodiesRecipe(PostMergeRecipe.mainnetLike(PostMergeRecipe.Shape.PRAGUE)))
            .seed(5).firstNumber(22_500_000).length(6).build());
    for (LazyHeaderChain c : chains) {
      for (long n = c.firstNumber() + 1; n <= c.headNumber(); n++) {
        out.add(c.header(n));
      }
    }
    return List.copyOf(out);
  }

  /** {@code perType} messages of every type of every version. */
  static List<Seed> seeds(long seed, int perType) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Seed> out = new ArrayList<>();
    for (EthVersion v : EthVersion.values()) {
      EthCodec codec = new EthCodec(v, EthLimits.DEFAULT);
      for (EthMessageType t : EthMessageType.values()) {
        if (!t.existsIn(v)) {
          continue;
        }
        for (int i = 0; i < perType; i++) {
          out.add(new Seed(v, t, codec.encode(message(v, t, r))));
        }
      }
    }
    return out;
  }

  static EthMessage message(EthVersion version, EthMessageType type, SplittableRandom r) {
    return switch (type) {
      case STATUS -> {
        ForkId forkId = ForkId.of(r.nextInt(), r.nextLong(0, Long.MAX_VALUE));
        if (version == EthVersion.ETH68) {
          yield new EthMessage.Status68(68, r.nextLong(), new BigInteger(1 + r.nextInt(200), new java.util.Random(r.nextLong())),
              hash(r), hash(r), forkId);
        }
        long earliest = r.nextLong(0, 1L << 40);
        yield new EthMessage.Status69(69, r.nextLong(), hash(r), forkId, earliest, earliest + r.nextLong(0, 1L << 30), hash(r));
      }
      case NEW_BLOCK_HASHES -> {
        List<AnnouncedBlock> blocks = new ArrayList<>();
        for (int i = r.nextInt(6); i > 0; i--) {
          blocks.add(new AnnouncedBlock(hash(r), r.nextLong(0, Long.MAX_VALUE)));
        }
        yield new EthMessage.NewBlockHashes(blocks);
      }
      case TRANSACTIONS -> new EthMessage.Transactions(rawItems(r));
      case GET_BLOCK_HEADERS -> new EthMessage.GetBlockHeaders(r.nextLong(),
          r.nextBoolean() ? BlockOrigin.hash(hash(r)) : BlockOrigin.number(r.nextLong(0, Long.MAX_VALUE)),
          r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(1025), r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(200),
          r.nextBoolean());
      case BLOCK_HEADERS -> {
        List<BlockHeader> headers = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          headers.add(HEADERS.get(r.nextInt(HEADERS.size())));
        }
        yield new EthMessage.BlockHeaders(r.nextLong(), headers);
      }
      case GET_BLOCK_BODIES -> new EthMessage.GetBlockBodies(r.nextLong(), hashes(r));
      case BLOCK_BODIES -> {
        List<BlockBody> bodies = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          bodies.add(r.nextInt(4) == 0 ? BlockBody.EMPTY_LEGACY
              : SyntheticBodies.bodyFor(HEADERS.get(r.nextInt(HEADERS.size()))));
        }
        yield new EthMessage.BlockBodies(r.nextLong(), bodies);
      }
      case NEW_BLOCK -> {
        BlockHeader h = HEADERS.get(r.nextInt(HEADERS.size()));
        yield new EthMessage.NewBlock(new Block(h, SyntheticBodies.bodyFor(h)), BigInteger.valueOf(r.nextLong(0, Long.MAX_VALUE)));
      }
      case NEW_POOLED_TRANSACTION_HASHES -> {
        int n = r.nextInt(6);
        byte[] types = new byte[n];
        List<Long> sizes = new ArrayList<>();
        List<Hash> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          types[i] = (byte) r.nextInt(5);
          sizes.add(r.nextLong(0, 1L << 20));
          hashes.add(hash(r));
        }
        yield new EthMessage.NewPooledTransactionHashes(types, sizes, hashes);
      }
      case GET_POOLED_TRANSACTIONS -> new EthMessage.GetPooledTransactions(r.nextLong(), hashes(r));
      case POOLED_TRANSACTIONS -> new EthMessage.PooledTransactions(r.nextLong(), rawItems(r));
      case GET_RECEIPTS -> new EthMessage.GetReceipts(r.nextLong(), hashes(r));
      case RECEIPTS -> {
        List<byte[]> lists = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          RlpWriter w = new RlpWriter().startList();
          for (int j = r.nextInt(3); j > 0; j--) {
            w.writeBytes(Mutator.randomBytes(r, r.nextInt(80)));
          }
          lists.add(w.endList().toByteArray());
        }
        yield new EthMessage.Receipts(r.nextLong(), lists);
      }
      case BLOCK_RANGE_UPDATE -> {
        long earliest = r.nextLong(0, 1L << 40);
        yield new EthMessage.BlockRangeUpdate(earliest, earliest + r.nextLong(0, 1L << 30), hash(r));
      }
    };
  }

  /**
   * One message per count cap with one item more than the cap allows, in the smallest items that
   * still have the right shape, so the count check (not the byte cap of the session) refuses them.
   */
  static List<Seed> overCaps(EthLimits limits) {
    List<Seed> out = new ArrayList<>();
    RlpWriter announced = new RlpWriter().startList();
    for (int i = 0; i <= limits.maxAnnouncedBlocks(); i++) {
      announced.startList().writeBytes(new byte[32]).writeLong(i).endList();
    }
    out.add(new Seed(EthVersion.ETH68, EthMessageType.NEW_BLOCK_HASHES, announced.endList().toByteArray()));
    out.add(new Seed(EthVersion.ETH69, EthMessageType.TRANSACTIONS, list(limits.maxTransactions() + 1, -1)));
    out.add(new Seed(EthVersion.ETH68, EthMessageType.BLOCK_HEADERS, withId(list(limits.maxHeaders() + 1, -1))));
    out.add(new Seed(EthVersion.ETH69, EthMessageType.BLOCK_BODIES, withId(list(limits.maxBodies() + 1, -1))));
    out.add(new Seed(EthVersion.ETH68, EthMessageType.GET_BLOCK_BODIES, withId(list(limits.maxHashes() + 1, 32))));
    out.add(new Seed(EthVersion.ETH69, EthMessageType.RECEIPTS, withId(list(limits.maxTransactions() + 1, -1))));
    return out;
  }

  /** An RLP list of {@code n} items: empty lists ({@code itemSize} −1) or byte strings of that size. */
  private static byte[] list(int n, int itemSize) {
    RlpWriter w = new RlpWriter(n * (itemSize + 2) + 16).startList();
    for (int i = 0; i < n; i++) {
      if (itemSize < 0) {
        w.startList().endList();
      } else {
        w.writeBytes(new byte[itemSize]);
      }
    }
    return w.endList().toByteArray();
  }

  private static byte[] withId(byte[] items) {
    return new RlpWriter(items.length + 16).startList().writeLong(1).writeRaw(items).endList().toByteArray();
  }

  private static List<byte[]> rawItems(SplittableRandom r) {
    List<byte[]> items = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      byte[] envelope = Mutator.randomBytes(r, 1 + r.nextInt(120));
      envelope[0] = (byte) r.nextInt(5);
      items.add(r.nextBoolean()
          ? new RlpWriter().writeBytes(envelope).toByteArray()
          : new RlpWriter().startList().writeLong(r.nextLong(0, Long.MAX_VALUE)).writeBytes(envelope).endList().toByteArray());
    }
    return items;
  }

  private static List<Hash> hashes(SplittableRandom r) {
    List<Hash> out = new ArrayList<>();
    for (int i = r.nextInt(8); i > 0; i--) {
      out.add(hash(r));
    }
    return out;
  }

  static Hash hash(SplittableRandom r) {
    return Hash.wrap(Mutator.randomBytes(r, 32));
  }
}
