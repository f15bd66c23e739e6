package io.headersync.sync.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.consensus.body.BodyValidator;
import io.headersync.core.block.Block;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.Priority;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LiveBlockDownloaderTest {

  private final TestBlocks chain = TestBlocks.chain(60);
  private final ManualScheduler loop = new ManualScheduler(Duration.ofSeconds(5));
  private final FakeBlockClients clients = new FakeBlockClients();
  private final List<BlockDownloadEvent> events = new ArrayList<>();

  private LiveBlockDownloader downloader(BlockDownloadConfig config) {
    return new LiveBlockDownloader(config, loop, clients, clients);
  }

  private LiveBlockDownloader downloader() {
    return downloader(BlockDownloadConfig.DEFAULT);
  }

  private List<BlockDownloadEvent> drain(BlockDownloader d) {
    List<BlockDownloadEvent> out = new ArrayList<>();
    for (Optional<BlockDownloadEvent> e = d.poll(); e.isPresent(); e = d.poll()) {
      out.add(e.get());
    }
    events.addAll(out);
    loop.runDue();
    return out;
  }

  private static List<Long> numbers(List<BlockDownloadEvent> events) {
    return events.stream().filter(e -> e instanceof BlockDownloadEvent.Downloaded)
        .map(e -> ((BlockDownloadEvent.Downloaded) e).block().number()).toList();
  }

  private static List<Long> range(long first, long last) {
    return java.util.stream.LongStream.rangeClosed(first, last).boxed().toList();
  }

  private Set<Hash> hashes(long... ns) {
    Set<Hash> out = new LinkedHashSet<>();
    for (long n : ns) {
      out.add(chain.hash(n));
    }
    return out;
  }

  /** Every emitted block is the chain's block: right header, body matching it. */
  private void assertAllGenuine(List<BlockDownloadEvent> events) {
    for (BlockDownloadEvent e : events) {
      if (e instanceof BlockDownloadEvent.Downloaded d) {
        Block b = d.block();
        assertThat(b.hash()).isEqualTo(chain.hash(b.number()));
        assertThat(b.body()).isEqualTo(chain.body(b.number()));
      }
    }
  }

  // ---------------------------------------------------------------- sets

  @Test
  void aBlockOfASetAsksForItsHeaderAndBodyAtOnce() {
    LiveBlockDownloader d = downloader();
    Submission s = d.download(hashes(7));

    assertThat(s).isEqualTo(new Submission(1, 0, 0));
    assertThat(clients.openHeaders()).hasSize(1);
    HeadersRequest hr = clients.openHeaders().getFirst().request;
    assertThat(hr.origin()).isEqualTo(BlockOrigin.hash(chain.hash(7)));
    assertThat(hr.limit()).isEqualTo(1);
    assertThat(clients.openHeaders().getFirst().options.priority()).isEqualTo(Priority.HIGH);
    assertThat(clients.openBodies()).hasSize(1);
    assertThat(clients.openBodies().getFirst().request.hashes()).containsExactly(chain.hash(7));
    assertThat(d.stats().heldBlocks()).isEqualTo(1);
  }

  @Test
  void aBodyThatComesBeforeItsHeaderIsCheckedWhenTheHeaderComes() {
    LiveBlockDownloader d = downloader();
    d.download(hashes(7));
    clients.openBodiesFor(chain.hash(7)).answer("p1", List.of(chain.body(7)));
    assertThat(drain(d)).isEmpty();

    clients.openHeaderFor(chain.hash(7)).answer("p2", List.of(chain.header(7)));

    List<BlockDownloadEvent> out = drain(d);
    assertThat(numbers(out)).containsExactly(7L);
    assertAllGenuine(out);
    assertThat(clients.reports).isEmpty();
    assertThat(d.stats().heldBlocks()).isZero();
  }

  @Test
  void aSetComesOutInAscendingOrderWhateverTheOrderOfAnswers() {
    LiveBlockDownloader d = downloader();
    d.download(hashes(9, 3, 5));
    // Answer the highest first, completely: it must wait for the lower ones.
    clients.openHeaderFor(chain.hash(9)).answer("p", List.of(chain.header(9)));
    clients.openBodiesFor(chain.hash(9)).answer("p", List.of(chain.body(9)));
    assertThat(drain(d)).as("9 waits: 3 and 5 have no known number yet").isEmpty();
    clients.openHeaderFor(chain.hash(5)).answer("p", List.of(chain.header(5)));
    clients.openHeaderFor(chain.hash(3)).answer("p", List.of(chain.header(3)));
    clients.openBodiesFor(chain.hash(5)).answer("p", List.of(chain.body(5)));
    assertThat(drain(d)).as("5 and 9 wait for 3's body").isEmpty();

    clients.openBodiesFor(chain.hash(3)).answer("p", List.of(chain.body(3)));

    List<BlockDownloadEvent> out = drain(d);
    assertThat(numbers(out)).containsExactly(3L, 5L, 9L);
    assertAllGenuine(out);
  }

  @Test
  void theProgressListenerFiresWhenBlocksAreReady() {
    LiveBlockDownloader d = downloader();
    int[] calls = {0};
    d.setProgressListener(() -> calls[0]++);
    d.download(hashes(4));
    clients.serveAll(chain, "p", () -> {});
    assertThat(calls[0]).isEqualTo(1);
    assertThat(numbers(drain(d))).containsExactly(4L);
  }

  // ---------------------------------------------------------------- ranges

  @Test
  void aRangeAsksForHeadersFirstThenBodiesInBatchesLowestFirst() {
    LiveBlockDownloader d = downloader(BlockDownloadConfig.DEFAULT.withMaxBodiesPerRequest(4));
    Submission s = d.downloadRange(chain.hash(20), 10);

    assertThat(s.started()).isEqualTo(10);
    assertThat(clients.bodyRequests).as("no bodies before the headers").isEmpty();
    assertThat(clients.openHeaders()).hasSize(1);
    HeadersRequest walk = clients.openHeaders().getFirst().request;
    assertThat(walk).isEqualTo(new HeadersRequest(BlockOrigin.hash(chain.hash(20)), 10, 0, true));

    clients.openHeaders().getFirst().answer("p", FakeBlockClients.honestHeaders(walk, chain));

    assertThat(clients.openBodies()).hasSize(3);
    assertThat(clients.openBodies().get(0).request.hashes()).containsExactly(
        chain.hash(11), chain.hash(12), chain.hash(13), chain.hash(14));
    assertThat(clients.openBodies().get(1).request.hashes()).containsExactly(
        chain.hash(15), chain.hash(16), chain.hash(17), chain.hash(18));
    assertThat(clients.openBodies().get(2).request.hashes()).containsExactly(chain.hash(19), chain.hash(20));
    assertThat(clients.openBodies().get(0).options.requiredRange()).contains(BlockRange.of(11, 14));

    clients.serveAll(chain, "p", () -> {});
    List<BlockDownloadEvent> out = drain(d);
    assertThat(numbers(out)).isEqualTo(range(11, 20));
    assertAllGenuine(out);
  }

  @Test
  void aRangeWalkGoesOnFromTheParentAfterAPartialAnswer() {
    LiveBlockDownloader d = downloader();
    d.downloadRange(chain.hash(20), 10);
    var first = clients.openHeaders().getFirst();
    first.answer("p", List.of(chain.header(20), chain.header(19), chain.header(18), chain.header(17)));

    var next = clients.openHeaders().getFirst();
    assertThat(next.request).isEqualTo(new HeadersRequest(BlockOrigin.hash(chain.hash(16)), 6, 0, true));
    assertThat(next.options.requiredRange()).contains(BlockRange.of(11, 16));
    clients.serveAll(chain, "p", () -> {});
    assertThat(numbers(drain(d))).isEqualTo(range(11, 20));
  }

  @Test
  void aRangeLongerThanTheChainStopsAtBlockZero() {
    LiveBlockDownloader d = downloader();
    d.downloadRange(chain.hash(3), 10);
    clients.serveAll(chain, "p", () -> {});
    assertThat(numbers(drain(d))).containsExactly(0L, 1L, 2L, 3L);
    assertThat(clients.headerRequests).hasSize(1);
    assertThat(d.stats().trackedBlocks()).isZero();
  }

  @Test
  void aWalkAnswerThatDoesNotLinkIsReportedAndAskedAgain() {
    LiveBlockDownloader d = downloader();
    d.downloadRange(chain.hash(20), 5);
    clients.openHeaders().getFirst().answer("liar",
        List.of(chain.header(20), chain.header(19), chain.header(17), chain.header(16), chain.header(15)));

    assertThat(clients.reports).extracting(FakeBlockClients.Report::peer, FakeBlockClients.Report::offence)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(PeerId.of("liar"), Offence.WRONG_DATA));
    assertThat(clients.openHeaders()).hasSize(1);
    assertThat(clients.openHeaders().getFirst().request.origin()).isEqualTo(BlockOrigin.hash(chain.hash(20)));
    assertThat(clients.bodyRequests).isEmpty();
    clients.serveAll(chain, "honest", () -> {});
    assertThat(numbers(drain(d))).isEqualTo(range(16, 20));
    assertThat(d.stats().wrongHeaders()).isEqualTo(1);
  }

  @Test
  void aRangeRefusesACountOutsideItsLimits() {
    LiveBlockDownloader d = downloader();
    assertThatThrownBy(() -> d.downloadRange(chain.hash(20), 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..1024");
    assertThatThrownBy(() -> d.downloadRange(chain.hash(20), 1025)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 1025");
  }

  // ---------------------------------------------------------------- wrong bodies

  @Test
  void aWrongBodyIsReportedAndAskedForAgain() {
    LiveBlockDownloader d = downloader();
    d.download(hashes(7));
    clients.openBodiesFor(chain.hash(7)).answer("liar", List.of(TestBlocks.wrongBody(7)));
    clients.openHeaderFor(chain.hash(7)).answer("p", List.of(chain.header(7)));

    assertThat(clients.reports).hasSize(1);
    assertThat(clients.reports.getFirst().peer()).isEqualTo(PeerId.of("liar"));
    assertThat(clients.reports.getFirst().offence()).isEqualTo(Offence.WRONG_DATA);
    assertThat(clients.reports.getFirst().detail()).contains(BodyValidator.TRANSACTIONS_ROOT);
    assertThat(drain(d)).isEmpty();
    assertThat(clients.bodyRequestsFor(chain.hash(7))).isEqualTo(2);
    assertThat(clients.openBodiesFor(chain.hash(7)).options.avoid()).as("asked of another peer").containsExactly(PeerId.of("liar"));

    clients.openBodiesFor(chain.hash(7)).answer("honest", List.of(chain.body(7)));
    List<BlockDownloadEvent> out = drain(d);
    assertThat(numbers(out)).containsExactly(7L);
    assertAllGenuine(out);
    assertThat(d.stats().wrongBodies()).isEqualTo(1);
  }

  @Test
  void oneWrongBodyInABatchCostsOnlyThatBlockAndOneReport() {
    LiveBlockDownloader d = downloader(BlockDownloadConfig.DEFAULT.withMaxBodiesPerRequest(4));
    d.downloadRange(chain.hash(14), 4);
    clients.openHeaders().getFirst().answer("p", FakeBlockClients.honestHeaders(clients.openHeaders().getFirst().request, chain));
    var batch = clients.openBodies().getFirst();
    batch.answer("liar", List.of(chain.body(11), TestBlocks.wrongBody(12), chain.body(13), chain.body(14)));

    assertThat(clients.reports).hasSize(1);
    assertThat(clients.reports.getFirst().detail()).startsWith("1 of 4 bodies");
    assertThat(clients.openBodies()).hasSize(1);
    assertThat(clients.openBodies().getFirst().request.hashes()).containsExactly(chain.hash(12));
    assertThat(clients.openBodies().getFirst().options.avoid()).containsExactly(PeerId.of("liar"));
    assertThat(numbers(drain(d))).containsExactly(11L);

    clients.serveAll(chain, "honest", () -> {});
    assertThat(numbers(drain(d))).containsExactly(12L, 13L, 14L);
    assertAllGenuine(events);
  }

  @Test
  void anAnswerLeavingOutBlocksIsMatchedByRootsAndTheRestAskedAgain() {
    LiveBlockDownloader d = downloader(BlockDownloadConfig.DEFAULT.withMaxBodiesPerRequest(4));
    d.downloadRange(chain.hash(14), 4);
    clients.openHeaders().getFirst().answer("p", FakeBlockClients.honestHeaders(clients.openHeaders().getFirst().request, chain));
    clients.openBodies().getFirst().answer("p", List.of(chain.body(12), chain.body(14)));

    assertThat(clients.reports).isEmpty();
    assertThat(clients.openBodies()).hasSize(1);
    assertThat(clients.openBodies().getFirst().request.hashes()).containsExactly(chain.hash(11), chain.hash(13));
    clients.serveAll(chain, "p", () -> {});
    List<BlockDownloadEvent> out = drain(d);
    assertThat(numbers(out)).containsExactly(11L, 12L, 13L, 14L);
    assertAllGenuine(out);
  }

  @Test
  void aBlockWhoseBodiesKeepComingWrongIsGivenUpAndTheOthersGoOn() {
    LiveBlockDownloader d = downloader(BlockDownloadConfig.DEFAULT.withMaxBodyAttempts(2));
    d.download(hashes(5, 8));
    clients.openHeaderFor(chain.hash(5)).answer("p", List.of(chain.header(5)));
    clients.openHeaderFor(chain.hash(8)).answer("p", List.of(chain.header(8)));
    clients.openBodiesFor(chain.hash(8)).answer("p", List.of(chain.body(8)));
    clients.openBodiesFor(chain.hash(5)).answer("liar-1", List.of(TestBlocks.wrongBody(5)));
    clients.openBodiesFor(chain.hash(5)).answer("liar-2", List.of(TestBlocks.wrongBody(5)));

    List<BlockDownloadEvent> out = drain(d);
    assertThat(out).hasSize(2);
    assertThat(out.getFirst()).isInstanceOfSatisfying(BlockDownloadEvent.Failed.class, f -> {
      assertThat(f.hash()).isEqualTo(chain.hash(5));
      assertThat(f.number()).hasValue(5);
      assertThat(f.reason()).contains("2 attempts");
    });
    assertThat(numbers(out)).containsExactly(8L);
    assertThat(clients.reports).extracting(FakeBlockClients.Report::peer).containsExactly(PeerId.of("liar-1"), PeerId.of("liar-2"));
    assertThat(d.stats().failures()).isEqualTo(1);
  }

  @Test
  void aHeaderNoPeerHasFailsItsBlockAndNoLongerHoldsBackTheOthers() {
    LiveBlockDownloader d = downloader();
    Hash unknown = Hash.fromHex("0x" + "ab".repeat(32));
    Set<Hash> set = new LinkedHashSet<>(hashes(6));
    set.add(unknown);
    d.download(set);
    clients.openHeaderFor(chain.hash(6)).answer("p", List.of(chain.header(6)));
    clients.openBodiesFor(chain.hash(6)).answer("p", List.of(chain.body(6)));
    assertThat(drain(d)).as("the unknown hash may be lower").isEmpty();

    clients.openHeaderFor(unknown).fail(RequestFailure.Reason.RETRIES_EXHAUSTED);

    List<BlockDownloadEvent> out = drain(d);
    assertThat(out.getFirst()).isInstanceOfSatisfying(BlockDownloadEvent.Failed.class, f -> {
      assertThat(f.hash()).isEqualTo(unknown);
      assertThat(f.number()).isEmpty();
    });
    assertThat(numbers(out)).containsExactly(6L);
    assertThat(clients.bodyRequests).filteredOn(r -> r.request.hashes().contains(unknown))
        .singleElement().satisfies(r -> assertThat(r.cancelled).as("its body request is withdrawn").isTrue());
  }

  // ---------------------------------------------------------------- overlap and de-duplication

  @Test
  void askingForABlockInFlightJoinsItAndOneEmittedIsNotEmittedAgain() {
    LiveBlockDownloader d = downloader();
    assertThat(d.download(hashes(5))).isEqualTo(new Submission(1, 0, 0));
    int headersBefore = clients.headerRequests.size();
    int bodiesBefore = clients.bodyRequests.size();

    assertThat(d.download(hashes(5, 6))).isEqualTo(new Submission(1, 1, 0));
    assertThat(clients.headerRequests).hasSize(headersBefore + 1);
    assertThat(clients.bodyRequests).hasSize(bodiesBefore + 1);
    assertThat(clients.bodyRequestsFor(chain.hash(5))).isEqualTo(1);

    clients.serveAll(chain, "p", () -> {});
    assertThat(numbers(drain(d))).containsExactly(5L, 6L);
    assertThat(d.download(hashes(5))).isEqualTo(new Submission(0, 0, 1));
    assertThat(clients.openHeaders()).isEmpty();
    assertThat(drain(d)).isEmpty();
    assertThat(d.stats().attached()).isEqualTo(1);
    assertThat(d.stats().alreadyEmitted()).isEqualTo(1);
  }

  @Test
  void aRangeMeetingABlockOfASetInFlightTakesItOverInsteadOfAskingTwice() {
    LiveBlockDownloader d = downloader();
    d.download(hashes(15));
    var setHeader = clients.openHeaderFor(chain.hash(15));
    d.downloadRange(chain.hash(18), 6);
    var walk = clients.openHeaderFor(chain.hash(18));
    walk.answer("p", FakeBlockClients.honestHeaders(walk.request, chain));

    assertThat(setHeader.cancelled).as("the range brought 15's header").isTrue();
    clients.serveAll(chain, "p", () -> {});
    assertThat(numbers(drain(d))).isEqualTo(range(13, 18));
    assertThat(clients.bodyRequestsFor(chain.hash(15))).isEqualTo(1);
  }

  @Test
  void overlappingRequestsEmitEveryBlockOnceInAscendingOrder() {
    LiveBlockDownloader d = downloader(BlockDownloadConfig.DEFAULT.withMaxBodiesPerRequest(3));
    d.downloadRange(chain.hash(30), 12);
    d.download(hashes(25, 40, 19));
    d.downloadRange(chain.hash(27), 12);
    d.downloadRange(chain.hash(30), 5);
    // Answer in a scrambled order: newest requests first.
    while (!clients.openHeaders().isEmpty() || !clients.openBodies().isEmpty()) {
      if (!clients.openHeaders().isEmpty()) {
        var r = clients.openHeaders().getLast();
        r.answer("p", FakeBlockClients.honestHeaders(r.request, chain));
      } else {
        var r = clients.openBodies().getLast();
        r.answer("p", FakeBlockClients.honestBodies(r.request, chain));
      }
      drain(d);
    }

    List<Long> out = numbers(events);
    List<Long> expected = new ArrayList<>(range(16, 30));
    expected.add(40L);
    assertThat(out).isEqualTo(expected);
    assertAllGenuine(events);
    for (long n : expected) {
      assertThat(clients.bodyRequestsFor(chain.hash(n))).as("bodies requests for #%d", n).isEqualTo(1);
    }
    assertThat(d.stats().attached()).isPositive();
  }

  // ---------------------------------------------------------------- memory

  @Test
  void heldBlocksNeverPassTheLimit() {
    int limit = 4;
    LiveBlockDownloader d = downloader(BlockDownloadConfig.DEFAULT.withMaxHeldBlocks(limit).withMaxBodiesPerRequest(3));
    d.downloadRange(chain.hash(40), 30);
    d.download(hashes(45, 50));
    int[] worst = {0};
    clients.serveAll(chain, "p", () -> {
      worst[0] = Math.max(worst[0], clients.openBodyHashes());
      assertThat(d.stats().heldBlocks()).isLessThanOrEqualTo(limit);
      drain(d);
    });
    List<Long> expected = new ArrayList<>(range(11, 40));
    expected.addAll(List.of(45L, 50L));
    assertThat(numbers(events)).isEqualTo(expected);
    assertThat(worst[0]).isLessThanOrEqualTo(limit).isPositive();
    assertThat(d.stats().peakHeldBlocks()).isLessThanOrEqualTo(limit);
    assertThat(d.stats().heldLimit()).isEqualTo(limit);
  }

  @Test
  void anOwnerThatStopsPollingStopsTheDownload() {
    LiveBlockDownloader d = downloader(BlockDownloadConfig.DEFAULT.withMaxHeldBlocks(4).withMaxBodiesPerRequest(2));
    d.downloadRange(chain.hash(40), 20);
    clients.serveAll(chain, "p", () -> {});
    assertThat(clients.openBodies()).as("nothing asked while four blocks wait to be polled").isEmpty();
    assertThat(d.stats().heldBlocks()).isEqualTo(4);

    assertThat(numbers(drain(d))).isEqualTo(range(21, 24));
    assertThat(clients.openBodyHashes()).isEqualTo(4);
    clients.serveAll(chain, "p", () -> drain(d));
    assertThat(numbers(events)).isEqualTo(range(21, 40));
  }

  @Test
  void theHighestBufferedBlockMakesRoomForALowerOne() {
    LiveBlockDownloader d = downloader(BlockDownloadConfig.DEFAULT.withMaxHeldBlocks(2));
    d.download(hashes(5, 10, 11));
    // 5 and 10 got a body request with their header; 11 had no room.
    assertThat(clients.bodyRequests).hasSize(2);
    clients.openHeaderFor(chain.hash(10)).answer("p", List.of(chain.header(10)));
    clients.openHeaderFor(chain.hash(11)).answer("p", List.of(chain.header(11)));
    clients.openBodiesFor(chain.hash(10)).answer("p", List.of(chain.body(10)));
    clients.openBodiesFor(chain.hash(5)).fail(RequestFailure.Reason.NO_SUITABLE_PEER);
    clients.openBodiesFor(chain.hash(11)).answer("p", List.of(chain.body(11)));
    assertThat(drain(d)).as("10 and 11 wait for 5, whose number is not known").isEmpty();
    assertThat(d.stats().heldBlocks()).isEqualTo(2);

    clients.openHeaderFor(chain.hash(5)).answer("p", List.of(chain.header(5)));

    assertThat(d.stats().evictions()).isEqualTo(1);
    clients.serveAll(chain, "p", () -> drain(d));
    assertThat(numbers(events)).containsExactly(5L, 10L, 11L);
    assertThat(clients.bodyRequestsFor(chain.hash(11))).as("11 fetched again after eviction").isEqualTo(2);
    assertThat(d.stats().peakHeldBlocks()).isLessThanOrEqualTo(2);
  }

  @Test
  void theTrackedLimitRefusesWhatWouldPassIt() {
    LiveBlockDownloader d = downloader(BlockDownloadConfig.DEFAULT.withMaxTrackedBlocks(10));
    d.downloadRange(chain.hash(30), 8);
    assertThatThrownBy(() -> d.download(hashes(1, 2, 3))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("8 are tracked and the limit is 10");
    assertThat(clients.openHeaders()).hasSize(1);
    assertThat(d.download(hashes(1, 2))).isEqualTo(new Submission(2, 0, 0));
    assertThat(d.stats().trackedBlocks()).isEqualTo(10);
  }

  @Test
  void headerRequestsInFlightAreBounded() {
    BlockDownloadConfig c = new BlockDownloadConfig(256, 4096, 1024, 1024, 3, 64, 8, 6, 3, 4096);
    LiveBlockDownloader d = downloader(c);
    d.download(hashes(IntStream.rangeClosed(1, 10).mapToLong(i -> i).toArray()));
    assertThat(clients.openHeaders()).hasSize(3);
    clients.serveAll(chain, "p", () -> assertThat(clients.openHeaders().size()).isLessThanOrEqualTo(3));
    assertThat(numbers(drain(d))).isEqualTo(range(1, 10));
  }

  @Test
  void clearCancelsEverythingAndForgets() {
    LiveBlockDownloader d = downloader();
    d.download(hashes(3));
    d.downloadRange(chain.hash(20), 5);
    d.clear();
    assertThat(clients.openHeaders()).isEmpty();
    assertThat(clients.openBodies()).isEmpty();
    assertThat(d.stats().trackedBlocks()).isZero();
    assertThat(d.stats().heldBlocks()).isZero();
    d.close();
    assertThatThrownBy(() -> d.download(hashes(3))).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void aWrongHeaderForAHashIsReportedAndAskedAgain() {
    LiveBlockDownloader d = downloader();
    d.download(hashes(9));
    clients.openHeaderFor(chain.hash(9)).answer("liar", List.of(chain.header(8)));
    assertThat(clients.reports).extracting(FakeBlockClients.Report::peer).containsExactly(PeerId.of("liar"));
    clients.serveAll(chain, "p", () -> {});
    assertThat(numbers(drain(d))).containsExactly(9L);
  }

  @Test
  void configRejectsNonsense() {
    assertThatThrownBy(() -> BlockDownloadConfig.DEFAULT.withMaxHeldBlocks(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlockDownloadConfig(256, 100, 1024, 1024, 32, 64, 8, 6, 3, 4096))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRangeCount");
  }
}
