package io.headersync.sync.stages;

import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreException;
import io.headersync.store.WriteBatch;
import io.headersync.sync.time.TaskScheduler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs stages forward in order and unwinds them in reverse order, on the sync event loop.
 *
 * <p>Forward: the current stage is executed one bounded step per loop task (so answers from the
 * network interleave with stage work); each result's data and checkpoint are committed in one
 * {@link WriteBatch}; a stage that is done hands over to the next, which may go up to its
 * predecessor's checkpoint. When the last stage is done the pipeline is done, until a stage says
 * it has new work (a new target), which runs the stages again from the first.
 *
 * <p>Unwind (asked for by a stage, or from outside): the stages are unwound last first, each in
 * its own atomic write with its lowered checkpoint, so at every instant a later stage's checkpoint
 * is at or below an earlier one's; a crash in the middle leaves the earlier stages ahead, and the
 * next run simply redoes the later ones. Then the stages run forward again from the first.
 *
 * <p>Errors ({@link StageException}, {@link StoreException}) stop the pipeline in the {@link
 * State#FAILED} state with the error kept for the caller; nothing half-written is left behind, as
 * every write is one atomic batch.
 */
public final class Pipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** Where the pipeline is. */
  public enum State { IDLE, RUNNING, WAITING, DONE, FAILED, CLOSED }

  /** An unwind that happened: to which block, and why. */
  public record Unwind(long to, String reason) {}

  private final HeaderStore store;
  private final TaskScheduler loop;
  private final List<Stage> stages;
  private final List<Unwind> unwinds = new ArrayList<>();
  private State state = State.IDLE;
  private int current;
  private boolean stepScheduled;
  private boolean rerun;
  private RuntimeException failure;
  private long commits;
  private Runnable onFinished = () -> {};

  public Pipeline(HeaderStore store, TaskScheduler loop, List<Stage> stages) {
    this.store = Objects.requireNonNull(store, "store");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.stages = List.copyOf(stages);
    if (this.stages.isEmpty()) {
      throw new IllegalArgumentException("a pipeline needs at least one stage");
    }
    Set<String> ids = new HashSet<>();
    for (Stage s : this.stages) {
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("two stages are called " + s.id() + "; their checkpoints would collide");
      }
      s.setReadyListener(this::onStageReady);
    }
  }

  /** Called on the loop whenever the pipeline reaches {@link State#DONE} or {@link State#FAILED}. */
  public void setOnFinished(Runnable listener) {
    onFinished = Objects.requireNonNull(listener, "listener");
  }

  /** Starts (or restarts) the stages from the first one. */
  public void start() {
    if (state == State.CLOSED || state == State.FAILED) {
      return;
    }
    current = 0;
    state = State.RUNNING;
    scheduleStep();
  }

  public State state() {
    return state;
  }

  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }

  /** Every unwind so far, oldest first. */
  public List<Unwind> unwinds() {
    return List.copyOf(unwinds);
  }

  /** Atomic writes committed so far. */
  public long commits() {
    return commits;
  }

  public List<Stage> stages() {
    return stages;
  }

  /**
   * Unwinds every stage to {@code to} (last stage first), then runs them forward again.
   *
   * @throws StageException when {@code to} is below the oldest canonical block
   */
  public void unwind(long to, String reason) {
    if (state == State.CLOSED || state == State.FAILED) {
      return;
    }
    try {
      doUnwind(to, reason, false);
      start();
    } catch (StageException | StoreException e) {
      fail(e);
    }
  }

  @Override
  public void close() {
    state = State.CLOSED;
  }

  // ---------------------------------------------------------------- running

  private void onStageReady() {
    switch (state) {
      case WAITING -> {
        state = State.RUNNING;
        scheduleStep();
      }
      case DONE -> start();
      case RUNNING -> rerun = true;
      default -> { }
    }
  }

  private void scheduleStep() {
    if (!stepScheduled) {
      stepScheduled = true;
      loop.execute(this::step);
    }
  }

  private void step() {
    stepScheduled = false;
    if (state != State.RUNNING) {
      return;
    }
    Stage stage = stages.get(current);
    try {
      StageResult result = stage.execute(inputFor(current));
      switch (result) {
        case StageResult.Progress p -> {
          commit(stage, p.data(), p.checkpoint());
          scheduleStep();
        }
        case StageResult.Done d -> {
          commit(stage, d.data(), d.checkpoint());
          current++;
          if (current < stages.size()) {
            scheduleStep();
          } else if (rerun) {
            rerun = false;
            start();
          } else {
            state = State.DONE;
            onFinished.run();
          }
        }
        case StageResult.Busy b -> scheduleStep();
        case StageResult.Waiting w -> state = State.WAITING;
        case StageResult.UnwindNeeded u -> {
          doUnwind(u.to(), "stage " + stage.id() + ": " + u.reason(), true);
          start();
        }
      }
    } catch (StageException | StoreException e) {
      fail(e);
    }
  }

  private ExecInput inputFor(int index) {
    Optional<Checkpoint> own = store.checkpoint(stages.get(index).id());
    if (index == 0) {
      return new ExecInput(own, OptionalLong.empty());
    }
    Optional<Checkpoint> previous = store.checkpoint(stages.get(index - 1).id());
    return new ExecInput(own, OptionalLong.of(previous.map(Checkpoint::number).orElse(0L)));
  }

  private void commit(Stage stage, WriteBatch data, Checkpoint checkpoint) {
    data.setCheckpoint(stage.id(), checkpoint);
    store.commit(data);
    commits++;
  }

  /** @param mustLowerHead a stage's request: one that removes nothing would be asked again forever */
  private void doUnwind(long to, String reason, boolean mustLowerHead) {
    Optional<BlockRef> head = store.head();
    Optional<BlockRef> oldest = store.oldestCanonical();
    if (oldest.isPresent() && to < oldest.get().number()) {
      throw new StageException("pipeline", StageException.Kind.BAD_UNWIND, to, "cannot unwind below the oldest canonical block "
          + oldest.get().number() + " (" + reason + "); the target chain does not descend from this store's chain");
    }
    if (mustLowerHead && head.isPresent() && to >= head.get().number()) {
      throw new StageException("pipeline", StageException.Kind.BAD_UNWIND, to, "an unwind to block " + to
          + " does not lower the head " + head.get().number() + " (" + reason + "); the target chain does not descend"
          + " from this store's chain");
    }
    LOG.info("unwinding to block {}: {}", to, reason);
    unwinds.add(new Unwind(to, reason));
    for (int i = stages.size() - 1; i >= 0; i--) {
      Stage stage = stages.get(i);
      UnwindResult result = stage.unwind(new UnwindInput(to, store.checkpoint(stage.id()), reason));
      if (result.unwindCanonicalChain()) {
        store.unwindTo(to);
      }
      commit(stage, result.data(), result.checkpoint());
    }
  }

  private void fail(RuntimeException e) {
    LOG.error("pipeline stopped: {}", e.getMessage());
    failure = e;
    state = State.FAILED;
    onFinished.run();
  }
}
