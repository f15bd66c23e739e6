package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.BlobSchedule;

/**
 * Blob gas used is a whole number of blobs ({@value BlobSchedule#GAS_PER_BLOB} gas each) and at
 * most the maximum of the blob schedule in force at the header's timestamp.
 */
public final class BlobGasUsedRule implements HeaderRule {

  public static final String NAME = "blob gas used";

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
    if (!header.hasBlobGas()) {
      return;
    }
    BlobSchedule schedule = ctx.blobScheduleAt(header.timestamp());
    if (schedule == null) {
      throw Failures.invalid(header, NAME, "blobGasUsed", "absent (no blob schedule at timestamp " + header.timestamp() + ")",
          header.blobGasUsed());
    }
    long used = header.blobGasUsed();
    if (used % BlobSchedule.GAS_PER_BLOB != 0) {
      throw Failures.invalid(header, NAME, "blobGasUsed", "a multiple of " + BlobSchedule.GAS_PER_BLOB, used);
    }
    if (used > schedule.maxBlobGas()) {
      throw Failures.invalid(header, NAME, "blobGasUsed", "<= " + schedule.maxBlobGas() + " (" + schedule.max() + " blobs)", used);
    }
  }
}
