package io.headersync.sync.stages;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.download.reverse.ReverseConfig;
import io.headersync.sync.download.reverse.ReverseHeaderDownloader;
import io.headersync.sync.download.reverse.testing.FakeHeadersClient;
import io.headersync.sync.download.reverse.testing.FakeHeadersClient.Req;
import io.headersync.sync.download.reverse.testing.TestChain;
import io.headersync.sync.testing.ManualScheduler;
import java.util.List;
import java.util.function.Function;

/** A reverse downloader, the headers and total-difficulty stages and a pipeline over one store. */
final class ReverseSyncHarness {

  final ManualScheduler loop = new ManualScheduler();
  final FakeHeadersClient client = new FakeHeadersClient();
  final RecordingStore store;
  final ReverseHeaderDownloader downloader;
  final HeadersStage headers;
  final TotalDifficultyStage totalDifficulty;
  final Pipeline pipeline;

  ReverseSyncHarness(HeaderStore store, TestChain chain, ReverseConfig config) {
    this.store = new RecordingStore(store);
    downloader = new ReverseHeaderDownloader(config, client, TestChain.validator(chain.genesis()), loop, () -> 4,
        this.store::header);
    headers = new HeadersStage(this.store, downloader, config.commitThreshold());
    totalDifficulty = new TotalDifficultyStage(this.store, config.commitThreshold());
    pipeline = new Pipeline(this.store, loop, List.of(headers, totalDifficulty));
  }

  /** A fresh in-memory store holding {@code genesis} as its canonical block 0, with its total difficulty. */
  static InMemoryHeaderStore storeWithGenesis(BlockHeader genesis) {
    InMemoryHeaderStore store = InMemoryHeaderStore.create(genesis.hash());
    store.commit(new WriteBatch().putCanonicalHeader(genesis, genesis.difficulty()));
    return store;
  }

  void start(SyncTarget target) {
    headers.setTarget(target);
    pipeline.start();
  }

  /** Runs the loop, answering one open request per round with {@code answer}, until the pipeline stops or the budget ends. */
  void run(Function<Req, List<BlockHeader>> answer, int maxRounds) {
    for (int round = 0; round < maxRounds; round++) {
      loop.runDue();
      if (pipeline.state() == Pipeline.State.DONE || pipeline.state() == Pipeline.State.FAILED) {
        return;
      }
      List<Req> open = client.open();
      if (!open.isEmpty()) {
        client.answer(open.getFirst(), "peer", answer.apply(open.getFirst()));
      } else if (loop.isIdle()) {
        loop.advance(java.time.Duration.ofSeconds(1));
      }
    }
  }

  void runHonest(TestChain chain, int maxRounds) {
    run(r -> FakeHeadersClient.honest(r, chain), maxRounds);
  }
}
