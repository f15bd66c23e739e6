package io.headersync.sync.stages;

import io.headersync.store.Checkpoint;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a stage is told when asked to work.
 *
 * @param checkpoint the stage's own checkpoint as stored, empty before its first commit
 * @param upTo the checkpoint of the stage before it, which it must not pass; empty for the first stage
 */
public record ExecInput(Optional<Checkpoint> checkpoint, OptionalLong upTo) {

  public ExecInput {
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(upTo, "upTo");
  }

  /** The stage's checkpoint number, or {@code orElse} before its first commit. */
  public long checkpointNumber(long orElse) {
    return checkpoint.map(Checkpoint::number).orElse(orElse);
  }
}
