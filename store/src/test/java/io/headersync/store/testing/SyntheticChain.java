package io.headersync.store.testing;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic chains of pre-London-shaped headers of about 540 bytes, the size of a mainnet
 * header, linked by parent hash. A header depends only on its parent and a seed, so a chain
 * resumed from any stored header continues exactly as an uninterrupted one, and two seeds give
 * two branches from the same parent.
 */
public final class SyntheticChain {

  private static final int BLOOM_SIZE = 256;

  private SyntheticChain() {}

  /** A genesis header for {@code seed}. */
  public static BlockHeader genesis(long seed) {
    SplittableRandom r = random(seed, 0, Hash.ZERO);
    return fill(BlockHeader.builder(), r).number(0).parentHash(Hash.ZERO).difficulty(BigInteger.valueOf(1L << 34))
        .timestamp(0).build();
  }

  /** The child of {@code parent} on the branch named by {@code seed}. */
  public static BlockHeader child(BlockHeader parent, long seed) {
    long number = parent.number() + 1;
    SplittableRandom r = random(seed, number, parent.hash());
    return fill(BlockHeader.builder(), r)
        .parentHash(parent.hash())
        .number(number)
        .difficulty(BigInteger.valueOf(131_072 + r.nextInt(1 << 20)))
        .timestamp(parent.timestamp() + 1 + r.nextInt(20))
        .build();
  }

  /** Genesis and {@code count - 1} descendants. */
  public static List<BlockHeader> build(long seed, int count) {
    List<BlockHeader> out = new ArrayList<>(count);
    if (count > 0) {
      out.add(genesis(seed));
    }
    while (out.size() < count) {
      out.add(child(out.get(out.size() - 1), seed));
    }
    return out;
  }

  /** {@code count} descendants of {@code parent} on the branch named by {@code seed}. */
  public static List<BlockHeader> extend(BlockHeader parent, int count, long seed) {
    List<BlockHeader> out = new ArrayList<>(count);
    BlockHeader last = parent;
    for (int i = 0; i < count; i++) {
      last = child(last, seed);
      out.add(last);
    }
    return out;
  }

  /** Total difficulties of {@code chain}, starting from {@code before} (the parent's total difficulty, 0 for a chain from genesis). */
  public static List<BigInteger> totalDifficulties(List<BlockHeader> chain, BigInteger before) {
    List<BigInteger> out = new ArrayList<>(chain.size());
    BigInteger td = before;
    for (BlockHeader h : chain) {
      td = td.add(h.difficulty());
      out.add(td);
    }
    return out;
  }

  private static SplittableRandom random(long seed, long number, Hash parent) {
    long mix = seed * 0x9E3779B97F4A7C15L ^ number * 0xC2B2AE3D27D4EB4FL ^ parent.hashCode();
    return new SplittableRandom(mix);
  }

  private static BlockHeader.Builder fill(BlockHeader.Builder b, SplittableRandom r) {
    byte[] bloom = new byte[BLOOM_SIZE];
    for (int i = 0; i < 8; i++) {
      bloom[r.nextInt(BLOOM_SIZE)] = (byte) (1 << r.nextInt(8));
    }
    return b.beneficiary(Address.of(bytes(r, 20)))
        .stateRoot(Hash.wrap(bytes(r, 32)))
        .transactionsRoot(Hash.wrap(bytes(r, 32)))
        .receiptsRoot(Hash.wrap(bytes(r, 32)))
        .logsBloom(bloom)
        .gasLimit(8_000_000 + r.nextInt(1_000_000))
        .gasUsed(r.nextInt(8_000_000))
        .extraData(bytes(r, 32))
        .mixHash(Hash.wrap(bytes(r, 32)))
        .nonce(r.nextLong());
  }

  private static byte[] bytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i += 8) {
      long v = r.nextLong();
      for (int j = 0; j < 8 && i + j < n; j++) {
        b[i + j] = (byte) (v >>> (8 * j));
      }
    }
    return b;
  }
}
