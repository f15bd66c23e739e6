package io.headersync.sync.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.Checkpoint;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreConsistency;
import io.headersync.store.StoreException;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.download.reverse.ReverseConfig;
import io.headersync.sync.download.reverse.testing.FakeHeadersClient;
import io.headersync.sync.download.reverse.testing.FakeHeadersClient.Req;
import io.headersync.sync.download.reverse.testing.TestChain;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PipelineReverseSyncTest {

  private static final TestChain CHAIN = TestChain.of(1000);
  private static final ReverseConfig CONFIG = ReverseConfig.DEFAULT.withRequestLimit(16).withConcurrency(2, 4)
      .withMaxBufferedHeaders(64).withMaxBatchHeaders(16).withCommitThreshold(100);

  private static void assertCanonicalChainIs(HeaderStore store, TestChain chain, long head) {
    assertThat(store.head()).hasValueSatisfying(h -> assertThat(h.number()).isEqualTo(head));
    for (long n = 0; n <= head; n++) {
      assertThat(store.canonicalHash(n)).as("block %d", n).contains(chain.get(n).hash());
    }
    assertThat(StoreConsistency.check(store).isConsistent()).isTrue();
  }

  @Test
  void syncsDownFromTheTargetThenMakesItCanonicalAndFillsTotalDifficulty() {
    ReverseSyncHarness h = new ReverseSyncHarness(ReverseSyncHarness.storeWithGenesis(CHAIN.genesis()), CHAIN, CONFIG);
    h.start(SyncTarget.of(CHAIN.head().hash()));
    h.runHonest(CHAIN, 10_000);

    assertThat(h.pipeline.state()).isEqualTo(Pipeline.State.DONE);
    assertCanonicalChainIs(h.store, CHAIN, 1000);
    for (long n = 0; n <= 1000; n += 97) {
      assertThat(h.store.totalDifficulty(CHAIN.get(n).hash())).as("TD %d", n).contains(CHAIN.totalDifficulty(n));
    }
    assertThat(h.store.totalDifficulty(CHAIN.head().hash())).contains(CHAIN.totalDifficulty(1000));
    assertThat(h.store.checkpoint(HeadersStage.ID)).contains(Checkpoint.at(1000));
    assertThat(h.store.checkpoint(TotalDifficultyStage.ID)).contains(Checkpoint.at(1000));
    assertThat(h.headers.headersStored()).isEqualTo(1000);
    assertThat(h.headers.headersMadeCanonical()).isEqualTo(1000);
    assertThat(h.downloader.stats().peakBufferedHeaders()).isLessThanOrEqualTo(64);
    assertThat(h.client.reports).isEmpty();
    // kept apart in the store's files from the head written before it, the walk's files need no rewriting
    assertThat(h.store.flushesAfterBatches).as("batches committed at each flush").containsExactly(0);
  }

  @Test
  void everyCheckpointIsWrittenInTheSameBatchAsItsData() {
    ReverseSyncHarness h = new ReverseSyncHarness(ReverseSyncHarness.storeWithGenesis(CHAIN.genesis()), CHAIN, CONFIG);
    h.start(SyncTarget.of(CHAIN.head().hash()));
    h.runHonest(CHAIN, 10_000);

    int downloadWrites = 0;
    int canonicalWrites = 0;
    long canonicalTop = 0;
    long headersPut = 0;
    for (List<WriteBatch.Op> ops : h.store.batches) {
      assertThat(ops.getLast()).isInstanceOf(WriteBatch.SetCheckpoint.class);
      assertThat(ops.stream().filter(op -> op instanceof WriteBatch.SetCheckpoint)).hasSize(1);
      WriteBatch.SetCheckpoint cp = (WriteBatch.SetCheckpoint) ops.getLast();
      List<BlockHeader> put = ops.stream().filter(op -> op instanceof WriteBatch.PutHeader)
          .map(op -> ((WriteBatch.PutHeader) op).header()).toList();
      if (!put.isEmpty()) {
        downloadWrites++;
        headersPut += put.size();
        assertThat(put.size()).as("a write gathers commitThreshold headers (or the last ones)")
            .isLessThan(CONFIG.commitThreshold() + CONFIG.maxBatchHeaders());
        assertThat(cp.stage()).isEqualTo(HeadersStage.ID);
        long lowest = put.stream().mapToLong(BlockHeader::number).min().orElseThrow();
        ReverseProgress progress = ReverseProgress.decode(HeadersStage.ID, 0, cp.checkpoint().extra()).orElseThrow();
        assertThat(progress.lowest().number()).as("the recorded progress is this batch's lowest header").isEqualTo(lowest);
        assertThat(progress.target().hash()).isEqualTo(CHAIN.head().hash());
        assertThat(cp.checkpoint().number()).as("a reverse walk's checkpoint stays at the canonical head").isZero();
        assertThat(ops.stream().noneMatch(op -> op instanceof WriteBatch.SetCanonical || op instanceof WriteBatch.SetCanonicalChain))
            .isTrue();
      }
      List<WriteBatch.SetCanonicalChain> chains = ops.stream().filter(op -> op instanceof WriteBatch.SetCanonicalChain)
          .map(op -> (WriteBatch.SetCanonicalChain) op).toList();
      if (!chains.isEmpty()) {
        canonicalWrites++;
        assertThat(chains).as("one chunk a write").hasSize(1);
        long top = chains.getFirst().topNumber();
        assertThat(cp.checkpoint().number()).as("the checkpoint moves with the canonical chunk").isEqualTo(top);
        assertThat(top - canonicalTop).as("chunk size").isBetween(1L, (long) CONFIG.commitThreshold());
        canonicalTop = top;
      }
    }
    assertThat(headersPut).isEqualTo(1000);
    assertThat(downloadWrites).as("1000 headers in writes of 100 to 115").isBetween(8, 10);
    assertThat(canonicalWrites).as("1000 headers made canonical 100 at a time").isEqualTo(10);
  }

  @Test
  void aRestartResumesBelowTheLowestStoredHeaderWithoutDownloadingCommittedBatchesAgain() {
    InMemoryHeaderStore first = ReverseSyncHarness.storeWithGenesis(CHAIN.genesis());
    ReverseSyncHarness h1 = new ReverseSyncHarness(first, CHAIN, CONFIG);
    h1.start(SyncTarget.of(CHAIN.head().hash()));
    // Run until three download batches are committed, then "crash": drop every object but the database.
    for (int round = 0; round < 10_000 && h1.store.batches.size() < 3; round++) {
      h1.loop.runDue();
      if (!h1.client.open().isEmpty()) {
        Req r = h1.client.open().getFirst();
        h1.client.answer(r, "peer", FakeHeadersClient.honest(r, CHAIN));
      }
    }
    Checkpoint saved = first.checkpoint(HeadersStage.ID).orElseThrow();
    ReverseProgress progress = ReverseProgress.decode(HeadersStage.ID, 0, saved.extra()).orElseThrow();
    long lowest = progress.lowest().number();
    assertThat(lowest).as("three writes of 100 to 115 headers below 1000").isBetween(655L, 701L);
    assertThat(progress.target().number()).isEqualTo(1000);
    first.close();

    InMemoryHeaderStore reopened = InMemoryHeaderStore.open(first.database(), CHAIN.genesis().hash());
    ReverseSyncHarness h2 = new ReverseSyncHarness(reopened, CHAIN, CONFIG);
    h2.start(SyncTarget.of(CHAIN.head().hash()));
    h2.runHonest(CHAIN, 10_000);

    assertThat(h2.pipeline.state()).isEqualTo(Pipeline.State.DONE);
    assertCanonicalChainIs(h2.store, CHAIN, 1000);
    assertThat(h2.client.requests).as("nothing at or above the lowest stored header is asked for again")
        .allSatisfy(r -> {
          assertThat(r.byHash()).isFalse();
          assertThat(r.top()).isLessThan(lowest);
        });
    long asked = h2.client.requests.stream().mapToLong(r -> r.request.limit()).sum();
    assertThat(asked).isEqualTo(lowest - 1);
    assertThat(h2.headers.headersStored()).isEqualTo(lowest - 1);
  }

  @Test
  void aFailedCommitLeavesTheStoreAtTheLastCheckpointAndARestartFinishes() {
    InMemoryHeaderStore first = ReverseSyncHarness.storeWithGenesis(CHAIN.genesis());
    ReverseSyncHarness h1 = new ReverseSyncHarness(first, CHAIN, CONFIG);
    h1.store.canonicalWritesBeforeFailure = 1; // the first canonical chunk is written, then the disk fails
    h1.start(SyncTarget.of(CHAIN.head().hash()));
    h1.runHonest(CHAIN, 10_000);
    assertThat(h1.pipeline.state()).isEqualTo(Pipeline.State.FAILED);
    assertThat(h1.pipeline.failure()).containsInstanceOf(StoreException.class);
    assertThat(first.head()).hasValueSatisfying(head -> assertThat(head.number()).isEqualTo(100));
    assertThat(StoreConsistency.check(first).isConsistent()).isTrue();
    first.close();

    ReverseSyncHarness h2 = new ReverseSyncHarness(InMemoryHeaderStore.open(first.database(), CHAIN.genesis().hash()), CHAIN, CONFIG);
    h2.start(SyncTarget.of(CHAIN.head().hash()));
    h2.runHonest(CHAIN, 10_000);
    assertThat(h2.client.requests).as("the whole walk was stored: nothing to download").isEmpty();
    assertCanonicalChainIs(h2.store, CHAIN, 1000);
  }

  @Test
  void aLocalChainOnAnotherBranchIsUnwoundStepByStepUntilTheWalkAttaches() {
    TestChain local = CHAIN.fork(955, 990, "local");
    InMemoryHeaderStore store = ReverseSyncHarness.storeWithGenesis(CHAIN.genesis());
    WriteBatch w = new WriteBatch();
    for (long n = 1; n <= 990; n++) {
      w.putCanonicalHeader(local.get(n), local.totalDifficulty(n));
    }
    w.setCheckpoint(HeadersStage.ID, 990).setCheckpoint(TotalDifficultyStage.ID, 990);
    store.commit(w);

    ReverseSyncHarness h = new ReverseSyncHarness(store, CHAIN, CONFIG.withMaxUnwindStep(16));
    h.start(SyncTarget.of(CHAIN.head().hash()));
    h.runHonest(CHAIN, 10_000);

    assertThat(h.pipeline.state()).isEqualTo(Pipeline.State.DONE);
    assertCanonicalChainIs(h.store, CHAIN, 1000);
    assertThat(h.pipeline.unwinds()).extracting(Pipeline.Unwind::to).containsExactly(989L, 987L, 983L, 975L, 959L, 943L);
    assertThat(h.store.unwinds).containsExactly(989L, 987L, 983L, 975L, 959L, 943L);
    assertThat(h.store.totalDifficulty(CHAIN.head().hash())).contains(CHAIN.totalDifficulty(1000));
    assertThat(h.store.header(local.get(990).hash())).as("unwound blocks are gone").isEmpty();
  }

  @Test
  void aNewTargetDuringTheDownloadEndsOnTheNewChain() {
    TestChain reorg = CHAIN.fork(990, 1003, "reorg");
    ReverseSyncHarness h = new ReverseSyncHarness(ReverseSyncHarness.storeWithGenesis(CHAIN.genesis()), CHAIN, CONFIG);
    h.start(SyncTarget.of(CHAIN.head().hash()));
    TestChain[] serving = {CHAIN};
    for (int round = 0; round < 10_000 && h.pipeline.state() != Pipeline.State.DONE; round++) {
      h.loop.runDue();
      if (round == 30) {
        serving[0] = reorg;
        h.headers.setTarget(SyncTarget.of(reorg.head().hash()));
      }
      if (!h.client.open().isEmpty()) {
        Req r = h.client.open().getFirst();
        h.client.answer(r, "peer", FakeHeadersClient.honest(r, serving[0]));
      }
    }
    assertThat(h.pipeline.state()).isEqualTo(Pipeline.State.DONE);
    assertCanonicalChainIs(h.store, reorg, 1003);
    assertThat(h.store.totalDifficulty(reorg.head().hash())).contains(reorg.totalDifficulty(1003));
  }

  @Test
  void aTargetAlreadyCanonicalNeedsNothing() {
    ReverseSyncHarness h = new ReverseSyncHarness(ReverseSyncHarness.storeWithGenesis(CHAIN.genesis()), CHAIN, CONFIG);
    h.start(SyncTarget.of(CHAIN.genesis().hash()));
    h.runHonest(CHAIN, 100);
    assertThat(h.pipeline.state()).isEqualTo(Pipeline.State.DONE);
    assertThat(h.client.requests).isEmpty();
  }

  @Test
  void aTargetChainWithAnotherGenesisFailsWithATypedError() {
    TestChain foreign = TestChain.of(60, "foreign");
    InMemoryHeaderStore store = ReverseSyncHarness.storeWithGenesis(CHAIN.genesis());
    ReverseSyncHarness h = new ReverseSyncHarness(store, foreign, CONFIG);
    h.start(SyncTarget.of(foreign.get(40).hash()));
    h.runHonest(foreign, 10_000);
    assertThat(h.pipeline.state()).isEqualTo(Pipeline.State.FAILED);
    assertThat(h.pipeline.failure()).hasValueSatisfying(e -> {
      assertThat(e).isInstanceOf(StageException.class);
      assertThat(((StageException) e).kind()).isEqualTo(StageException.Kind.BAD_UNWIND);
      assertThat(e.getMessage()).contains("does not descend");
    });
    assertThat(StoreConsistency.check(store).isConsistent()).isTrue();
    assertThat(store.head()).hasValueSatisfying(head -> assertThat(head.number()).isZero());
  }

  @Test
  void aTrustedTargetWhoseChainBreaksARuleFailsTheSyncNamingTheBlockInsteadOfAskingForever() {
    TestChain bad = CHAIN.withBadTimestampAt(500);
    InMemoryHeaderStore store = ReverseSyncHarness.storeWithGenesis(CHAIN.genesis());
    ReverseSyncHarness h = new ReverseSyncHarness(store, bad, CONFIG);
    h.start(SyncTarget.of(bad.head().hash()));
    h.runHonest(bad, 10_000);

    assertThat(h.pipeline.state()).isEqualTo(Pipeline.State.FAILED);
    assertThat(h.pipeline.failure()).hasValueSatisfying(e -> {
      assertThat(e).isInstanceOf(StageException.class);
      assertThat(((StageException) e).kind()).isEqualTo(StageException.Kind.INVALID_TARGET_CHAIN);
      assertThat(((StageException) e).number()).isEqualTo(500);
      assertThat(e.getMessage()).contains(bad.get(500).hash().toString()).contains("timestamp");
    });
    assertThat(h.client.reports).as("no peer is blamed for serving the target's own chain").isEmpty();
    assertThat(h.client.requests.size()).as("requests: the walk down to block 500 and no more")
        .isLessThan(2 * 500 / CONFIG.requestLimit() + 4);
    assertThat(store.head()).hasValueSatisfying(head -> assertThat(head.number()).isZero());
    assertThat(StoreConsistency.check(store).isConsistent()).isTrue();
  }

  @Test
  void totalDifficultyNeedsTheOldestBlocksTotalDifficulty() {
    InMemoryHeaderStore store = InMemoryHeaderStore.create(CHAIN.genesis().hash());
    store.commit(new WriteBatch().putCanonicalHeader(CHAIN.genesis(), null).putCanonicalHeader(CHAIN.get(1), null));
    TotalDifficultyStage td = new TotalDifficultyStage(store, 10);
    assertThatThrownBy(() -> td.execute(new ExecInput(Optional.empty(), OptionalLong.of(1))))
        .isInstanceOfSatisfying(StageException.class, e -> {
          assertThat(e.kind()).isEqualTo(StageException.Kind.MISSING_TOTAL_DIFFICULTY);
          assertThat(e.number()).isZero();
          assertThat(e.getMessage()).contains("total-difficulty");
        });
  }
}
