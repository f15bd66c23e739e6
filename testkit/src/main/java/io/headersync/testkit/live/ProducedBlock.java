package io.headersync.testkit.live;

import io.headersync.core.bytes.Hash;
import java.util.Objects;

/**
 * A block the live chain revealed, and when (virtual nanoseconds): a new head, or a block of a
 * reorganising branch, which appears all at once.
 */
public record ProducedBlock(long number, Hash hash, long producedAtNanos) {

  public ProducedBlock {
    Objects.requireNonNull(hash, "hash");
  }
}
