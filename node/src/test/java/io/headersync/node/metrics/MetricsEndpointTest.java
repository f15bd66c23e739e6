package io.headersync.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.Capability;
import io.headersync.sync.controller.Strategy;
import io.headersync.sync.controller.SyncController;
import io.headersync.sync.controller.SyncControllerConfig;
import io.headersync.sync.controller.TargetTrust;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.run.SimulatedSync;
import io.headersync.testkit.run.SimulationSettings;
import io.headersync.testkit.sim.PeerProfile;
import io.headersync.testkit.sim.ServeLimits;
import io.headersync.testkit.sim.SimulatedNetwork;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code /metrics} endpoint over a running sync: a skeleton sync of a synthetic Cancun chain
 * from four simulated peers, run on virtual time in steps; between steps the test scrapes over
 * plain HTTP, parses the text format strictly and checks that the figures moved as the sync did.
 */
class MetricsEndpointTest {

  private static final long HEADERS = 25_000;
  private static final int PEERS = 4;
  private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(200);

  private final HttpClient http = HttpClient.newHttpClient();
  private SimulatedNetwork net;
  private RequestScheduler scheduler;
  private SyncController controller;
  private HeaderStore store;
  private NodeMetrics metrics;
  private MetricsServer server;
  private LazyHeaderChain chain;

  @BeforeEach
  void startSync() {
    SimulationSettings settings = SimulationSettings.DEFAULT.withHeaders(HEADERS).withSeed(7);
    chain = SimulatedSync.chain(settings);
    net = new SimulatedNetwork(7);
    scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, net.scheduler());
    net.addListener(scheduler);
    // 1 MB/s links: slow enough that a few virtual seconds cover only part of the chain.
    PeerProfile profile = new PeerProfile(Duration.ofMillis(100), Duration.ZERO, 1_000_000, ServeLimits.DEFAULT,
        Capability.ETH_68);
    for (int i = 0; i < PEERS; i++) {
      net.addPeer("honest-" + i, chain, profile);
    }
    store = InMemoryHeaderStore.create(chain.hash(SimulatedSync.FIRST));
    store.commit(new WriteBatch().putCanonicalHeader(chain.header(SimulatedSync.FIRST),
        chain.totalDifficulty(SimulatedSync.FIRST)));
    controller = SyncController.builder(SyncControllerConfig.DEFAULT.withStrategy(Strategy.SKELETON), store, net.scheduler(),
            new HeaderValidator(SimulatedSync.spec()))
        .client(scheduler, () -> scheduler.connectedPeers().size())
        .build();

    metrics = new NodeMetrics(MetricsConfig.DEFAULT.withSampleInterval(SAMPLE_INTERVAL));
    metrics.bindStore(store);
    metrics.bindSync(net.scheduler(), SyncProbe.of(scheduler).withController(controller));
    server = MetricsServer.start(metrics, MetricsConfig.DEFAULT.withEndpoint("127.0.0.1", 0));
    net.scheduler().execute(() -> controller.syncTo(SyncTarget.of(chain.head().hash(), chain.headNumber()),
        TargetTrust.TRUSTED));
  }

  @AfterEach
  void stop() {
    server.close();
    metrics.close();
    controller.close();
    scheduler.close();
    store.close();
  }

  @Test
  void countersMoveBetweenScrapesAsTheSyncRuns() throws Exception {
    Scrape first = scrapeOnceTheHeadPasses(SimulatedSync.FIRST);
    Scrape second = scrapeOnceTheHeadPasses((long) first.require("headersync_head_number"));

    long head1 = (long) first.require("headersync_head_number");
    long head2 = (long) second.require("headersync_head_number");
    assertThat(head2).isGreaterThan(head1);
    assertThat(second.require("headersync_headers_committed_total") - first.require("headersync_headers_committed_total"))
        .as("committed counter follows the head").isEqualTo(head2 - head1);
    assertThat(second.require("headersync_headers_committed_total")).isEqualTo(head2 - SimulatedSync.FIRST);

    for (String counter : new String[] {"headersync_requests_sent_total", "headersync_headers_downloaded_total"}) {
      assertThat(first.require(counter)).as(counter).isPositive();
      assertThat(second.require(counter)).as(counter).isGreaterThan(first.require(counter));
    }
    assertThat(second.require("headersync_responses_total", "outcome", "complete"))
        .isGreaterThan(first.require("headersync_responses_total", "outcome", "complete"));
    assertThat(second.require("headersync_headers_downloaded_total"))
        .as("headers downloaded cover at least those committed a scrape earlier")
        .isGreaterThanOrEqualTo(first.require("headersync_headers_committed_total"));

    assertThat(second.sum("headersync_peers")).as("peers by state add up to the connected peers").isEqualTo(PEERS);
    assertThat(second.value("headersync_peers", "state", "idle")).isPresent();
    assertThat(second.require("headersync_best_known_tip_number")).isEqualTo(chain.headNumber());
    assertThat(second.require("headersync_head_lag_blocks")).isEqualTo(chain.headNumber() - head2);
    assertThat(second.require("headersync_head_lag_blocks")).isLessThan(first.require("headersync_head_lag_blocks"));
    assertThat(second.require("headersync_buffered_headers_limit")).isPositive();
    assertThat(second.require("headersync_requests_in_flight")).isGreaterThanOrEqualTo(0);
    assertThat(second.require("headersync_sync_sample_age_seconds")).isGreaterThanOrEqualTo(0);
    assertThat(second.types()).as("every metric of the catalogue is announced").hasSize(NodeMetric.values().length);

    assertThat(net.scheduler().runUntil(() -> controller.state() == SyncController.State.SYNCED, Duration.ofMinutes(10)))
        .as("the sync finished").isTrue();
    net.scheduler().runFor(Duration.ofSeconds(1));
    Scrape done = scrape();
    assertThat(done.require("headersync_head_number")).isEqualTo(chain.headNumber());
    assertThat(done.require("headersync_head_lag_blocks")).isZero();
    assertThat(done.require("headersync_headers_committed_total")).isEqualTo(HEADERS);
    assertThat(done.value("headersync_stage_checkpoint", "stage", "headers")).contains((double) chain.headNumber());
  }

  @Test
  void onlyMetricsIsServedAndOnlyToReads() throws Exception {
    HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(base() + "/other")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url()))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(server.url())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Content-Type")).contains(TextFormat.CONTENT_TYPE);
  }

  @Test
  void aTakenPortIsRefusedNamingIt() {
    MetricsConfig taken = MetricsConfig.DEFAULT.withEndpoint("127.0.0.1", server.port());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricsServer.start(metrics, taken))
        .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("127.0.0.1:" + server.port());
  }

  private String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /**
   * Runs the sync until the store's head passes {@code number} (the headers stage commits in
   * batches, so the head moves in steps), then one more sampling interval so the loop publishes
   * figures at least as new, then scrapes.
   */
  private Scrape scrapeOnceTheHeadPasses(long number) throws IOException, InterruptedException {
    assertThat(net.scheduler().runUntil(() -> store.head().orElseThrow().number() > number, Duration.ofMinutes(5)))
        .as("the head passed %d", number).isTrue();
    net.scheduler().runFor(SAMPLE_INTERVAL);
    return scrape();
  }

  private Scrape scrape() throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Scrape.parse(r.body());
  }
}
