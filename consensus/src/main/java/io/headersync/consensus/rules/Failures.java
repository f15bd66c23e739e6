package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;

/** Builds the one error type every rule throws; only ever called on the failure path. */
final class Failures {

  private Failures() {}

  static InvalidHeaderException invalid(BlockHeader header, String rule, String field, Object expected, Object found) {
    return new InvalidHeaderException(header.number(), header.hash(), rule, field, expected, found);
  }
}
