package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.crypto.Keccak;

/**
 * Proof-of-stake headers carry the constants EIP-3675 fixed: difficulty 0, nonce 0 and the
 * ommers hash of an empty list. Which headers are proof of stake is
 * {@link ValidationContext#isPostMerge}'s answer.
 */
public final class PostMergeConstantsRule implements HeaderRule {

  public static final String NAME = "post-merge constants";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsParent() {
    return false;
  }

  @Override
  public void check(BlockHeader header, BlockHeader parent, ValidationContext ctx) throws InvalidHeaderException {
    if (!ctx.isPostMerge(header)) {
      return;
    }
    if (header.difficulty().signum() != 0) {
      throw Failures.invalid(header, NAME, "difficulty", 0, header.difficulty());
    }
    if (header.nonce() != 0) {
      throw Failures.invalid(header, NAME, "nonce", "0x0000000000000000", String.format("0x%016x", header.nonce()));
    }
    if (!header.ommersHash().equals(Keccak.EMPTY_LIST)) {
      throw Failures.invalid(header, NAME, "ommersHash", Keccak.EMPTY_LIST + " (no ommers)", header.ommersHash());
    }
  }
}
