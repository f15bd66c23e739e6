package io.headersync.node.metrics;

import io.headersync.node.metrics.MetricFamily.Sample;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.HeaderStore;
import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.peers.CountersSnapshot;
import io.headersync.sync.peers.SchedulerCounter;
import io.headersync.sync.time.TaskScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The node's metrics registry: every {@link NodeMetric}, read on each scrape from what is bound.
 *
 * <p>Wiring binds what it has: {@link #bindStore} (head, checkpoints, headers committed; the store
 * may be read from any thread) and {@link #bindSync} (scheduler, downloader and tip figures,
 * sampled on the sync's event loop). A metric whose source is not bound is listed with no samples,
 * so a scrape always shows the whole catalogue. Scrapes may come from several threads at once.
 *
 * <pre>{@code
 * NodeMetrics metrics = new NodeMetrics(MetricsConfig.DEFAULT);
 * metrics.bindStore(store);
 * metrics.bindSync(loop, SyncProbe.of(scheduler).withController(controller));
 * try (MetricsServer server = MetricsServer.start(metrics, "127.0.0.1", 6060)) { ... }
 * }</pre>
 */
public final class NodeMetrics implements AutoCloseable {

  private final MetricsConfig config;
  private final LongSupplier wallNanos;
  private HeaderStore store;
  private SyncSampler sampler;
  private long lastHead = -1;
  private long committed;
  private final SummedCounter downloaded = new SummedCounter();
  private final SummedCounter rejected = new SummedCounter();

  public NodeMetrics(MetricsConfig config) {
    this(config, System::nanoTime);
  }

  NodeMetrics(MetricsConfig config, LongSupplier wallNanos) {
    this.config = config;
    this.wallNanos = wallNanos;
  }

  /** Reads head, stage checkpoints and committed headers from {@code store}; headers are counted from now. */
  public synchronized void bindStore(HeaderStore store) {
    this.store = store;
    this.lastHead = store.head().map(BlockRef::number).orElse(-1L);
  }

  /**
   * Samples the sync through {@code probe} on {@code loop} once per {@link MetricsConfig#sampleInterval()}
   * (replacing an earlier binding). Closing the registry, or binding again, stops the sampling.
   */
  public synchronized void bindSync(TaskScheduler loop, SyncProbe probe) {
    if (sampler != null) {
      sampler.close();
    }
    sampler = SyncSampler.start(loop, config.sampleInterval(), probe::sample, wallNanos);
  }

  /** Every metric now, in catalogue order. */
  public synchronized List<MetricFamily> collect() {
    Optional<SyncSample> sync = sampler == null ? Optional.empty() : sampler.latest();
    OptionalLong head = OptionalLong.empty();
    List<Sample> checkpoints = new ArrayList<>();
    if (store != null) {
      Optional<BlockRef> h = store.head();
      if (h.isPresent()) {
        head = OptionalLong.of(h.get().number());
        countCommitted(h.get().number());
      }
      for (Map.Entry<String, Checkpoint> e : store.checkpoints().entrySet()) {
        checkpoints.add(Sample.of("stage", e.getKey(), e.getValue().number()));
      }
    }
    sync.ifPresent(s -> {
      s.downloader().ifPresent(d -> {
        downloaded.observe(s.leg(), d.headersHandedOut());
        rejected.observe(s.leg(), d.responsesRejected());
      });
    });
    OptionalLong tip = sync.map(SyncSample::bestKnownTip).orElse(OptionalLong.empty());

    List<MetricFamily> out = new ArrayList<>();
    for (NodeMetric m : NodeMetric.values()) {
      out.add(new MetricFamily(m, samples(m, sync, head, tip, checkpoints)));
    }
    return out;
  }

  /** Every metric now, in the text exposition format. */
  public String scrape() {
    return TextFormat.write(collect());
  }

  private List<Sample> samples(NodeMetric m, Optional<SyncSample> sync, OptionalLong head, OptionalLong tip,
      List<Sample> checkpoints) {
    Optional<CountersSnapshot> c = sync.map(SyncSample::counters);
    Optional<DownloaderStats> d = sync.flatMap(SyncSample::downloader);
    return switch (m) {
      case HEADERS_DOWNLOADED -> sync.isPresent() ? List.of(Sample.of(downloaded.total())) : List.of();
      case HEADERS_COMMITTED -> store != null ? List.of(Sample.of(committed)) : List.of();
      case REQUESTS_IN_FLIGHT -> one(sync.map(SyncSample::inFlightRequests));
      case REQUESTS_QUEUED -> one(sync.map(SyncSample::queuedRequests));
      case REQUESTS_SENT -> counter(c, SchedulerCounter.REQUESTS_SENT);
      case RESPONSES -> c.map(NodeMetrics::outcomes).orElse(List.of());
      case RETRIES -> counter(c, SchedulerCounter.RETRIES);
      case REQUESTS_FAILED -> counter(c, SchedulerCounter.REQUESTS_FAILED);
      case BUFFERED_HEADERS -> one(d.map(DownloaderStats::bufferedHeaders));
      case BUFFERED_HEADERS_LIMIT -> one(d.map(DownloaderStats::bufferLimitHeaders));
      case RESPONSES_REJECTED -> sync.isPresent() ? List.of(Sample.of(rejected.total())) : List.of();
      case PEERS -> sync.map(s -> s.peers().entrySet().stream()
          .map(e -> Sample.of("state", e.getKey().label(), e.getValue())).toList()).orElse(List.of());
      case BANS -> counter(c, SchedulerCounter.BANS);
      case PEER_REPORTS -> counter(c, SchedulerCounter.PEER_REPORTS);
      case CONNECTIONS_REJECTED -> counter(c, SchedulerCounter.CONNECTIONS_REJECTED);
      case STAGE_CHECKPOINT -> checkpoints;
      case HEAD -> head.isPresent() ? List.of(Sample.of(head.getAsLong())) : List.of();
      case BEST_KNOWN_TIP -> tip.isPresent() ? List.of(Sample.of(tip.getAsLong())) : List.of();
      case HEAD_LAG -> head.isPresent() && tip.isPresent()
          ? List.of(Sample.of(Math.max(0, tip.getAsLong() - head.getAsLong()))) : List.of();
      case SAMPLE_AGE -> one(sampler == null ? Optional.empty() : sampler.ageSeconds());
    };
  }

  private void countCommitted(long head) {
    if (lastHead >= 0 && head > lastHead) {
      committed += head - lastHead;
    }
    lastHead = head;
  }

  private static List<Sample> outcomes(CountersSnapshot c) {
    long good = c.get(SchedulerCounter.RESPONSES_GOOD);
    long partial = c.get(SchedulerCounter.RESPONSES_PARTIAL);
    return List.of(
        Sample.of("outcome", "complete", Math.max(0, good - partial)),
        Sample.of("outcome", "partial", partial),
        Sample.of("outcome", "empty", c.get(SchedulerCounter.RESPONSES_EMPTY)),
        Sample.of("outcome", "invalid", c.get(SchedulerCounter.RESPONSES_INVALID)),
        Sample.of("outcome", "late", c.get(SchedulerCounter.RESPONSES_LATE)),
        Sample.of("outcome", "malformed", c.get(SchedulerCounter.MALFORMED_MESSAGES)),
        Sample.of("outcome", "timeout", c.get(SchedulerCounter.TIMEOUTS)),
        Sample.of("outcome", "disconnected", c.get(SchedulerCounter.DISCONNECTS_MID_REQUEST)));
  }

  private static List<Sample> counter(Optional<CountersSnapshot> c, SchedulerCounter which) {
    return c.map(s -> List.of(Sample.of(s.get(which)))).orElse(List.of());
  }

  private static List<Sample> one(Optional<? extends Number> value) {
    return value.map(v -> List.of(Sample.of(v.doubleValue()))).orElse(List.of());
  }

  /** Stops sampling the sync; the store stays open (it belongs to the caller). */
  @Override
  public synchronized void close() {
    if (sampler != null) {
      sampler.close();
    }
  }

  /**
   * Sums a figure each sync leg counts from zero into one counter: when the leg changes, the last
   * reading of the old leg is banked. Figures of a leg's last sampling interval before it ended
   * are missed, a small undercount that keeps the counter monotonic.
   */
  static final class SummedCounter {
    private long leg = Long.MIN_VALUE;
    private long banked;
    private long current;

    void observe(long legNumber, long value) {
      if (legNumber != leg) {
        banked += current;
        current = 0;
        leg = legNumber;
      }
      current = Math.max(current, value);
    }

    long total() {
      return banked + current;
    }
  }
}
