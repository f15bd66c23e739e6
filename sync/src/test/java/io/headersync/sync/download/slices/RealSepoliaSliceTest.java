package io.headersync.sync.download.slices;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.checkpoint.CheckpointHashes;
import io.headersync.core.testdata.TestData;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.download.DownloadEvent;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The downloader over real Sepolia headers (blocks 0–40,959): the preverified phase against the
 * real shipped every-192 list, and the linear phase with Sepolia's header rules. Skipped when the
 * shared data is absent.
 */
class RealSepoliaSliceTest {

  private static final String HEADERS = "sepolia/sepolia-headers-0-40959.txt.gz";
  private static final String CHECKPOINTS = "sepolia/checkpoints/erigon-sepolia-preverified-step192.txt";
  private static List<BlockHeader> chain;

  private final ManualScheduler loop = new ManualScheduler();
  private final ScriptedClient client = new ScriptedClient(loop);

  @BeforeAll
  static void readChain() {
    TestData.require(HEADERS);
    chain = new ArrayList<>();
    for (TestData.HeaderLine line : TestData.headerLines(HEADERS)) {
      chain.add(BlockHeader.decode(line.rlp()));
    }
  }

  /** Answers with the real headers, from peers taking turns; the answer at {@code lieAt} is first a lie. */
  private void serveRealHeaders(long lieAt) {
    int[] turn = {0};
    boolean[] lied = {false};
    client.answerWith(request -> {
      long first = request.originNumber().orElseThrow();
      List<BlockHeader> answer = new ArrayList<>(chain.subList((int) first, (int) first + request.limit()));
      if (first == lieAt && !lied[0]) {
        lied[0] = true;
        BlockHeader last = answer.getLast();
        answer.set(answer.size() - 1, last.toBuilder().extraData(new byte[] {1, 2, 3}).build());
        return new PeerResponse<>(PeerId.of("liar"), answer);
      }
      return new PeerResponse<>(PeerId.of("peer-" + turn[0]++ % 3), answer);
    });
  }

  /** Runs the loop, handing batches to a list, until the target is reached. */
  private List<BlockHeader> syncAll(SliceHeaderDownloader d) {
    List<BlockHeader> stored = new ArrayList<>();
    boolean[] reached = {false};
    d.setProgressListener(() -> {
      for (Optional<DownloadEvent> e = d.poll(); e.isPresent(); e = d.poll()) {
        switch (e.get()) {
          case DownloadEvent.BatchReady b -> stored.addAll(b.batch().headers());
          case DownloadEvent.TargetReached t -> reached[0] = true;
          case DownloadEvent.UnwindNeeded u -> throw new AssertionError("no unwind expected: " + u);
          case DownloadEvent.TargetChainInvalid i -> throw new AssertionError("a real chain is valid: " + i);
        }
      }
    });
    for (int i = 0; i < 10_000 && !reached[0]; i++) {
      loop.runDue();
    }
    assertThat(reached[0]).as("target reached; window %s", d.describeWindow()).isTrue();
    return stored;
  }

  @Test
  void thePreverifiedPhaseChecksRealHeadersAgainstTheRealShippedHashes() throws Exception {
    CheckpointHashes checkpoints = CheckpointHashes.read(TestData.require(CHECKPOINTS), 192);
    long target = 192L * 213; // 40,896, a shipped hash
    serveRealHeaders(192L * 50 + 1);
    SliceHeaderDownloader d = SliceHeaderDownloader.builder(SliceConfig.DEFAULT.withMemoryLimitBytes(16L * 192 * 600), client, loop)
        .checkpoints(checkpoints).build();
    d.setLocalHead(chain.getFirst());
    d.setTarget(SyncTarget.of(chain.get((int) target).hash(), target));

    List<BlockHeader> stored = syncAll(d);

    assertThat(stored).hasSize((int) target);
    for (BlockHeader h : stored) {
      assertThat(h.hash()).as("block %d", h.number()).isEqualTo(chain.get((int) h.number()).hash());
    }
    assertThat(client.reports).singleElement().satisfies(r -> {
      assertThat(r.peer()).isEqualTo(PeerId.of("liar"));
      assertThat(r.offence()).isEqualTo(Offence.WRONG_DATA);
      assertThat(r.detail()).contains("#9792").contains("checkpoint");
    });
    SliceStats stats = d.sliceStats();
    assertThat(stats.peakWindowSlices()).isEqualTo(16);
    assertThat(stats.peakWindowHeaders()).isLessThanOrEqualTo(stats.windowHeaderLimit());
    assertThat(d.stats().headersHandedOut()).isEqualTo(target);
  }

  @Test
  void theLinearPhaseRunsSepoliasHeaderRulesOnRealHeaders() {
    long target = 6_000;
    serveRealHeaders(1_921);
    SliceHeaderDownloader d = SliceHeaderDownloader.builder(
            SliceConfig.DEFAULT.withMemoryLimitBytes(8L * 192 * 600).withLinearTipDistance(0), client, loop)
        .validator(new HeaderValidator(ChainSpecs.preset("sepolia"))).build();
    d.setLocalHead(chain.getFirst());
    d.setTarget(SyncTarget.of(chain.get((int) target).hash(), target));

    List<BlockHeader> stored = syncAll(d);

    assertThat(stored).extracting(BlockHeader::hash)
        .containsExactlyElementsOf(chain.subList(1, (int) target + 1).stream().map(BlockHeader::hash).toList());
    // Without a checkpoint the lie at #2112 is found by its neighbour, and its supplier reported once settled.
    assertThat(client.reported(Offence.WRONG_DATA)).containsExactly(PeerId.of("liar"));
    assertThat(d.sliceStats().disputes()).isEqualTo(1);
  }

  @Test
  void aBrokenHeaderRuleMakesTheSliceInvalid() {
    long target = 1_000;
    client.answerWith(request -> {
      long first = request.originNumber().orElseThrow();
      List<BlockHeader> answer = new ArrayList<>(chain.subList((int) first, (int) first + request.limit()));
      if (first == 193) {
        // A gas limit far past what the parent allows, on a chain re-linked so only the rule can tell.
        List<BlockHeader> bent = new ArrayList<>();
        Hash parent = chain.get(192).hash();
        for (BlockHeader h : answer) {
          BlockHeader b = h.toBuilder().parentHash(parent).gasLimit(h.number() == 200 ? h.gasLimit() * 2 : h.gasLimit()).build();
          bent.add(b);
          parent = b.hash();
        }
        client.answerWith(r -> new PeerResponse<>(PeerId.of("honest"),
            chain.subList((int) r.originNumber().orElseThrow(), (int) r.originNumber().orElseThrow() + r.limit())));
        return new PeerResponse<>(PeerId.of("bender"), bent);
      }
      return new PeerResponse<>(PeerId.of("first"), answer);
    });
    SliceHeaderDownloader d = SliceHeaderDownloader.builder(
            // One slice per request: the script bends the answer for the slice at #193 alone.
            SliceConfig.DEFAULT.withMemoryLimitBytes(8L * 192 * 600).withLinearTipDistance(0).withMaxSlicesPerRequest(1),
            client, loop)
        .validator(new HeaderValidator(ChainSpecs.preset("sepolia"))).build();
    d.setLocalHead(chain.getFirst());
    d.setTarget(SyncTarget.of(chain.get((int) target).hash(), target));

    List<BlockHeader> stored = syncAll(d);

    assertThat(stored).hasSize((int) target);
    assertThat(client.reports).filteredOn(r -> r.offence() == Offence.WRONG_DATA).singleElement().satisfies(r -> {
      assertThat(r.peer()).isEqualTo(PeerId.of("bender"));
      assertThat(r.detail()).contains("#200");
    });
  }
}
