package io.headersync.sync.stages;

/**
 * One step of the sync pipeline: it moves its own checkpoint forward by producing data, and back
 * by removing it. A stage never commits: it hands its writes and its new checkpoint to the {@link
 * Pipeline}, which stores them in one atomic write, so a checkpoint can never be ahead of its data.
 *
 * <p>All methods run on the sync event loop and must not block; a stage that waits for the network
 * answers {@link StageResult.Waiting} and calls its ready listener when it can go on.
 */
public interface Stage {

  /** The stage's name, which is also the key of its checkpoint in the store. */
  String id();

  /** Called (on the loop) when a stage that answered {@link StageResult.Waiting}, or finished, has work again. */
  default void setReadyListener(Runnable listener) {}

  /** Does the next bounded piece of work toward {@link ExecInput#upTo()}. */
  StageResult execute(ExecInput input);

  /** Undoes the work above {@link UnwindInput#to()}. */
  UnwindResult unwind(UnwindInput input);
}
