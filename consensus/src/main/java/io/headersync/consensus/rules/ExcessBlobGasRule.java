package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.BlobSchedule;
import io.headersync.core.chain.Fork;

/**
 * Excess blob gas follows from the parent by {@link BlobGasCalculator#excessBlobGas}, with the
 * blob schedule in force at the header's timestamp and, from Osaka, the EIP-7918 reserve price.
 * A parent without blob fields (the block before Cancun) counts as 0 excess and 0 used.
 */
public final class ExcessBlobGasRule implements HeaderRule {

  public static final String NAME = "excess blob gas";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsParent() {
    return true;
  }

  @Override
  public void check(BlockHeader header, BlockHeader parent, ValidationContext ctx) throws InvalidHeaderException {
    if (!header.hasBlobGas()) {
      return;
    }
    BlobSchedule schedule = ctx.blobScheduleAt(header.timestamp());
    if (schedule == null) {
      throw Failures.invalid(header, NAME, "excessBlobGas", "absent (no blob schedule at timestamp " + header.timestamp() + ")",
          header.excessBlobGas());
    }
    boolean parentHasBlobs = parent.hasBlobGas();
    long expected = BlobGasCalculator.excessBlobGas(
        parentHasBlobs ? parent.excessBlobGas() : 0,
        parentHasBlobs ? parent.blobGasUsed() : 0,
        parent.baseFeePerGas(),
        schedule,
        ctx.isActive(Fork.OSAKA, header));
    if (header.excessBlobGas() != expected) {
      throw Failures.invalid(header, NAME, "excessBlobGas", expected, header.excessBlobGas());
    }
  }
}
