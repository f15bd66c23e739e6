package io.headersync.sync.stages;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.Checkpoint;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.download.DownloadEvent;
import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.download.HeaderBatch;
import io.headersync.sync.download.HeaderDownloader;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.download.reverse.testing.TestChain;
import io.headersync.sync.testing.ManualScheduler;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The headers stage with a downloader that moves upward: canonical writes of commitThreshold headers. */
class AscendingHeadersStageTest {

  private static final TestChain CHAIN = TestChain.of(95);

  /** Hands out the chain above the local head in batches of 10, then says the target is reached. */
  private static final class AscendingFake implements HeaderDownloader {
    final Deque<DownloadEvent> events = new ArrayDeque<>();
    Runnable listener = () -> {};

    @Override public Direction direction() { return Direction.ASCENDING; }

    @Override
    public void setLocalHead(BlockHeader head) {
      events.clear();
      for (long from = head.number() + 1; from <= CHAIN.headNumber(); from += 10) {
        long to = Math.min(CHAIN.headNumber(), from + 9);
        events.add(new DownloadEvent.BatchReady(new HeaderBatch(CHAIN.headers().subList((int) from, (int) to + 1))));
      }
    }

    @Override
    public void setTarget(SyncTarget target) {
      events.add(new DownloadEvent.TargetReached(target));
      listener.run();
    }

    @Override public Optional<DownloadEvent> poll() { return Optional.ofNullable(events.poll()); }
    @Override public void setProgressListener(Runnable l) { listener = l; }
    @Override public DownloaderStats stats() { return new DownloaderStats(0, 0, 0, 0, 0, 0); }
    @Override public void close() {}
  }

  @Test
  void writesCanonicalHeadersEveryCommitThresholdWithTheCheckpoint() {
    InMemoryHeaderStore inner = ReverseSyncHarness.storeWithGenesis(CHAIN.genesis());
    RecordingStore store = new RecordingStore(inner);
    HeadersStage headers = syncToTheHead(store);
    assertThat(inner.head()).hasValueSatisfying(h -> assertThat(h.hash()).isEqualTo(CHAIN.head().hash()));
    assertThat(inner.checkpoint(HeadersStage.ID)).contains(Checkpoint.at(95));
    assertThat(inner.totalDifficulty(CHAIN.head().hash())).contains(CHAIN.totalDifficulty(95));
    List<Long> headerCheckpoints = store.batches.stream()
        .filter(ops -> ops.size() > 1)
        .map(ops -> (WriteBatch.SetCheckpoint) ops.getLast())
        .filter(cp -> cp.stage().equals(HeadersStage.ID))
        .map(cp -> cp.checkpoint().number()).toList();
    assertThat(headerCheckpoints).containsExactly(30L, 60L, 90L, 95L);
    assertThat(headers.headersStored()).isEqualTo(95);
    assertThat(store.flushesAfterBatches).as("an ascending download appends at the head: nothing to keep apart").isEmpty();
  }
  @Test
  void carriesEachHeadersTotalDifficultySoTheNextStageReadsNothingBack() {
    InMemoryHeaderStore inner = ReverseSyncHarness.storeWithGenesis(CHAIN.genesis());
    RecordingStore store = new RecordingStore(inner);
    HeadersStage headers = syncToTheHead(store);
    for (int n = 1; n <= 95; n++) {
      assertThat(inner.totalDifficulty(n, CHAIN.get(n).hash())).as("block %d", n).contains(CHAIN.totalDifficulty(n));
    }
    assertThat(store.batches.stream().flatMap(List::stream).filter(op -> op instanceof WriteBatch.PutTotalDifficulty))
        .as("the total-difficulty stage wrote nothing of its own").isEmpty();
    assertThat(inner.checkpoint(TotalDifficultyStage.ID)).contains(Checkpoint.at(95));
  }

  @Test
  void whenTheHeadHasNoTotalDifficultyTheNextStageFillsItFromBelow() {
    InMemoryHeaderStore inner = ReverseSyncHarness.storeWithGenesis(CHAIN.genesis());
    WriteBatch withoutTd = new WriteBatch();
    for (int n = 1; n <= 20; n++) {
      withoutTd.putCanonicalHeader(CHAIN.get(n), null);
    }
    inner.commit(withoutTd.setCheckpoint(HeadersStage.ID, 20).setCheckpoint(TotalDifficultyStage.ID, 0));
    RecordingStore store = new RecordingStore(inner);
    HeadersStage headers = syncToTheHead(store);
    for (int n = 1; n <= 95; n++) {
      assertThat(inner.totalDifficulty(n, CHAIN.get(n).hash())).as("block %d", n).contains(CHAIN.totalDifficulty(n));
    }
    assertThat(store.batches.stream().flatMap(List::stream).filter(op -> op instanceof WriteBatch.PutHeader put
        && put.totalDifficulty() != null)).as("the headers stage had no parent total difficulty to build on").isEmpty();
  }

  /** Runs the headers and total-difficulty stages to the chain's head; the pipeline must finish. */
  private static HeadersStage syncToTheHead(RecordingStore store) {
    ManualScheduler loop = new ManualScheduler();
    HeadersStage headers = new HeadersStage(store, new AscendingFake(), 25);
    Pipeline p = new Pipeline(store, loop, List.of(headers, new TotalDifficultyStage(store, 40)));
    headers.setTarget(SyncTarget.of(CHAIN.head().hash()));
    p.start();
    loop.runDue();
    assertThat(p.state()).isEqualTo(Pipeline.State.DONE);
    return headers;
  }
}
