package io.headersync.testkit.live;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.testkit.chain.HeaderChain;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A short branch of explicit headers on top of a block of another chain: for branches a recipe
 * cannot make, such as one that breaks a consensus rule. Total difficulty is the base's at the
 * fork point plus each header's difficulty, as a syncer would compute it.
 */
public final class BranchChain implements HeaderChain {

  private final HeaderChain base;
  private final long forkPoint;
  private final List<BlockHeader> own;
  private final List<BigInteger> totalDifficulties;
  private final Map<Hash, Long> numbers = new HashMap<>();

  /**
   * @param own the branch's headers, ascending, the first a child of {@code base}'s block {@code forkPoint}
   * @throws IllegalArgumentException when the headers do not link to the fork point and to each other
   */
  public BranchChain(HeaderChain base, long forkPoint, List<BlockHeader> own) {
    this.base = Objects.requireNonNull(base, "base");
    this.forkPoint = forkPoint;
    this.own = List.copyOf(own);
    if (this.own.isEmpty()) {
      throw new IllegalArgumentException("a branch needs at least one header");
    }
    BlockHeader parent = base.header(forkPoint);
    BigInteger td = base.totalDifficulty(forkPoint);
    totalDifficulties = new ArrayList<>(this.own.size());
    for (BlockHeader h : this.own) {
      if (!h.parentHash().equals(parent.hash()) || h.number() != parent.number() + 1) {
        throw new IllegalArgumentException("header #" + h.number() + " does not link to #" + parent.number());
      }
      td = td.add(h.difficulty());
      totalDifficulties.add(td);
      numbers.put(h.hash(), h.number());
      parent = h;
    }
  }

  public long forkPoint() {
    return forkPoint;
  }

  /** The branch's own headers, ascending. */
  public List<BlockHeader> ownHeaders() {
    return own;
  }

  @Override
  public long firstNumber() {
    return base.firstNumber();
  }

  @Override
  public long headNumber() {
    return forkPoint + own.size();
  }

  @Override
  public BlockHeader header(long number) {
    if (number <= forkPoint) {
      return base.header(number);
    }
    check(number);
    return own.get((int) (number - forkPoint - 1));
  }

  @Override
  public BigInteger totalDifficulty(long number) {
    if (number <= forkPoint) {
      return base.totalDifficulty(number);
    }
    check(number);
    return totalDifficulties.get((int) (number - forkPoint - 1));
  }

  @Override
  public OptionalLong numberOf(Hash hash) {
    Long n = numbers.get(hash);
    if (n != null) {
      return OptionalLong.of(n);
    }
    OptionalLong below = base.numberOf(hash);
    return below.isPresent() && below.getAsLong() <= forkPoint ? below : OptionalLong.empty();
  }

  private void check(long number) {
    if (number > headNumber()) {
      throw new IllegalArgumentException("block #" + number + " is above the branch's head #" + headNumber());
    }
  }
}
