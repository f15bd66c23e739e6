package io.headersync.sync.stages;

import java.util.Objects;

/**
 * A stage cannot go on: the store lacks what it needs or holds what it cannot accept. The message
 * names the stage, the block and what was expected and found.
 */
public final class StageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The store has no canonical block to start from (it was never given its genesis or trusted start). */
    NO_LOCAL_HEAD,
    /** A block the stage needs to continue from has no total difficulty. */
    MISSING_TOTAL_DIFFICULTY,
    /** A header the stage's own progress says is stored is not. */
    MISSING_HEADER,
    /** A checkpoint's stage-specific bytes cannot be read. */
    BAD_CHECKPOINT,
    /** An unwind was asked for that cannot be done (below the oldest canonical block, or not below the head). */
    BAD_UNWIND,
    /** The trusted target's chain breaks a consensus rule: it can never be synced, whoever serves it. */
    INVALID_TARGET_CHAIN
  }

  private final String stage;
  private final Kind kind;
  private final long number;

  public StageException(String stage, Kind kind, long number, String detail) {
    super("stage " + stage + ", block " + number + ": " + kind + ": " + detail);
    this.stage = Objects.requireNonNull(stage, "stage");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.number = number;
  }

  public String stage() {
    return stage;
  }

  public Kind kind() {
    return kind;
  }

  /** The block concerned, or -1 when none applies. */
  public long number() {
    return number;
  }
}
