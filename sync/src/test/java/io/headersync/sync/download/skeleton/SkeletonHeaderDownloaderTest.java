package io.headersync.sync.download.skeleton;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.Priority;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.download.DownloadEvent;
import io.headersync.sync.download.HeaderDownloader;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.testing.ManualScheduler;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkeletonHeaderDownloaderTest {

  /** Short strides and few requests at once, so a 1,000-block sync takes many round trips. */
  private static final SkeletonConfig SMALL = SkeletonConfig.DEFAULT.withStride(32).withMaxInFlightRequests(16)
      .withMaxAnchorsForSkeleton(16);

  private final List<BlockHeader> main = TestChains.main(1_000);
  private final ManualScheduler loop = new ManualScheduler();
  private final InMemoryHeaderStore store = storeWith(main.subList(0, 1));

  @Test
  void startsWithTheTargetAndASkeletonBetweenHeadAndTarget() {
    FakeHeadersClient client = new FakeHeadersClient();
    SkeletonHeaderDownloader d = downloader(SMALL, client);
    start(d, main.get(1_000));

    assertThat(d.direction()).isEqualTo(HeaderDownloader.Direction.ASCENDING);
    FakeHeadersClient.Sent target = client.sent.get(0);
    assertThat(target.request.origin()).isEqualTo(BlockOrigin.hash(main.get(1_000).hash()));
    assertThat(target.request.reverse()).isTrue();
    assertThat(target.request.limit()).isEqualTo(32);
    assertThat(target.options.priority()).isEqualTo(Priority.HIGH);

    FakeHeadersClient.Sent skeleton = client.openWithSkip().getFirst();
    assertThat(skeleton.request.origin()).isEqualTo(BlockOrigin.number(32));
    assertThat(skeleton.request.skip()).isEqualTo(31);
    assertThat(skeleton.request.reverse()).isFalse();
    assertThat(skeleton.request.limit()).isEqualTo(31);  // 32, 64, ... 992: below the target
    assertThat(d.stats().inFlightRequests()).isEqualTo(2);
  }

  @Test
  void skeletonHeadersBecomeAnchorsThatAreExtendedDownToTheOneBelow() {
    FakeHeadersClient client = new FakeHeadersClient();
    SkeletonHeaderDownloader d = downloader(SMALL, client);
    start(d, main.get(1_000));
    answerSkeleton(client, 32, 64, 96);

    assertThat(d.skeletonStats().anchors()).isEqualTo(3);
    List<FakeHeadersClient.Sent> extensions = client.open().stream()
        .filter(s -> s.request.origin() instanceof BlockOrigin.ByHash h && !h.hash().equals(main.get(1_000).hash())).toList();
    assertThat(extensions).extracting(s -> s.request.origin())
        .containsExactly(BlockOrigin.hash(main.get(31).hash()), BlockOrigin.hash(main.get(63).hash()), BlockOrigin.hash(main.get(95).hash()));
    // The lowest reaches just above the head; the others reach the skeleton header below them.
    assertThat(extensions).extracting(s -> s.request.limit()).containsExactly(31, 32, 32);
    assertThat(extensions).allSatisfy(s -> assertThat(s.request.reverse()).isTrue());

    extensions.get(1).answer("b", main.subList(32, 64).reversed());
    assertThat(d.skeletonStats().anchors()).isEqualTo(2);
    assertThat(d.skeletonStats().connected()).isEqualTo(1);
    assertThat(d.poll()).isEmpty();

    extensions.get(0).answer("c", main.subList(1, 32).reversed());
    Optional<DownloadEvent> event = d.poll();
    assertThat(event).get().isInstanceOfSatisfying(DownloadEvent.BatchReady.class,
        b -> assertThat(b.batch().headers()).containsExactlyElementsOf(main.subList(1, 64)));
    assertThat(d.stats().headersHandedOut()).isEqualTo(63);
  }

  @Test
  void theNextSkeletonStartsAboveTheGroundTheLastOneMapped() {
    FakeHeadersClient client = new FakeHeadersClient();
    SkeletonHeaderDownloader d = downloader(SMALL, client);
    start(d, main.get(1_000));
    answerSkeleton(client, 32, 64, 96);

    List<FakeHeadersClient.Sent> next = client.openWithSkip();
    assertThat(next).hasSize(1);
    assertThat(next.getFirst().request.origin()).isEqualTo(BlockOrigin.number(128));
    assertThat(next.getFirst().request.limit()).isEqualTo(28); // 128, 160, ... 992
  }

  @Test
  void afterAnAnchorIsLostTheNextSkeletonStartsAtTheHeadAgain() {
    FakeHeadersClient client = new FakeHeadersClient();
    SkeletonConfig config = SMALL.withAnchorInvalidationFailures(1);
    SkeletonHeaderDownloader d = downloader(config, client);
    start(d, main.get(1_000));
    answerSkeleton(client, 32, 64, 96);
    FakeHeadersClient.Sent second = client.openWithSkip().getFirst();
    assertThat(second.request.origin()).isEqualTo(BlockOrigin.number(128));
    second.fail(RequestFailure.Reason.RETRIES_EXHAUSTED);
    extensionFor(client, main.get(63).hash()).fail(RequestFailure.Reason.RETRIES_EXHAUSTED);
    assertThat(d.skeletonStats().anchorsInvalidated()).isEqualTo(1);

    // Block 64's anchor went with the links below it: the ground from the head up is mapped anew.
    assertThat(client.openWithSkip()).extracting(s -> s.request.origin()).containsExactly(BlockOrigin.number(32));
  }

  @Test
  void requestsInFlightScaleWithTheUsablePeers() {
    FakeHeadersClient client = new FakeHeadersClient();
    SkeletonHeaderDownloader d = new SkeletonHeaderDownloader(SMALL, client, loop, store, TestChains.validator(), null, () -> 3);
    start(d, main.get(1_000));
    answerSkeleton(client, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320);

    assertThat(SMALL.concurrencyFor(3)).isEqualTo(6);
    assertThat(client.open()).hasSize(6);
    assertThat(d.stats().inFlightRequests()).isEqualTo(6);
  }

  @Test
  void noSkeletonWhileAnchorsAreMany() {
    FakeHeadersClient client = new FakeHeadersClient();
    SkeletonHeaderDownloader d = downloader(SMALL.withMaxAnchorsForSkeleton(2), client);
    start(d, main.get(1_000));
    answerSkeleton(client, 32, 64, 96);
    loop.advance(Duration.ofMinutes(1));
    assertThat(client.sent.stream().filter(s -> s.request.skip() > 0)).hasSize(1);
    assertThat(d.skeletonStats().skeletonRequests()).isEqualTo(1);
  }

  @Test
  void aSkeletonIsRepeatedOnlyAfterItsIntervalWhenAnchorsAreFew() {
    FakeHeadersClient client = new FakeHeadersClient();
    SkeletonHeaderDownloader d = downloader(SMALL, client);
    start(d, main.get(1_000));
    client.openWithSkip().getFirst().fail(RequestFailure.Reason.RETRIES_EXHAUSTED);
    assertThat(client.openWithSkip()).isEmpty();
    loop.advance(SMALL.skeletonRepeatInterval().minusMillis(1));
    assertThat(client.openWithSkip()).isEmpty();
    loop.advance(Duration.ofMillis(1));
    assertThat(client.openWithSkip()).hasSize(1);
  }

  @Test
  void anAnchorNobodyExtendsIsGivenUpAfterTheConfiguredFailuresAndItsSupplierReported() {
    FakeHeadersClient client = new FakeHeadersClient();
    SkeletonConfig config = SMALL.withAnchorInvalidationFailures(3);
    SkeletonHeaderDownloader d = downloader(config, client);
    start(d, main.get(1_000));
    BlockHeader madeUp = TestChains.child(TestChains.child(main.get(498), 1_000, 77), 1_000, 77);
    client.openWithSkip().getFirst().answer("liar", List.of(madeUp));
    Hash waitedFor = madeUp.parentHash();

    for (int round = 1; round <= 3; round++) {
      FakeHeadersClient.Sent ext = extensionFor(client, waitedFor);
      assertThat(ext).as("round " + round).isNotNull();
      ext.fail(RequestFailure.Reason.RETRIES_EXHAUSTED);
      if (round < 3) {
        assertThat(extensionFor(client, waitedFor)).as("waits before retrying").isNull();
        loop.advance(config.anchorRetryInterval());
      }
    }
    assertThat(d.skeletonStats().anchors()).isZero();
    assertThat(d.skeletonStats().anchorsInvalidated()).isEqualTo(1);
    assertThat(client.reports).singleElement().satisfies(r -> {
      assertThat(r.peer()).isEqualTo(PeerId.of("liar"));
      assertThat(r.offence()).isEqualTo(Offence.WRONG_DATA);
    });
    loop.advance(Duration.ofMinutes(1));
    assertThat(extensionFor(client, waitedFor)).isNull();
  }

  @Test
  void aFullQueueIsNotCountedAgainstTheAnchor() {
    FakeHeadersClient client = new FakeHeadersClient();
    SkeletonConfig config = SMALL.withAnchorInvalidationFailures(1);
    SkeletonHeaderDownloader d = downloader(config, client);
    start(d, main.get(1_000));
    client.openWithSkip().getFirst().answer("a", List.of(main.get(500)));
    extensionFor(client, main.get(499).hash()).fail(RequestFailure.Reason.QUEUE_FULL);
    assertThat(d.skeletonStats().anchors()).isEqualTo(1);
    assertThat(client.reports).isEmpty();
  }

  @Test
  void syncsToTheTargetThroughSkeletonAndExtensions() {
    ServingClient client = new ServingClient(loop).serve("p1", main).serve("p2", main);
    SkeletonHeaderDownloader d = downloader(SMALL, client);
    StoreDriver driver = new StoreDriver(d, store);
    start(d, main.get(1_000));
    loop.runUntilIdle(Duration.ofMinutes(10));

    assertThat(driver.targetReached()).isTrue();
    assertCanonical(main);
    assertThat(d.skeletonStats().skeletonRequests()).isPositive();
    assertThat(d.skeletonStats().connected()).isPositive();
    assertThat(d.stats().bufferedHeaders()).isZero();
    assertThat(d.stats().peakBufferedHeaders()).isLessThanOrEqualTo(d.stats().bufferLimitHeaders());
    assertThat(client.reports).isEmpty();
  }

  @Test
  void aTightLinkLimitHoldsThroughoutAndTheSyncStillFinishes() {
    ServingClient client = new ServingClient(loop).serve("p1", main).serve("p2", main);
    SkeletonConfig config = SkeletonConfig.DEFAULT.withStride(16).withLinkLimit(40).withPersistedLinkLimit(8);
    SkeletonHeaderDownloader d = downloader(config, client);
    StoreDriver driver = new StoreDriver(d, store);
    start(d, main.get(1_000));
    loop.runUntilIdle(Duration.ofMinutes(30));

    assertThat(driver.targetReached()).isTrue();
    assertCanonical(main);
    assertThat(d.stats().peakBufferedHeaders()).isLessThanOrEqualTo(40);
    assertThat(d.skeletonStats().peakPersistedLinks()).isLessThanOrEqualTo(8);
    assertThat(d.skeletonStats().pendingLinksEvicted()).isPositive();
    assertThat(d.skeletonStats().persistedLinksEvicted()).isPositive();
  }

  @Test
  void aHeavierBranchBelowTheHeadUnwindsTheStoreToTheForkingPoint() {
    InMemoryHeaderStore local = storeWith(main.subList(0, 61));
    List<BlockHeader> heavier = new ArrayList<>(main.subList(0, 41));
    heavier.addAll(TestChains.extend(main.get(40), 30, 2_000, 1));
    ServingClient client = new ServingClient(loop).serve("p1", heavier);
    SkeletonHeaderDownloader d = new SkeletonHeaderDownloader(SMALL, client, loop, local, TestChains.validator());
    StoreDriver driver = new StoreDriver(d, local);
    d.setLocalHead(local.canonicalHeader(60).orElseThrow());
    d.setTarget(SyncTarget.of(heavier.getLast().hash()));
    loop.runUntilIdle(Duration.ofMinutes(10));

    assertThat(driver.unwinds()).containsExactly(40L);
    assertThat(driver.targetReached()).isTrue();
    assertThat(d.skeletonStats().unwindsRequested()).isEqualTo(1);
    for (BlockHeader h : heavier) {
      assertThat(local.canonicalHash(h.number())).contains(h.hash());
    }
    assertThat(local.head().orElseThrow().number()).isEqualTo(70);
  }

  @Test
  void aLighterBranchServedByOnePeerIsNeverStoredAndThatPeerIsReportedOnceTheTargetIsReached() {
    List<BlockHeader> lighter = new ArrayList<>(main.subList(0, 301));
    lighter.addAll(TestChains.extend(main.get(300), 400, 500, 9));
    ServingClient client = new ServingClient(loop).serve("honest", main).serve("forker", lighter);
    SkeletonHeaderDownloader d = downloader(SMALL, client);
    StoreDriver driver = new StoreDriver(d, store);
    start(d, main.get(1_000));
    loop.runUntilIdle(Duration.ofMinutes(10));

    assertThat(driver.targetReached()).isTrue();
    assertCanonical(main);
    assertThat(client.reported("forker")).isTrue();
    assertThat(client.reported("honest")).isFalse();
    assertThat(d.stats().bufferedHeaders()).isZero();
    assertThat(d.stats().inFlightRequests()).isZero();
  }

  @Test
  void withoutDifficultyALongerBranchLosesToTheTarget() {
    List<BlockHeader> flat = new ArrayList<>(List.of(TestChains.GENESIS));
    flat.addAll(TestChains.extend(TestChains.GENESIS, 300, 0, 0));
    List<BlockHeader> longer = new ArrayList<>(flat.subList(0, 101));
    longer.addAll(TestChains.extend(flat.get(100), 250, 0, 6));
    ServingClient client = new ServingClient(loop).serve("forker", longer).serve("honest", flat);
    SkeletonHeaderDownloader d = downloader(SMALL, client);
    StoreDriver driver = new StoreDriver(d, store);
    start(d, flat.getLast());
    loop.runUntilIdle(Duration.ofMinutes(10));

    assertThat(driver.targetReached()).isTrue();
    assertCanonical(flat);
    assertThat(client.reported("forker")).isTrue();
    assertThat(client.reported("honest")).isFalse();
  }

  @Test
  void aRestartedDownloaderGoesOnFromTheStoredHead() {
    ServingClient client = new ServingClient(loop).serve("p1", main);
    SkeletonHeaderDownloader first = downloader(SMALL, client);
    new StoreDriver(first, store);
    start(first, main.get(1_000));
    while (store.head().orElseThrow().number() < 300) {
      loop.advance(Duration.ofMillis(10));
    }
    first.close();
    long stopped = store.head().orElseThrow().number();
    assertThat(stopped).isBetween(300L, 999L);

    SkeletonHeaderDownloader second = downloader(SMALL, client);
    StoreDriver driver = new StoreDriver(second, store);
    second.setLocalHead(store.canonicalHeader(stopped).orElseThrow());
    second.setTarget(SyncTarget.of(main.get(1_000).hash(), 1_000));
    loop.runUntilIdle(Duration.ofMinutes(10));
    assertThat(driver.targetReached()).isTrue();
    assertCanonical(main);
    assertThat(second.stats().headersHandedOut()).isEqualTo(1_000 - stopped);
  }

  @Test
  void closingCancelsWhatIsInFlight() {
    FakeHeadersClient client = new FakeHeadersClient();
    SkeletonHeaderDownloader d = downloader(SMALL, client);
    start(d, main.get(1_000));
    assertThat(client.open()).isNotEmpty();
    d.close();
    assertThat(client.open()).isEmpty();
    assertThat(d.poll()).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private SkeletonHeaderDownloader downloader(SkeletonConfig config, io.headersync.sync.api.HeadersClient client) {
    return new SkeletonHeaderDownloader(config, client, loop, store, TestChains.validator());
  }

  private void start(SkeletonHeaderDownloader d, BlockHeader target) {
    d.setLocalHead(store.head().flatMap(h -> store.header(h.hash())).orElseThrow());
    d.setTarget(SyncTarget.of(target.hash(), target.number()));
  }

  /** Answers the open skeleton request with the main chain's headers at {@code numbers}. */
  private void answerSkeleton(FakeHeadersClient client, int... numbers) {
    List<BlockHeader> headers = new ArrayList<>();
    for (int n : numbers) {
      headers.add(main.get(n));
    }
    client.openWithSkip().getFirst().answer("a", headers);
  }

  private static FakeHeadersClient.Sent extensionFor(FakeHeadersClient client, Hash parent) {
    return client.open().stream().filter(s -> s.request.origin().equals(BlockOrigin.hash(parent))).findFirst().orElse(null);
  }

  private void assertCanonical(List<BlockHeader> chain) {
    assertThat(store.head().orElseThrow().number()).isEqualTo(chain.getLast().number());
    for (BlockHeader h : chain) {
      assertThat(store.canonicalHash(h.number())).as("#" + h.number()).contains(h.hash());
    }
  }

  private static InMemoryHeaderStore storeWith(List<BlockHeader> chain) {
    InMemoryHeaderStore s = InMemoryHeaderStore.create(TestChains.GENESIS.hash());
    WriteBatch batch = new WriteBatch();
    BigInteger td = BigInteger.ZERO;
    for (BlockHeader h : chain) {
      td = td.add(h.difficulty());
      batch.putCanonicalHeader(h, td);
    }
    s.commit(batch);
    return s;
  }
}
