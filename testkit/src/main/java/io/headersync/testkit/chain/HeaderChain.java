package io.headersync.testkit.chain;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * A chain of headers {@code firstNumber()..headNumber()}, every one linked to its parent, that
 * can be read at any number without holding the whole chain.
 */
public interface HeaderChain {

  /** The lowest number this chain answers for (its genesis or anchor). */
  long firstNumber();

  long headNumber();

  /**
   * The header at {@code number}.
   *
   * @throws IllegalArgumentException outside {@code firstNumber()..headNumber()}
   */
  BlockHeader header(long number);

  /** Total difficulty up to and including block {@code number}. */
  BigInteger totalDifficulty(long number);

  /**
   * The number of the header with this hash, when the chain can tell cheaply: always for its head
   * and anchor and for headers read recently (a bounded index); empty otherwise.
   */
  OptionalLong numberOf(Hash hash);

  default Hash hash(long number) {
    return header(number).hash();
  }

  default BlockHeader head() {
    return header(headNumber());
  }

  default boolean contains(long number) {
    return number >= firstNumber() && number <= headNumber();
  }
}
