package io.headersync.sync.api;

import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a peer says about its chain. eth/68 peers state a head hash and total difficulty in their
 * Status message; the head's number is only learnt later (from an announcement or by asking for
 * the header). eth/69 peers state the range of blocks they serve and its latest hash, and no
 * total difficulty.
 *
 * @param headHash the hash of the peer's head block
 * @param headNumber the head's number, when known
 * @param totalDifficulty the head's total difficulty (eth/68 only)
 * @param servedRange the blocks the peer says it serves (eth/69 only)
 */
public record PeerChainState(
    Hash headHash, OptionalLong headNumber, Optional<BigInteger> totalDifficulty, Optional<BlockRange> servedRange) {

  /** Whether a peer can answer for a range of blocks, as far as its claims tell. */
  public enum Coverage {
    COVERS,
    DOES_NOT_COVER,
    UNKNOWN
  }

  public PeerChainState {
    Objects.requireNonNull(headHash, "headHash");
    Objects.requireNonNull(headNumber, "headNumber");
    Objects.requireNonNull(totalDifficulty, "totalDifficulty");
    Objects.requireNonNull(servedRange, "servedRange");
  }

  /** An eth/68 Status: head hash and total difficulty, number not yet known. */
  public static PeerChainState eth68(Hash headHash, BigInteger totalDifficulty) {
    return new PeerChainState(headHash, OptionalLong.empty(), Optional.of(totalDifficulty), Optional.empty());
  }

  /** An eth/68 peer whose head number is known too. */
  public static PeerChainState eth68(Hash headHash, long headNumber, BigInteger totalDifficulty) {
    return new PeerChainState(headHash, OptionalLong.of(headNumber), Optional.of(totalDifficulty), Optional.empty());
  }

  /** An eth/69 Status or BlockRangeUpdate: the served range and its latest block's hash. */
  public static PeerChainState eth69(BlockRange servedRange, Hash latestHash) {
    return new PeerChainState(latestHash, OptionalLong.of(servedRange.last()), Optional.empty(), Optional.of(servedRange));
  }

  /**
   * Whether the peer claims to have every block of {@code needed}: the served range decides when
   * there is one, else the head number (a peer is assumed to keep everything below its head).
   */
  public Coverage covers(BlockRange needed) {
    if (servedRange.isPresent()) {
      return servedRange.get().contains(needed) ? Coverage.COVERS : Coverage.DOES_NOT_COVER;
    }
    if (headNumber.isPresent()) {
      return needed.last() <= headNumber.getAsLong() ? Coverage.COVERS : Coverage.DOES_NOT_COVER;
    }
    return Coverage.UNKNOWN;
  }
}
