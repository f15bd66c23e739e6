package io.headersync.sync.stages;

import io.headersync.store.Checkpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stage is told when asked to unwind.
 *
 * @param to the highest block number to keep
 * @param checkpoint the stage's own checkpoint as stored
 * @param reason why (for logs)
 */
public record UnwindInput(long to, Optional<Checkpoint> checkpoint, String reason) {

  public UnwindInput {
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(reason, "reason");
    if (to < 0) {
      throw new IllegalArgumentException("unwind target must not be negative, got " + to);
    }
  }
}
