package io.headersync.sync.stages;

import io.headersync.store.Checkpoint;
import io.headersync.store.WriteBatch;
import java.util.Objects;

/** What one call of {@link Stage#execute} produced. */
public sealed interface StageResult {

  /** Data and the checkpoint it reaches, to be committed together; the stage has more to do. */
  record Progress(WriteBatch data, Checkpoint checkpoint) implements StageResult {
    public Progress {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(checkpoint, "checkpoint");
    }
  }

  /** The last data and checkpoint, to be committed together; the stage reached its goal. */
  record Done(WriteBatch data, Checkpoint checkpoint) implements StageResult {
    public Done {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(checkpoint, "checkpoint");
    }
  }

  /** Work done in memory only (reading, planning): call again soon. */
  record Busy() implements StageResult {}

  /** Nothing to do until the stage's ready listener fires (it waits for the network). */
  record Waiting() implements StageResult {}

  /** The chain below the stage's work is wrong: every stage must unwind to {@code to} first. */
  record UnwindNeeded(long to, String reason) implements StageResult {
    public UnwindNeeded {
      Objects.requireNonNull(reason, "reason");
      if (to < 0) {
        throw new IllegalArgumentException("unwind target must not be negative, got " + to);
      }
    }
  }
}
