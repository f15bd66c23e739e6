package io.headersync.sync.stages;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.store.Checkpoint;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.download.reverse.testing.TestChain;
import io.headersync.sync.testing.ManualScheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline's order of work with scripted stages: forward in order, unwind in reverse, checkpoints with data. */
class PipelineOrderTest {

  private static final TestChain CHAIN = TestChain.of(20);

  /** A stage that plays a script of results and logs every call. */
  private static final class Scripted implements Stage {
    final String id;
    final Deque<StageResult> script = new ArrayDeque<>();
    final List<String> log;
    Runnable ready = () -> {};

    Scripted(String id, List<String> log) {
      this.id = id;
      this.log = log;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void setReadyListener(Runnable listener) {
      ready = listener;
    }

    @Override
    public StageResult execute(ExecInput input) {
      log.add(id + " execute upTo=" + (input.upTo().isPresent() ? input.upTo().getAsLong() : "-")
          + " at=" + input.checkpoint().map(Checkpoint::number).map(String::valueOf).orElse("-"));
      return script.isEmpty() ? new StageResult.Done(new WriteBatch(), input.checkpoint().orElse(Checkpoint.at(0))) : script.poll();
    }

    @Override
    public UnwindResult unwind(UnwindInput input) {
      log.add(id + " unwind to=" + input.to());
      return new UnwindResult(id.equals("a"), new WriteBatch(), Checkpoint.at(input.to()));
    }
  }

  @Test
  void runsForwardInOrderUnwindsInReverseAndStartsAgain() {
    InMemoryHeaderStore store = ReverseSyncHarness.storeWithGenesis(CHAIN.genesis());
    WriteBatch chain = new WriteBatch();
    for (int n = 1; n <= 10; n++) {
      chain.putCanonicalHeader(CHAIN.get(n), null);
    }
    store.commit(chain);
    RecordingStore recording = new RecordingStore(store);
    List<String> log = new ArrayList<>();
    Scripted a = new Scripted("a", log);
    Scripted b = new Scripted("b", log);
    Scripted c = new Scripted("c", log);
    a.script.add(new StageResult.Done(new WriteBatch(), Checkpoint.at(10)));
    b.script.add(new StageResult.Progress(new WriteBatch(), Checkpoint.at(5)));
    b.script.add(new StageResult.Done(new WriteBatch(), Checkpoint.at(10)));
    c.script.add(new StageResult.Busy());
    c.script.add(new StageResult.UnwindNeeded(7, "test"));
    ManualScheduler loop = new ManualScheduler();
    Pipeline p = new Pipeline(recording, loop, List.of(a, b, c));
    p.start();
    loop.runDue();

    assertThat(log).containsExactly(
        "a execute upTo=- at=-",
        "b execute upTo=10 at=-",
        "b execute upTo=10 at=5",
        "c execute upTo=10 at=-",
        "c execute upTo=10 at=-",
        "c unwind to=7", "b unwind to=7", "a unwind to=7",
        "a execute upTo=- at=7",
        "b execute upTo=7 at=7",
        "c execute upTo=7 at=7");
    assertThat(p.state()).isEqualTo(Pipeline.State.DONE);
    assertThat(p.unwinds()).containsExactly(new Pipeline.Unwind(7, "stage c: test"));
    assertThat(recording.unwinds).as("only the stage owning the canonical chain unwinds it").containsExactly(7L);
    assertThat(store.head()).hasValueSatisfying(h -> assertThat(h.number()).isEqualTo(7));
    // Every write carries exactly its stage's checkpoint as its last change.
    for (List<WriteBatch.Op> ops : recording.batches) {
      assertThat(ops.getLast()).isInstanceOf(WriteBatch.SetCheckpoint.class);
    }
    assertThat(recording.batches).hasSize((int) p.commits());
  }

  @Test
  void aWaitingStageResumesWhenReadyAndAFinishedPipelineRestartsOnNewWork() {
    InMemoryHeaderStore store = ReverseSyncHarness.storeWithGenesis(CHAIN.genesis());
    List<String> log = new ArrayList<>();
    Scripted a = new Scripted("a", log);
    a.script.add(new StageResult.Waiting());
    ManualScheduler loop = new ManualScheduler();
    Pipeline p = new Pipeline(store, loop, List.of(a));
    p.start();
    loop.runDue();
    assertThat(p.state()).isEqualTo(Pipeline.State.WAITING);
    assertThat(log).hasSize(1);
    a.ready.run();
    loop.runDue();
    assertThat(p.state()).isEqualTo(Pipeline.State.DONE);
    a.ready.run();
    loop.runDue();
    assertThat(log).hasSize(3);
  }

  @Test
  void anUnwindBelowTheOldestBlockFailsTheRunWithATypedError() {
    InMemoryHeaderStore store = InMemoryHeaderStore.create(CHAIN.genesis().hash());
    store.commit(new WriteBatch().putCanonicalHeader(CHAIN.get(5), null).putCanonicalHeader(CHAIN.get(6), null));
    List<String> log = new ArrayList<>();
    Scripted a = new Scripted("a", log);
    a.script.add(new StageResult.UnwindNeeded(4, "below"));
    ManualScheduler loop = new ManualScheduler();
    Pipeline p = new Pipeline(store, loop, List.of(a));
    p.start();
    loop.runDue();
    assertThat(p.state()).isEqualTo(Pipeline.State.FAILED);
    assertThat(p.failure()).hasValueSatisfying(e -> assertThat(e).isInstanceOfSatisfying(StageException.class,
        s -> assertThat(s.kind()).isEqualTo(StageException.Kind.BAD_UNWIND)));
    assertThat(store.head()).hasValueSatisfying(h -> assertThat(h.number()).isEqualTo(6));
  }
}
