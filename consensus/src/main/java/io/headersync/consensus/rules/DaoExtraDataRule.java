package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hex;
import io.headersync.core.chain.Fork;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * On a chain that took the DAO fork, the fork block and the nine after it carry the extra data
 * {@code "dao-hard-fork"}, so that nodes on the other side of the split drop their peers early.
 */
public final class DaoExtraDataRule implements HeaderRule {

  public static final String NAME = "dao fork extra data";

  /** Number of blocks, from the fork block on, that must carry the marker. */
  public static final int RANGE = 10;

  private static final byte[] MARKER = "dao-hard-fork".getBytes(StandardCharsets.US_ASCII);

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
    long fork = ctx.activation(Fork.DAO);
    if (!ctx.isScheduled(Fork.DAO) || header.number() < fork || header.number() - fork >= RANGE) {
      return;
    }
    byte[] extra = header.extraData();
    if (!Arrays.equals(extra, MARKER)) {
      throw Failures.invalid(header, NAME, "extraData", Hex.encode(MARKER) + " (\"dao-hard-fork\")", Hex.encode(extra));
    }
  }
}
