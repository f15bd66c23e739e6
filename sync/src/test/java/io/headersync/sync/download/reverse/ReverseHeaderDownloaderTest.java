package io.headersync.sync.download.reverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.Priority;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.download.DownloadEvent;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.download.reverse.testing.FakeHeadersClient;
import io.headersync.sync.download.reverse.testing.FakeHeadersClient.Req;
import io.headersync.sync.download.reverse.testing.TestChain;
import io.headersync.sync.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReverseHeaderDownloaderTest {

  private static final TestChain CHAIN = TestChain.of(1000);
  private static final ReverseConfig SMALL = ReverseConfig.DEFAULT.withRequestLimit(10).withConcurrency(2, 4)
      .withMaxBufferedHeaders(40).withMaxBatchHeaders(10);

  private final ManualScheduler loop = new ManualScheduler();
  private final FakeHeadersClient client = new FakeHeadersClient();
  private final Map<Hash, BlockHeader> stored = new HashMap<>();
  private int peers = 1;
  private int notifications;

  private ReverseHeaderDownloader downloader(ReverseConfig config) {
    ReverseHeaderDownloader d = new ReverseHeaderDownloader(config, client, TestChain.validator(CHAIN.genesis()), loop,
        () -> peers, hash -> Optional.ofNullable(stored.get(hash)));
    d.setProgressListener(() -> notifications++);
    return d;
  }

  /** Polls everything ready; returns the events, batches flattened into the list of headers handed out. */
  private static List<DownloadEvent> pollAll(ReverseHeaderDownloader d, List<BlockHeader> out) {
    List<DownloadEvent> events = new ArrayList<>();
    for (Optional<DownloadEvent> e = d.poll(); e.isPresent(); e = d.poll()) {
      events.add(e.get());
      if (e.get() instanceof DownloadEvent.BatchReady b) {
        if (!out.isEmpty()) {
          assertThat(b.batch().last().hash()).as("batches descend and link").isEqualTo(out.getFirst().parentHash());
        }
        out.addAll(0, b.batch().headers());
      }
    }
    return events;
  }

  /** Answers honestly and polls until the target is reached; returns every event polled. */
  private List<DownloadEvent> finish(ReverseHeaderDownloader d, TestChain chain, List<BlockHeader> out) {
    List<DownloadEvent> events = new ArrayList<>();
    for (int round = 0; round < 1000; round++) {
      client.drain(r -> FakeHeadersClient.honest(r, chain), "honest");
      events.addAll(pollAll(d, out));
      if (!events.isEmpty() && events.getLast() instanceof DownloadEvent.TargetReached) {
        return events;
      }
    }
    throw new AssertionError("target not reached; events " + events);
  }

  @Test
  void resolvesTheTargetByHashThenWalksDownToTheLocalHead() {
    ReverseHeaderDownloader d = downloader(SMALL);
    d.setLocalHead(CHAIN.get(950));
    d.setTarget(SyncTarget.of(CHAIN.get(1000).hash()));

    assertThat(client.requests).hasSize(1);
    Req resolve = client.requests.getFirst();
    assertThat(resolve.byHash()).isTrue();
    assertThat(resolve.options.priority()).isEqualTo(Priority.HIGH);
    client.serve(resolve, "p1", CHAIN);

    List<Req> ranges = client.open();
    assertThat(ranges).extracting(r -> r.request.toString())
        .containsExactly("headers(#999, limit 10, skip 0, reverse)", "headers(#989, limit 10, skip 0, reverse)");
    List<BlockHeader> out = new ArrayList<>();
    List<DownloadEvent> events = new ArrayList<>();
    while (!client.open().isEmpty()) {
      client.serve(client.open().getFirst(), "p1", CHAIN);
      events.addAll(pollAll(d, out));
    }
    assertThat(out).containsExactlyElementsOf(CHAIN.headers().subList(951, 1001));
    assertThat(events.getLast()).isInstanceOf(DownloadEvent.TargetReached.class);
    assertThat(client.reports).isEmpty();
    assertThat(d.stats().headersHandedOut()).isEqualTo(50);
    assertThat(d.stats().bufferedHeaders()).isZero();
    assertThat(notifications).isPositive();
  }

  @Test
  void aTargetAlreadyStoredCostsNoRequest() {
    stored.put(CHAIN.get(1000).hash(), CHAIN.get(1000));
    ReverseHeaderDownloader d = downloader(SMALL);
    d.setLocalHead(CHAIN.get(990));
    d.setTarget(SyncTarget.of(CHAIN.get(1000).hash(), 1000));
    assertThat(client.requests).singleElement().satisfies(r -> assertThat(r.byHash()).isFalse());
    assertThat(client.requests.getFirst().top()).isEqualTo(999);
  }

  @Test
  void answersArriveInAnyOrderAndLeaveHighestFirst() {
    peers = 2;
    ReverseHeaderDownloader d = downloader(SMALL);
    d.setLocalHead(CHAIN.get(960));
    d.setTarget(SyncTarget.of(CHAIN.get(1000).hash()));
    client.serve(client.requests.getFirst(), "p1", CHAIN);
    List<Req> ranges = client.open();
    assertThat(ranges).extracting(Req::top).containsExactly(999L, 989L, 979L, 969L);

    List<BlockHeader> out = new ArrayList<>();
    assertThat(pollAll(d, out)).hasSize(1); // the target alone
    client.serve(ranges.get(3), "p1", CHAIN);
    client.serve(ranges.get(1), "p1", CHAIN);
    assertThat(pollAll(d, out)).as("nothing leaves the heap while the top range is missing").isEmpty();
    assertThat(d.stats().bufferedHeaders()).isEqualTo(19); // 10 + the 9 of 961..969
    client.serve(ranges.get(0), "p1", CHAIN);
    pollAll(d, out);
    assertThat(out).extracting(BlockHeader::number).first().isEqualTo(980L);
    client.serve(ranges.get(2), "p1", CHAIN);
    List<DownloadEvent> last = pollAll(d, out);
    assertThat(out).containsExactlyElementsOf(CHAIN.headers().subList(961, 1001));
    assertThat(last.getLast()).isInstanceOf(DownloadEvent.TargetReached.class);
  }

  @Test
  void aShortAnswerIsKeptAndOnlyTheRestIsAskedAgain() {
    ReverseHeaderDownloader d = downloader(SMALL);
    d.setLocalHead(CHAIN.get(980));
    d.setTarget(SyncTarget.of(CHAIN.get(1000).hash()));
    client.serve(client.requests.getFirst(), "p1", CHAIN);
    Req first = client.open().getFirst();
    client.answer(first, "p1", CHAIN.descending(999, 4));
    List<Req> open = client.open();
    assertThat(open).extracting(r -> r.request.toString())
        .contains("headers(#995, limit 6, skip 0, reverse)");
    assertThat(client.reports).isEmpty();
    List<BlockHeader> out = new ArrayList<>();
    pollAll(d, out);
    assertThat(out).extracting(BlockHeader::number).containsExactly(996L, 997L, 998L, 999L, 1000L);
    client.drain(r -> FakeHeadersClient.honest(r, CHAIN), "p2");
    List<DownloadEvent> events = pollAll(d, out);
    assertThat(out).containsExactlyElementsOf(CHAIN.headers().subList(981, 1001));
    assertThat(events.getLast()).isInstanceOf(DownloadEvent.TargetReached.class);
  }

  @Test
  void wrongAnswersAreReportedAndTheirRangeIsAskedAgain() {
    TestChain other = CHAIN.fork(900, 1000, "other");
    ReverseHeaderDownloader d = downloader(SMALL);
    d.setLocalHead(CHAIN.get(950));
    d.setTarget(SyncTarget.of(CHAIN.get(1000).hash()));
    client.serve(client.requests.getFirst(), "good", CHAIN);

    Req r1 = client.open().getFirst();
    client.answer(r1, "forker", other.descending(999, 10)); // links inside, not to our chain
    assertThat(client.reports).singleElement().satisfies(rep -> {
      assertThat(rep.peer().value()).isEqualTo("forker");
      assertThat(rep.offence()).isEqualTo(Offence.WRONG_DATA);
      assertThat(rep.detail()).contains("not the parent");
    });
    Req again = client.open().stream().filter(r -> r.top() == 999).findFirst().orElseThrow();
    assertThat(again.options.priority()).isEqualTo(Priority.HIGH);

    client.answer(again, "gapper", List.of(CHAIN.get(999), CHAIN.get(997)));
    client.answer(client.open().stream().filter(r -> r.top() == 999).findFirst().orElseThrow(), "liar",
        CHAIN.descending(998, 10));
    client.answer(client.open().stream().filter(r -> r.top() == 999).findFirst().orElseThrow(), "flooder",
        CHAIN.descending(999, 11));
    client.answer(client.open().stream().filter(r -> r.top() == 999).findFirst().orElseThrow(), "empty", List.of());
    List<BlockHeader> broken = new ArrayList<>(CHAIN.descending(999, 10));
    broken.set(5, other.get(994));
    client.answer(client.open().stream().filter(r -> r.top() == 999).findFirst().orElseThrow(), "breaker", broken);
    assertThat(client.reports).extracting(rep -> rep.peer().value() + ":" + rep.offence())
        .containsExactly("forker:WRONG_DATA", "gapper:WRONG_DATA", "liar:WRONG_DATA", "flooder:WRONG_DATA",
            "empty:USELESS_RESPONSE", "breaker:WRONG_DATA");
    assertThat(d.stats().responsesRejected()).isEqualTo(6);

    List<BlockHeader> out = new ArrayList<>();
    List<DownloadEvent> events = finish(d, CHAIN, out);
    assertThat(out).containsExactlyElementsOf(CHAIN.headers().subList(951, 1001));
    assertThat(events.getLast()).isInstanceOf(DownloadEvent.TargetReached.class);
  }

  /** From block 980 toward {@code chain}'s block 1000, the target resolved by "p1"; the ranges below are asked. */
  private ReverseHeaderDownloader resolvedToward(TestChain chain) {
    ReverseHeaderDownloader d = downloader(SMALL);
    d.setLocalHead(chain.get(980));
    d.setTarget(SyncTarget.of(chain.get(1000).hash()));
    client.serve(client.requests.getFirst(), "p1", chain);
    return d;
  }

  @Test
  void aTargetWhoseOwnChainBreaksARuleStopsTheWalkNamingTheBlockAndBlamesNoPeer() {
    TestChain bad = CHAIN.withBadTimestampAt(995);
    ReverseHeaderDownloader d = resolvedToward(bad);
    int notified = notifications;
    client.serve(client.open().getFirst(), "p1", bad); // 999..990: block 995 has its parent's timestamp

    assertThat(notifications).isGreaterThan(notified);
    List<BlockHeader> out = new ArrayList<>();
    List<DownloadEvent> events = pollAll(d, out);
    assertThat(events).last().isInstanceOfSatisfying(DownloadEvent.TargetChainInvalid.class, e -> {
      assertThat(e.number()).isEqualTo(995);
      assertThat(e.hash()).isEqualTo(bad.get(995).hash());
      assertThat(e.target().hash()).isEqualTo(bad.get(1000).hash());
      assertThat(e.reason()).contains("block 995").contains("timestamp");
    });
    assertThat(out).as("nothing of the invalid chain is handed out, not even the target").isEmpty();
    assertThat(client.reports).as("the peer sent what the target names: no one lied").isEmpty();
    assertThat(client.open()).as("every request still open was cancelled").isEmpty();

    // Every peer would send the same header: nothing more is asked, however long the loop runs.
    int asked = client.requests.size();
    for (int i = 0; i < 5; i++) {
      loop.advance(Duration.ofSeconds(10));
      client.drain(r -> FakeHeadersClient.honest(r, bad), "p2");
    }
    assertThat(client.requests).hasSize(asked);
    assertThat(d.poll()).as("the event is handed out once").isEmpty();
    assertThat(d.stats().bufferedHeaders()).isZero();

    // A new target starts a new walk.
    d.setTarget(SyncTarget.of(CHAIN.get(1000).hash()));
    client.serve(client.requests.getLast(), "p1", CHAIN);
    List<BlockHeader> good = new ArrayList<>();
    assertThat(finish(d, CHAIN, good).getLast()).isInstanceOf(DownloadEvent.TargetReached.class);
    assertThat(good).containsExactlyElementsOf(CHAIN.headers().subList(981, 1001));
  }

  @Test
  void aTargetBreakingARuleAgainstItsOwnParentStopsTheWalkToo() {
    TestChain bad = CHAIN.withBadTimestampAt(1000);
    ReverseHeaderDownloader d = resolvedToward(bad);
    client.serve(client.open().getFirst(), "p1", bad); // 999..990 link fine; 1000 against 999 does not

    List<DownloadEvent> events = pollAll(d, new ArrayList<>());
    assertThat(events).last().isInstanceOfSatisfying(DownloadEvent.TargetChainInvalid.class,
        e -> assertThat(e.number()).isEqualTo(1000));
    assertThat(client.reports).isEmpty();
    assertThat(client.open()).isEmpty();
  }

  @Test
  void theBufferLimitHoldsWhateverTheOrderOfAnswers() {
    for (int seed = 0; seed < 20; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      FakeHeadersClient c = new FakeHeadersClient();
      peers = 1 + random.nextInt(8);
      ReverseConfig config = ReverseConfig.DEFAULT.withRequestLimit(7).withConcurrency(2, 6).withMaxBufferedHeaders(30)
          .withMaxBatchHeaders(5);
      ReverseHeaderDownloader d = new ReverseHeaderDownloader(config, c, TestChain.validator(CHAIN.genesis()), loop,
          () -> peers, hash -> Optional.empty());
      d.setLocalHead(CHAIN.get(700));
      d.setTarget(SyncTarget.of(CHAIN.get(1000).hash()));
      List<BlockHeader> out = new ArrayList<>();
      boolean reached = false;
      int steps = 0;
      while (!reached) {
        assertThat(++steps).as("seed %d makes progress", seed).isLessThan(10_000);
        List<Req> open = c.open();
        assertThat(open.size()).as("seed %d concurrency", seed).isLessThanOrEqualTo(config.concurrencyFor(peers) + 1);
        if (!open.isEmpty()) {
          Req r = open.get(random.nextInt(open.size()));
          List<BlockHeader> answer = FakeHeadersClient.honest(r, CHAIN);
          int kind = random.nextInt(10);
          if (kind == 0 && !r.byHash()) {
            answer = answer.subList(0, 1 + random.nextInt(answer.size()));
          } else if (kind == 1 && !r.byHash()) {
            answer = new ArrayList<>(answer);
            Collections.reverse(answer);
          }
          c.answer(r, "p" + random.nextInt(3), answer);
        }
        assertThat(d.reservedHeaders()).as("seed %d reserved", seed).isLessThanOrEqualTo(config.maxBufferedHeaders());
        if (random.nextInt(3) == 0 || open.isEmpty()) {
          for (DownloadEvent e : pollAll(d, out)) {
            reached |= e instanceof DownloadEvent.TargetReached;
          }
        }
      }
      assertThat(out).as("seed %d", seed).containsExactlyElementsOf(CHAIN.headers().subList(701, 1001));
      assertThat(d.stats().peakBufferedHeaders()).as("seed %d peak", seed).isPositive()
          .isLessThanOrEqualTo(config.maxBufferedHeaders());
      assertThat(d.stats().bufferLimitHeaders()).isEqualTo(30);
    }
  }

  @Test
  void concurrencyScalesWithUsablePeersWithinBounds() {
    ReverseConfig config = ReverseConfig.DEFAULT.withRequestLimit(10).withConcurrency(2, 5).withMaxBufferedHeaders(1000);
    assertThat(config.concurrencyFor(0)).isEqualTo(2);
    assertThat(config.concurrencyFor(2)).isEqualTo(4);
    assertThat(config.concurrencyFor(100)).isEqualTo(5);
    peers = 2;
    ReverseHeaderDownloader d = downloader(config);
    d.setLocalHead(CHAIN.get(0));
    d.setTarget(SyncTarget.of(CHAIN.get(1000).hash()));
    client.serve(client.requests.getFirst(), "p1", CHAIN);
    assertThat(client.open()).hasSize(4);
    peers = 50;
    client.serve(client.open().getFirst(), "p1", CHAIN);
    assertThat(client.open()).hasSize(5);
    assertThat(d.stats().inFlightRequests()).isEqualTo(5);
  }

  @Test
  void aChainNotAttachingToTheLocalHeadAsksForGrowingUnwinds() {
    TestChain local = CHAIN.fork(960, 990, "local");
    ReverseHeaderDownloader d = downloader(SMALL.withMaxUnwindStep(8));
    d.setLocalHead(local.get(990));
    d.setTarget(SyncTarget.of(CHAIN.get(1000).hash()));
    List<BlockHeader> out = new ArrayList<>();
    List<Long> unwinds = new ArrayList<>();
    boolean reached = false;
    while (!reached) {
      client.drain(r -> FakeHeadersClient.honest(r, CHAIN), "p1");
      for (DownloadEvent e : pollAll(d, out)) {
        if (e instanceof DownloadEvent.UnwindNeeded u) {
          unwinds.add(u.toNumber());
          assertThat(client.open()).as("nothing is asked while waiting for the unwind").isEmpty();
          d.setLocalHead(local.get(u.toNumber()));
        }
        reached |= e instanceof DownloadEvent.TargetReached;
      }
    }
    // 990 -1 -> 989 -2 -> 987 -4 -> 983 -8 -> 975 -8 -> 967 -8 -> 959 (below the fork at 960)
    assertThat(unwinds).containsExactly(989L, 987L, 983L, 975L, 967L, 959L);
    assertThat(out).containsExactlyElementsOf(CHAIN.headers().subList(960, 1001));
  }

  @Test
  void aTargetBelowTheLocalHeadAsksForAnUnwindBelowIt() {
    TestChain local = CHAIN.fork(500, 1000, "local");
    ReverseHeaderDownloader d = downloader(SMALL);
    d.setLocalHead(local.get(1000));
    d.setTarget(SyncTarget.of(CHAIN.get(990).hash()));
    client.serve(client.requests.getFirst(), "p1", CHAIN);
    List<BlockHeader> out = new ArrayList<>();
    List<DownloadEvent> events = pollAll(d, out);
    assertThat(out).containsExactly(CHAIN.get(990));
    assertThat(events.getLast()).isEqualTo(new DownloadEvent.UnwindNeeded(989,
        "the target chain reaches block 990 at or below the local head 1000"));
  }

  @Test
  void aFailedRequestIsAskedAgainAfterTheDelay() {
    ReverseHeaderDownloader d = downloader(SMALL);
    d.setLocalHead(CHAIN.get(995));
    d.setTarget(SyncTarget.of(CHAIN.get(1000).hash()));
    client.serve(client.requests.getFirst(), "p1", CHAIN);
    Req r = client.open().getFirst();
    client.fail(r, RequestFailure.Reason.RETRIES_EXHAUSTED);
    assertThat(client.open()).isEmpty();
    assertThat(d.reservedHeaders()).as("the range keeps its room while it waits").isEqualTo(5);
    loop.advance(SMALL.failureRetryDelay());
    assertThat(client.open()).singleElement().satisfies(again -> assertThat(again.top()).isEqualTo(999));
    assertThat(client.reports).isEmpty();
  }

  @Test
  void aNewTargetAbandonsTheWalkAndIgnoresLateAnswers() {
    TestChain reorg = CHAIN.fork(990, 1002, "reorg");
    ReverseHeaderDownloader d = downloader(SMALL);
    d.setLocalHead(CHAIN.get(950));
    d.setTarget(SyncTarget.of(CHAIN.get(1000).hash()));
    client.serve(client.requests.getFirst(), "p1", CHAIN);
    List<Req> old = client.open();
    d.setTarget(SyncTarget.of(reorg.get(1002).hash()));
    assertThat(old).allMatch(r -> r.cancelled);
    List<BlockHeader> out = new ArrayList<>();
    List<DownloadEvent> events = finish(d, reorg, out);
    assertThat(out).containsExactlyElementsOf(reorg.headers().subList(951, 1003));
    assertThat(events.getLast()).isInstanceOf(DownloadEvent.TargetReached.class);
  }

  @Test
  void aTargetThatIsTheLocalHeadIsReachedAtOnce() {
    ReverseHeaderDownloader d = downloader(SMALL);
    d.setLocalHead(CHAIN.get(1000));
    d.setTarget(SyncTarget.of(CHAIN.get(1000).hash()));
    assertThat(client.requests).isEmpty();
    assertThat(d.poll()).containsInstanceOf(DownloadEvent.TargetReached.class);
    assertThat(d.poll()).isEmpty();
  }

  @Test
  void anUnresolvableTargetIsAskedAgainAfterTheDelay() {
    ReverseHeaderDownloader d = downloader(SMALL);
    d.setLocalHead(CHAIN.get(900));
    d.setTarget(SyncTarget.of(CHAIN.get(1000).hash(), 1000));
    Req first = client.requests.getFirst();
    assertThat(first.options.requiredRange()).hasValueSatisfying(range -> assertThat(range.first()).isEqualTo(1000));
    client.answer(first, "liar", List.of(CHAIN.get(999)));
    assertThat(client.reports).singleElement().satisfies(rep -> assertThat(rep.offence()).isEqualTo(Offence.WRONG_DATA));
    Req second = client.open().getFirst();
    client.fail(second, RequestFailure.Reason.NO_SUITABLE_PEER);
    assertThat(client.open()).isEmpty();
    loop.advance(Duration.ofSeconds(1));
    assertThat(client.open()).singleElement().satisfies(r -> assertThat(r.byHash()).isTrue());
  }
}
