package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.Fork;

/**
 * Each fork's header fields are present exactly when the fork is active for the header's own
 * number (London) or timestamp (Shanghai, Cancun, Prague): baseFeePerGas from London,
 * withdrawalsRoot from Shanghai, blobGasUsed, excessBlobGas and parentBeaconBlockRoot from Cancun,
 * requestsHash from Prague. Fields past Prague's belong to no fork this product knows, so a
 * header carrying them is rejected rather than half-checked.
 */
public final class ForkFieldsRule implements HeaderRule {

  public static final String NAME = "fork fields";

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
    require(header, ctx.isActive(Fork.LONDON, header), header.hasBaseFee(), "baseFeePerGas", "London");
    require(header, ctx.isActive(Fork.SHANGHAI, header), header.withdrawalsRoot() != null, "withdrawalsRoot", "Shanghai");
    require(header, ctx.isActive(Fork.CANCUN, header), header.hasBlobGas(), "blobGasUsed", "Cancun");
    require(header, ctx.isActive(Fork.CANCUN, header), header.parentBeaconBlockRoot() != null, "parentBeaconBlockRoot", "Cancun");
    require(header, ctx.isActive(Fork.PRAGUE, header), header.requestsHash() != null, "requestsHash", "Prague");
    if (!header.extraFields().isEmpty()) {
      throw Failures.invalid(header, NAME, "fieldCount", "at most " + (header.fieldCount() - header.extraFields().size()),
          header.fieldCount());
    }
  }

  private static void require(BlockHeader header, boolean active, boolean present, String field, String fork)
      throws InvalidHeaderException {
    if (active != present) {
      throw Failures.invalid(header, NAME, field,
          active ? "present (" + fork + " is active)" : "absent (" + fork + " is not active)",
          present ? "present" : "absent");
    }
  }
}
