package io.headersync.consensus.seal.ethash;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import java.math.BigInteger;

/**
 * Ethash light verification of a header's proof of work.
 *
 * <p>Thread-safe: caches come from the shared {@link EthashCaches}, the working memory of the
 * kernel is per thread.
 */
public final class Ethash {

  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final ThreadLocal<Hashimoto> KERNEL = ThreadLocal.withInitial(Hashimoto::new);

  private final EthashCaches caches;

  public Ethash(EthashCaches caches) {
    this.caches = caches;
  }

  public EthashCaches caches() {
    return caches;
  }

  /**
   * Light-mode hashimoto of {@code sealHash} and {@code nonce} at {@code blockNumber}'s epoch.
   *
   * @throws IllegalArgumentException when the block's epoch is at or beyond {@link EthashParams#MAX_EPOCH}
   */
  public EthashResult hashimotoLight(long blockNumber, Hash sealHash, long nonce) {
    long epoch = EthashParams.epoch(blockNumber);
    if (blockNumber < 0 || epoch >= EthashParams.MAX_EPOCH) {
      throw new IllegalArgumentException("block " + blockNumber + " is outside the ethash epochs [0, " + EthashParams.MAX_EPOCH + ")");
    }
    return KERNEL.get().compute(caches.forEpoch(epoch), sealHash.unsafeArray(), nonce);
  }

  /**
   * Checks the header's proof of work: its mixHash must be the computed mix digest, and the
   * computed result, read as a 256-bit number, must not exceed {@code 2^256 / difficulty}.
   * A header with difficulty zero carries no proof of work and is rejected here; callers that
   * follow a chain through the merge skip such headers (see {@code SealVerifiers}).
   */
  public void verify(BlockHeader header) throws InvalidHeaderException {
    long number = header.number();
    BigInteger difficulty = header.difficulty();
    if (difficulty.signum() == 0) {
      throw new InvalidHeaderException(number, header.hash(), "ethash proof of work", "difficulty", "> 0", difficulty);
    }
    if (number < 0 || EthashParams.epoch(number) >= EthashParams.MAX_EPOCH) {
      throw new InvalidHeaderException(number, header.hash(), "ethash epoch limit", "number",
          "< " + EthashParams.MAX_EPOCH * EthashParams.EPOCH_LENGTH, Long.toUnsignedString(number));
    }
    EthashResult r = hashimotoLight(number, header.sealHash(), header.nonce());
    if (!r.mixDigest().equals(header.mixHash())) {
      throw new InvalidHeaderException(number, header.hash(), "ethash mix digest", "mixHash", r.mixDigest().toHex(),
          header.mixHash().toHex());
    }
    if (!meetsTarget(r.result().unsafeArray(), difficulty)) {
      throw new InvalidHeaderException(number, header.hash(), "ethash proof of work", "nonce",
          "result <= 2^256/difficulty = 0x" + TWO_256.divide(difficulty).toString(16), r.result().toHex());
    }
  }

  /** True when {@code result}, a 32-byte big-endian number, is at most {@code 2^256 / difficulty}. */
  static boolean meetsTarget(byte[] result, BigInteger difficulty) {
    return new BigInteger(1, result).compareTo(TWO_256.divide(difficulty)) <= 0;
  }
}
