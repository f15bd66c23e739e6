package io.headersync.testkit.live;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.testkit.chain.HeaderChain;
import java.math.BigInteger;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A chain as it stood when its head was {@code headNumber}: the blocks above are not there yet. A
 * live peer serves such a snapshot, so blocks it has not heard of are blocks it does not have.
 */
public record ChainView(HeaderChain chain, long headNumber) implements HeaderChain {

  public ChainView {
    Objects.requireNonNull(chain, "chain");
    if (!chain.contains(headNumber)) {
      throw new IllegalArgumentException("head #" + headNumber + " is not on the chain " + chain.firstNumber() + ".."
          + chain.headNumber());
    }
  }

  @Override
  public long firstNumber() {
    return chain.firstNumber();
  }

  @Override
  public BlockHeader header(long number) {
    if (number > headNumber) {
      throw new IllegalArgumentException("block #" + number + " is above this view's head #" + headNumber);
    }
    return chain.header(number);
  }

  @Override
  public BigInteger totalDifficulty(long number) {
    if (number > headNumber) {
      throw new IllegalArgumentException("block #" + number + " is above this view's head #" + headNumber);
    }
    return chain.totalDifficulty(number);
  }

  @Override
  public OptionalLong numberOf(Hash hash) {
    OptionalLong n = chain.numberOf(hash);
    return n.isPresent() && n.getAsLong() <= headNumber ? n : OptionalLong.empty();
  }
}
