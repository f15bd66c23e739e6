package io.headersync.sync.download.slices;

import static io.headersync.sync.download.slices.WindowPicture.assertWindow;
import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.checkpoint.CheckpointHashes;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.Priority;
import io.headersync.sync.download.DownloadEvent;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.testing.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The slice state machine, stage by stage, with the window drawn as a picture after each step
 * (see {@link WindowPicture} for the symbols). Stages run by hand ({@code manualStages}), so
 * every state a slice passes through can be seen.
 */
class SliceStateMachineTest {

  private static final int SLICE = 192;

  private final ManualScheduler loop = new ManualScheduler();
  private final ScriptedClient client = new ScriptedClient(loop);

  /** One slice per request, so each picture shows each slice's own request; grouped requests have tests of their own. */
  private static SliceConfig windowOf(int slices) {
    return SliceConfig.DEFAULT.withMemoryLimitBytes(slices * (long) SLICE * 600).withMaxSlicesPerRequest(1);
  }

  private SliceHeaderDownloader downloader(SliceConfig config, CheckpointHashes checkpoints) {
    return SliceHeaderDownloader.builder(config, client, loop).checkpoints(checkpoints).manualStages().build();
  }

  private static void start(SliceHeaderDownloader d, TestChain chain, long head, long target) {
    d.setLocalHead(chain.get(head));
    d.setTarget(SyncTarget.of(chain.get(target).hash(), target));
  }

  private static void verify(SliceHeaderDownloader d) {
    d.stageVerifyInternally();
    d.stageVerifyChain();
  }

  private static List<BlockHeader> batch(Optional<DownloadEvent> event) {
    assertThat(event).containsInstanceOf(DownloadEvent.BatchReady.class);
    return ((DownloadEvent.BatchReady) event.orElseThrow()).batch().headers();
  }

  @Test
  void emptySlicesAreRequestedLowestFirstWithinTheInFlightLimit() {
    TestChain chain = TestChain.build(1921);
    SliceHeaderDownloader d = downloader(windowOf(4).withMaxInFlightSlices(2), chain.checkpoints(SLICE, 1920));
    start(d, chain, 0, 1920);

    d.stageAdvance();
    assertWindow(d, ". . . .");
    d.stageRequest();
    assertWindow(d, "~ ~ . .");

    assertThat(client.pending()).extracting(ScriptedClient.Sent::origin).containsExactly(1L, 193L);
    assertThat(client.pending()).allSatisfy(s -> assertThat(s.request.limit()).isEqualTo(SLICE));
    assertThat(client.pendingAt(1).options.priority()).isEqualTo(Priority.HIGH);
    assertThat(client.pendingAt(193).options.priority()).isEqualTo(Priority.NORMAL);
    assertThat(d.stats().inFlightRequests()).isEqualTo(2);
  }

  @Test
  void aSliceMovesThroughEveryStageAndIsHandedOutInOrder() {
    TestChain chain = TestChain.build(1921);
    SliceHeaderDownloader d = downloader(windowOf(4).withMaxInFlightSlices(2), chain.checkpoints(SLICE, 1920));
    start(d, chain, 0, 1920);
    d.stageAdvance();
    d.stageRequest();
    assertWindow(d, "~ ~ . .");

    client.pendingAt(193).answer("b", chain.range(193, SLICE));
    assertWindow(d, "~ # . .");
    d.stageVerifyInternally();
    assertWindow(d, "~ i . .");
    d.stageVerifyChain();
    assertWindow(d, "~ i . ."); // its checkpoint vouches for it, but nothing below it is verified yet
    assertThat(d.stageSave()).isEmpty();

    client.pendingAt(1).answer("a", chain.range(1, SLICE));
    assertWindow(d, "# i . .");
    d.stageVerifyInternally();
    assertWindow(d, "i i . .");
    d.stageVerifyChain();
    assertWindow(d, "+ + . .");

    assertThat(batch(d.stageSave())).containsExactlyElementsOf(chain.range(1, SLICE));
    assertWindow(d, "= + . .");
    assertThat(batch(d.stageSave())).containsExactlyElementsOf(chain.range(193, SLICE));
    assertWindow(d, "= = . .");
    assertThat(d.stageSave()).isEmpty();

    d.stageAdvance();
    assertWindow(d, ". . . .");
    d.stageRequest();
    assertWindow(d, "~ ~ . .");
    assertThat(client.pending()).extracting(ScriptedClient.Sent::origin).containsExactly(385L, 577L);
    assertThat(d.stats().headersHandedOut()).isEqualTo(2 * SLICE);
  }

  @Test
  void aSliceThatTimesOutGoesBackToEmptyAndIsAskedAgain() {
    TestChain chain = TestChain.build(1921);
    SliceConfig config = windowOf(3).withSliceTimeout(Duration.ofSeconds(30));
    SliceHeaderDownloader d = downloader(config, chain.checkpoints(SLICE, 1920));
    start(d, chain, 0, 1920);
    d.stageAdvance();
    d.stageRequest();
    assertWindow(d, "~ ~ ~");
    ScriptedClient.Sent first = client.pendingAt(1);
    ScriptedClient.Sent third = client.pendingAt(385);
    client.pendingAt(193).answer("b", chain.range(193, SLICE));

    loop.advance(Duration.ofSeconds(31));
    assertWindow(d, ". # .");
    assertThat(first.cancelled).isTrue();
    assertThat(third.cancelled).isTrue();
    assertThat(d.sliceStats().sliceTimeouts()).isEqualTo(2);

    d.stageRequest();
    assertWindow(d, "~ # ~");
    assertThat(client.pending()).extracting(ScriptedClient.Sent::origin).containsExactly(1L, 385L);
  }

  @Test
  void aFailedRequestGoesBackToEmptyAndWaitsBeforeItIsAskedAgain() {
    TestChain chain = TestChain.build(1921);
    SliceHeaderDownloader d = downloader(windowOf(2), chain.checkpoints(SLICE, 1920));
    start(d, chain, 0, 1920);
    d.stageAdvance();
    d.stageRequest();
    assertWindow(d, "~ ~");

    client.pendingAt(1).fail();
    assertWindow(d, ". ~");
    d.stageRequest();
    assertWindow(d, ". ~"); // not before the retry delay
    loop.advance(SliceConfig.DEFAULT.retryDelay());
    d.stageRequest();
    assertWindow(d, "~ ~");
    assertThat(d.sliceStats().requestFailures()).isEqualTo(1);
  }

  @Test
  void aSliceThatMissesItsCheckpointIsInvalidItsSupplierReportedAndItIsAskedAgain() {
    TestChain chain = TestChain.build(1921);
    TestChain other = chain.fork(100, 500, 7, 131_072);
    SliceHeaderDownloader d = downloader(windowOf(3), chain.checkpoints(SLICE, 1920));
    start(d, chain, 0, 1920);
    d.stageAdvance();
    d.stageRequest();

    client.pendingAt(1).answer("liar", other.range(1, SLICE));
    client.pendingAt(193).answer("honest", chain.range(193, SLICE));
    d.stageVerifyInternally();
    assertWindow(d, "x i ~");
    assertThat(client.reports).singleElement().satisfies(r -> {
      assertThat(r.peer()).isEqualTo(PeerId.of("liar"));
      assertThat(r.offence()).isEqualTo(Offence.WRONG_DATA);
      assertThat(r.detail()).contains("#192").contains("checkpoint");
    });

    d.stageRequest();
    assertWindow(d, "~ i ~");
    client.pendingAt(1).answer("honest", chain.range(1, SLICE));
    verify(d);
    assertWindow(d, "+ + ~");
    assertThat(d.sliceStats().slicesInvalid()).isEqualTo(1);
  }

  @Test
  void betweenFarApartCheckpointsTheSliceEndingAtOneVouchesForTheSlicesBelow() {
    TestChain chain = TestChain.build(1001);
    TestChain other = chain.fork(300, 200, 5, 131_072);
    java.util.TreeMap<Long, io.headersync.core.bytes.Hash> map = new java.util.TreeMap<>();
    map.put(0L, chain.get(0).hash());
    map.put(500L, chain.get(500).hash());
    SliceHeaderDownloader d = downloader(windowOf(4), CheckpointHashes.of(map));
    start(d, chain, 0, 1000);
    d.stageAdvance();
    d.stageRequest();
    assertThat(client.pending()).extracting(s -> s.request.limit()).containsExactly(192, 192, 116, 192);
    // One peer answers all three: it cannot vouch for itself, but the checkpoint at #500 can.
    client.pendingAt(1).answer("a", chain.range(1, SLICE));
    client.pendingAt(193).answer("a", other.range(193, SLICE));
    verify(d);
    assertWindow(d, "i i ~ ~");
    client.pendingAt(385).answer("a", chain.range(385, 116));
    verify(d);
    assertWindow(d, "i x i ~"); // the slice ending at the checkpoint shows its neighbour lied
    assertThat(client.reported(Offence.WRONG_DATA)).containsExactly(PeerId.of("a"));

    d.stageRequest();
    client.pendingAt(193).answer("a", chain.range(193, SLICE));
    verify(d);
    assertWindow(d, "+ + + ~");
  }

  @Test
  void theWindowAdvancesOnlyAsItsLowestSlicesAreSaved() {
    TestChain chain = TestChain.build(1921);
    SliceHeaderDownloader d = downloader(windowOf(4), chain.checkpoints(SLICE, 1920));
    start(d, chain, 0, 1920);
    d.stageAdvance();
    d.stageRequest();
    client.pendingAt(193).answer("a", chain.range(193, SLICE));
    client.pendingAt(385).answer("b", chain.range(385, SLICE));
    verify(d);
    assertWindow(d, "~ i i ~");
    assertThat(d.stageSave()).isEmpty();
    d.stageAdvance();
    assertWindow(d, "~ i i ~");

    client.pendingAt(1).answer("c", chain.range(1, SLICE));
    verify(d);
    assertWindow(d, "+ + + ~");
    batch(d.stageSave());
    batch(d.stageSave());
    batch(d.stageSave());
    assertWindow(d, "= = = ~");
    d.stageAdvance();
    assertWindow(d, "~ . . .");
    assertThat(d.windowPicture()).hasSize(7);
  }

  @Test
  void theWindowNeverHoldsMoreSlicesThanTheMemoryLimitAllows() {
    TestChain chain = TestChain.build(3841);
    // Three slices of 192 headers at 600 bytes, and not quite a fourth.
    SliceConfig config = SliceConfig.DEFAULT.withMemoryLimitBytes(3L * SLICE * 600 + 115_199);
    assertThat(config.windowSlices()).isEqualTo(3);
    SliceHeaderDownloader d = downloader(config, chain.checkpoints(SLICE, 3840));
    start(d, chain, 0, 3840);
    long handedOut = 0;
    int rounds = 0;
    boolean reached = false;
    while (!reached) {
      d.stageAdvance();
      assertThat(d.windowPicture().split(" ")).hasSizeLessThanOrEqualTo(3);
      d.stageRequest();
      for (ScriptedClient.Sent s : client.pending()) {
        s.answer("p" + rounds % 5, chain.range(s.origin(), s.request.limit()));
      }
      verify(d);
      for (Optional<DownloadEvent> e = d.stageSave(); e.isPresent(); e = d.stageSave()) {
        if (e.get() instanceof DownloadEvent.TargetReached) {
          reached = true;
        } else {
          handedOut += batch(e).size();
        }
      }
      assertThat(++rounds).isLessThan(100);
    }
    assertThat(handedOut).isEqualTo(3840);
    assertThat(d.sliceStats().peakWindowSlices()).isEqualTo(3);
    assertThat(d.sliceStats().windowSliceLimit()).isEqualTo(3);
    assertThat(d.sliceStats().peakWindowHeaders()).isLessThanOrEqualTo(3 * SLICE);
    assertThat(d.stats().peakBufferedHeaders()).isLessThanOrEqualTo(d.stats().bufferLimitHeaders());
  }

  @Test
  void withoutCheckpointsASliceWaitsForTheSliceAboveToVouchForItsLastHeader() {
    TestChain chain = TestChain.build(961);
    SliceHeaderDownloader d = downloader(windowOf(5), CheckpointHashes.empty());
    start(d, chain, 0, 960);
    d.stageAdvance();
    d.stageRequest();
    client.pendingAt(1).answer("a", chain.range(1, SLICE));
    client.pendingAt(193).answer("b", chain.range(193, SLICE));
    verify(d);
    assertWindow(d, "+ i ~ ~ ~");

    client.pendingAt(769).answer("c", chain.range(769, SLICE)); // the last slice ends at the target
    verify(d);
    assertWindow(d, "+ i ~ ~ i");
    client.pendingAt(385).answer("d", chain.range(385, SLICE));
    client.pendingAt(577).answer("e", chain.range(577, SLICE));
    verify(d);
    assertWindow(d, "+ + + + +");
    for (int i = 0; i < 5; i++) {
      batch(d.stageSave());
    }
    assertThat(d.stageSave()).containsInstanceOf(DownloadEvent.TargetReached.class);
    assertThat(client.reports).isEmpty();
  }

  @Test
  void neighboursThatDoNotLinkAreBothAskedAgainAndOnlyTheLoserIsReported() {
    TestChain chain = TestChain.build(961);
    SliceHeaderDownloader d = downloader(windowOf(5).withLinearTipDistance(0), CheckpointHashes.empty());
    start(d, chain, 0, 960);
    d.stageAdvance();
    d.stageRequest();
    // The last header of the first slice is corrupt: it links below and breaks no rule.
    client.pendingAt(1).answer("liar", chain.rangeWithCorruptLast(1, SLICE));
    client.pendingAt(193).answer("honest-1", chain.range(193, SLICE));
    d.stageVerifyInternally();
    assertWindow(d, "i i ~ ~ ~");
    d.stageVerifyChain();
    assertWindow(d, "x x ~ ~ ~");
    // Neither is blamed yet; both are put at the back of the line with the smallest charge.
    assertThat(client.reported(Offence.WRONG_DATA)).isEmpty();
    assertThat(client.reported(Offence.USELESS_RESPONSE)).containsExactly(PeerId.of("liar"), PeerId.of("honest-1"));
    assertThat(d.sliceStats().disputes()).isEqualTo(1);

    d.stageRequest();
    assertWindow(d, "~ ~ ~ ~ ~");
    client.pendingAt(1).answer("honest-2", chain.range(1, SLICE));
    client.pendingAt(193).answer("honest-3", chain.range(193, SLICE));
    verify(d);
    assertWindow(d, "+ i ~ ~ ~");
    assertThat(client.reported(Offence.WRONG_DATA)).containsExactly(PeerId.of("liar"));
  }

  @Test
  void aPeerCannotVouchForItsOwnSliceWhileOthersCanBeAsked() {
    TestChain chain = TestChain.build(961);
    SliceHeaderDownloader d = downloader(windowOf(5).withLinearTipDistance(0), CheckpointHashes.empty());
    start(d, chain, 0, 960);
    d.stageAdvance();
    d.stageRequest();
    client.pendingAt(1).answer("a", chain.range(1, SLICE));
    client.pendingAt(193).answer("a", chain.range(193, SLICE));
    verify(d);
    assertWindow(d, "i i ~ ~ ~");
    client.pendingAt(385).answer("b", chain.range(385, SLICE));
    verify(d);
    assertWindow(d, "+ + i ~ ~"); // b vouches for a's second slice, which vouches for a's first
    assertThat(client.reports).isEmpty();
  }

  @Test
  void theNextRequestPrefersOtherPeersThanTheNeighboursSuppliers() {
    TestChain chain = TestChain.build(961);
    SliceHeaderDownloader d = downloader(windowOf(3).withLinearTipDistance(0), CheckpointHashes.empty());
    start(d, chain, 0, 960);
    d.stageAdvance();
    d.stageRequest();
    client.pendingAt(1).answer("a", chain.range(1, SLICE));
    client.pendingAt(385).fail();
    client.pendingAt(193).answer("b", chain.range(193, SLICE));
    loop.advance(SliceConfig.DEFAULT.retryDelay());
    d.stageRequest();
    assertThat(client.pendingAt(385).options.avoid()).containsExactly(PeerId.of("b"));
  }

  @Test
  void aPartialAnswerIsReportedAndTheSliceAskedAgain() {
    TestChain chain = TestChain.build(961);
    SliceHeaderDownloader d = downloader(windowOf(2), CheckpointHashes.empty());
    start(d, chain, 0, 960);
    d.stageAdvance();
    d.stageRequest();
    client.pendingAt(1).answer("lazy", chain.range(1, 50));
    assertWindow(d, ". ~");
    assertThat(client.reported(Offence.USELESS_RESPONSE)).containsExactly(PeerId.of("lazy"));
    d.stageRequest();
    assertWindow(d, "~ ~");
  }

  // ------------------------------------------------------------------ several slices in one request

  private static SliceConfig groupedWindowOf(int slices, int perRequest) {
    return SliceConfig.DEFAULT.withMemoryLimitBytes(slices * (long) SLICE * 600).withMaxSlicesPerRequest(perRequest);
  }

  /** A downloader over {@code chain} with checkpoints every slice, its window filled and requested once. */
  private SliceHeaderDownloader requestedOnce(TestChain chain, SliceConfig config) {
    SliceHeaderDownloader d = downloader(config, chain.checkpoints(SLICE, 1920));
    start(d, chain, 0, 1920);
    d.stageAdvance();
    d.stageRequest();
    return d;
  }

  @Test
  void adjacentEmptySlicesGoOutInOneRequestAndTheAnswerIsCutIntoSlices() {
    TestChain chain = TestChain.build(1921);
    SliceHeaderDownloader d = requestedOnce(chain, groupedWindowOf(5, 3));

    assertWindow(d, "~ ~ ~ ~ ~");
    assertThat(client.pending()).extracting(p -> p.origin() + "+" + p.request.limit()).containsExactly("1+576", "577+384");
    assertThat(client.pendingAt(1).options.priority()).isEqualTo(Priority.HIGH);
    assertThat(client.pendingAt(577).options.priority()).isEqualTo(Priority.NORMAL);
    assertThat(d.stats().inFlightRequests()).as("requests, not slices").isEqualTo(2);

    client.pendingAt(1).answer("a", chain.range(1, 3 * SLICE));
    assertWindow(d, "# # # ~ ~");
    verify(d);
    assertWindow(d, "+ + + ~ ~");
    assertThat(batch(d.stageSave())).containsExactlyElementsOf(chain.range(1, SLICE));
    assertThat(batch(d.stageSave())).containsExactlyElementsOf(chain.range(193, SLICE));
    assertThat(batch(d.stageSave())).containsExactlyElementsOf(chain.range(385, SLICE));
    assertThat(client.reports).isEmpty();
  }

  @Test
  void theInFlightLimitCountsSlicesAndCutsAGroupShort() {
    TestChain chain = TestChain.build(1921);
    SliceHeaderDownloader d = requestedOnce(chain, groupedWindowOf(5, 3).withMaxInFlightSlices(4));

    assertWindow(d, "~ ~ ~ ~ .");
    assertThat(client.pending()).extracting(p -> p.origin() + "+" + p.request.limit()).containsExactly("1+576", "577+192");
  }

  @Test
  void anAnswerCutShortByAServingLimitKeepsItsWholeSlicesAndTheRestIsAskedAgainWithoutBlame() {
    TestChain chain = TestChain.build(1921);
    SliceHeaderDownloader d = requestedOnce(chain, groupedWindowOf(3, 3));

    client.pendingAt(1).answer("capped", chain.range(1, 2 * SLICE + 50));
    assertWindow(d, "# # .");
    assertThat(client.reports).isEmpty();
    d.stageRequest();
    assertWindow(d, "# # ~");
    assertThat(client.pendingAt(385).request.limit()).isEqualTo(SLICE);
  }

  @Test
  void anAnswerThatFillsNoSliceIsReportedAndTheWholeGroupAskedAgain() {
    TestChain chain = TestChain.build(1921);
    SliceHeaderDownloader d = requestedOnce(chain, groupedWindowOf(3, 3));

    client.pendingAt(1).answer("lazy", chain.range(1, 100));
    assertWindow(d, ". . .");
    client.pending().forEach(p -> assertThat(p.origin()).isNotEqualTo(1)); // nothing left waiting on the old request
    d.stageRequest();
    client.pendingAt(1).answer("generous", chain.range(1, 3 * SLICE + 3));
    assertWindow(d, ". . .");
    assertThat(client.reported(Offence.USELESS_RESPONSE)).containsExactly(PeerId.of("lazy"), PeerId.of("generous"));
  }

  @Test
  void aSliceOfAGroupEmptiedMeanwhileDoesNotWithdrawTheRequestTheOthersWaitFor() {
    TestChain chain = TestChain.build(1921);
    SliceHeaderDownloader d = requestedOnce(chain, groupedWindowOf(3, 3).withSliceTimeout(Duration.ofSeconds(30)));
    ScriptedClient.Sent group = client.pendingAt(1);

    emptySlice(d, 1);
    assertThat(group.cancelled).as("two slices still wait for it").isFalse();
    emptySlice(d, 0);
    assertThat(group.cancelled).isFalse();
    emptySlice(d, 2);
    assertThat(group.cancelled).as("the last one let go").isTrue();
  }

  /** Drops slice {@code index} of the window back to empty, as a backtrack or a window change does. */
  private static void emptySlice(SliceHeaderDownloader d, int index) {
    d.windowSlice(index).empty();
  }

  @Test
  void aTargetWithoutANumberIsLookedUpByHashFirst() {
    TestChain chain = TestChain.build(400);
    SliceHeaderDownloader d = downloader(windowOf(4), CheckpointHashes.empty());
    d.setLocalHead(chain.get(0));
    d.setTarget(SyncTarget.of(chain.get(399).hash()));
    d.stageAdvance();
    assertWindow(d, "");
    d.stageRequest();
    ScriptedClient.Sent lookup = client.pending().getFirst();
    assertThat(lookup.request.limit()).isEqualTo(1);
    assertThat(lookup.request.originNumber()).isEmpty();
    lookup.answer("a", List.of(chain.get(399)));
    d.stageAdvance();
    assertWindow(d, ". . .");
    assertThat(d.windowPicture()).isEqualTo(". . ."); // 1..192, 193..384, 385..399
  }

  @Test
  void aReorgBelowTheSavedHeadIsFoundByTheProbeAndUnwound() {
    TestChain a = TestChain.build(961);
    SliceHeaderDownloader d = downloader(windowOf(5), CheckpointHashes.empty());
    start(d, a, 0, 960);
    syncAll(d, a, "a");

    TestChain b = a.fork(900, 100, 3, 131_072);
    d.setTarget(SyncTarget.of(b.head().hash(), 1000));
    d.stageAdvance();
    d.stageRequest();
    assertWindow(d, "~");
    client.pendingAt(961).answer("b-peer", b.range(961, 40));
    verify(d);
    assertWindow(d, "f");
    assertThat(client.reports).isEmpty();

    d.stageRequest(); // the fork probe walks down from the target
    ScriptedClient.Sent probe = client.pending().getFirst();
    assertThat(probe.request.reverse()).isTrue();
    assertThat(probe.request.originNumber()).isEmpty();
    probe.answer("b-peer", descending(b, 1000, SLICE));
    Optional<DownloadEvent> unwind = d.stageSave();
    assertThat(unwind).containsInstanceOf(DownloadEvent.UnwindNeeded.class);
    assertThat(((DownloadEvent.UnwindNeeded) unwind.orElseThrow()).toNumber()).isEqualTo(900);

    d.setLocalHead(a.get(900));
    assertWindow(d, "i");
    d.stageVerifyChain();
    assertWindow(d, "+");
    assertThat(batch(d.stageSave())).containsExactlyElementsOf(b.range(901, 100));
    assertThat(d.stageSave()).containsInstanceOf(DownloadEvent.TargetReached.class);
    assertThat(d.sliceStats().forksJoined()).isEqualTo(1);
    assertThat(d.sliceStats().unwinds()).isEqualTo(1);
  }

  @Test
  void byTotalDifficultyALighterBranchIsRefusedAndAHeavierOneAdopted() {
    TestChain a = TestChain.build(961);
    for (long difficulty : new long[] {1, 1_000_000_000L}) {
      client.sent.clear();
      client.reports.clear();
      SliceHeaderDownloader d = downloader(windowOf(5).withForkChoice(SliceConfig.ForkChoice.TOTAL_DIFFICULTY), CheckpointHashes.empty());
      start(d, a, 0, 960);
      syncAll(d, a, "a");
      TestChain b = a.fork(900, 100, 3, difficulty);
      d.setTarget(SyncTarget.of(b.head().hash(), 1000));
      d.stageAdvance();
      d.stageRequest();
      client.pendingAt(961).answer("b-peer", b.range(961, 40));
      verify(d);
      d.stageRequest();
      client.pending().getFirst().answer("b-peer", descending(b, 1000, SLICE));
      Optional<DownloadEvent> event = d.stageSave();
      if (difficulty == 1) {
        assertThat(event).isEmpty();
        assertThat(d.sliceStats().forksRefused()).isEqualTo(1);
        assertWindow(d, "f"); // waits for a target worth following
        d.stageRequest();
        assertThat(client.pending()).isEmpty();
      } else {
        assertThat(event).containsInstanceOf(DownloadEvent.UnwindNeeded.class);
        assertThat(d.sliceStats().forksJoined()).isEqualTo(1);
      }
    }
  }

  @Test
  void aSavedSliceTheChainAboveWillNotLinkToIsUnwoundAndItsSupplierReported() {
    TestChain chain = TestChain.build(1153);
    // A liar's branch leaves the chain at #300, inside the second slice.
    TestChain lie = chain.fork(300, 852, 9, 131_072);
    SliceHeaderDownloader d = downloader(windowOf(6).withLinearTipDistance(0), CheckpointHashes.empty());
    start(d, chain, 0, 1152);
    d.stageAdvance();
    d.stageRequest();
    client.pendingAt(1).answer("honest-1", chain.range(1, SLICE));
    client.pendingAt(193).answer("liar", lie.range(193, SLICE));
    client.pendingAt(385).answer("accomplice", lie.range(385, SLICE));
    verify(d);
    assertWindow(d, "+ + i ~ ~ ~"); // two liars on one branch vouch for each other
    batch(d.stageSave());
    assertThat(batch(d.stageSave()).getLast()).isEqualTo(lie.get(384));
    d.stageAdvance();
    assertWindow(d, "i ~ ~ ~");
    client.pendingAt(577).answer("honest-2", chain.range(577, SLICE));
    verify(d);
    assertWindow(d, "x x ~ ~"); // neither is vouched for: both are asked again
    d.stageRequest();
    assertWindow(d, "~ ~ ~ ~");
    client.pendingAt(577).answer("honest-2", chain.range(577, SLICE));
    d.stageVerifyInternally();
    assertWindow(d, "~ i ~ ~");

    String[] honest = {"honest-1", "honest-2", "honest-3"};
    Optional<DownloadEvent> unwind = Optional.empty();
    for (int attempt = 0; attempt < 3; attempt++) {
      d.stageRequest();
      client.pendingAt(385).answer(honest[attempt], chain.range(385, SLICE));
      verify(d);
      unwind = d.stageSave();
      if (attempt < 2) {
        assertWindow(d, "x i ~ ~"); // does not link to the saved head
        assertThat(unwind).isEmpty();
      }
    }
    assertThat(unwind).containsInstanceOf(DownloadEvent.UnwindNeeded.class);
    assertThat(((DownloadEvent.UnwindNeeded) unwind.orElseThrow()).toNumber()).isEqualTo(192);
    assertThat(d.sliceStats().backtracks()).isEqualTo(1);
    assertThat(client.reported(Offence.WRONG_DATA)).isEmpty();

    d.setLocalHead(chain.get(192));
    d.stageAdvance();
    d.stageRequest();
    client.pendingAt(193).answer("honest-3", chain.range(193, SLICE));
    client.pendingAt(385).answer("honest-1", chain.range(385, SLICE));
    verify(d);
    assertThat(batch(d.stageSave())).containsExactlyElementsOf(chain.range(193, SLICE));
    assertThat(client.reported(Offence.WRONG_DATA)).containsExactly(PeerId.of("liar"));
  }

  /** Answers every request with the honest chain until the target is reached. */
  private void syncAll(SliceHeaderDownloader d, TestChain chain, String peer) {
    for (int round = 0; round < 1000; round++) {
      d.stageAdvance();
      d.stageRequest();
      for (ScriptedClient.Sent s : client.pending()) {
        s.answer(peer, chain.range(s.origin(), s.request.limit()));
      }
      verify(d);
      for (Optional<DownloadEvent> e = d.stageSave(); e.isPresent(); e = d.stageSave()) {
        if (e.get() instanceof DownloadEvent.TargetReached) {
          return;
        }
      }
    }
    throw new AssertionError("sync did not finish");
  }

  private static List<BlockHeader> descending(TestChain chain, long from, int count) {
    List<BlockHeader> out = new java.util.ArrayList<>();
    for (long n = from; n > from - count && n >= 0; n--) {
      out.add(chain.get(n));
    }
    return out;
  }
}
