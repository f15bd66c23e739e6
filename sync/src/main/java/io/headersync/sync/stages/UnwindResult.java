package io.headersync.sync.stages;

import io.headersync.store.Checkpoint;
import io.headersync.store.WriteBatch;
import java.util.Objects;

/**
 * What a stage's unwind produced, committed by the pipeline in one atomic write.
 *
 * @param unwindCanonicalChain whether the canonical chain above the unwind point is this stage's
 *     data: the pipeline then runs {@link io.headersync.store.HeaderStore#unwindTo} (itself atomic,
 *     and lowering every checkpoint above the point) before committing {@code data} and {@code
 *     checkpoint}
 * @param data this stage's own removals (may be empty)
 * @param checkpoint the stage's checkpoint after the unwind
 */
public record UnwindResult(boolean unwindCanonicalChain, WriteBatch data, Checkpoint checkpoint) {

  public UnwindResult {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(checkpoint, "checkpoint");
  }

  /** Only the checkpoint moves down (the data above it is harmless or removed by the canonical unwind). */
  public static UnwindResult checkpointOnly(Checkpoint checkpoint) {
    return new UnwindResult(false, new WriteBatch(), checkpoint);
  }
}
