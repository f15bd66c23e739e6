package io.headersync.node.metrics;

import java.util.List;

/**
 * Every metric the node exposes, with its type, labels and meaning; the {@code # HELP} line of
 * each is its {@link #help()}. Counters count from the start of the process.
 */
public enum NodeMetric {

  /** Headers the downloader handed to the headers stage, verified and contiguous, summed over every sync leg. */
  HEADERS_DOWNLOADED("headersync_headers_downloaded_total", MetricType.COUNTER, List.of(),
      "Headers downloaded, verified and handed to the headers stage, summed over every sync leg."),
  /**
   * Canonical headers the store gained while the process ran, counted from head advances between
   * scrapes; headers made canonical again after an unwind count again.
   */
  HEADERS_COMMITTED("headersync_headers_committed_total", MetricType.COUNTER, List.of(),
      "Headers made canonical in the store since the process started (head advances)."),
  /** Requests sent to peers and not yet answered. */
  REQUESTS_IN_FLIGHT("headersync_requests_in_flight", MetricType.GAUGE, List.of(),
      "Requests sent to peers and not yet answered."),
  /** Requests waiting for a peer to become free. */
  REQUESTS_QUEUED("headersync_requests_queued", MetricType.GAUGE, List.of(),
      "Requests waiting in the scheduler's queue for a peer."),
  /** Requests sent to a peer, first attempts and retries alike. */
  REQUESTS_SENT("headersync_requests_sent_total", MetricType.COUNTER, List.of(),
      "Requests sent to peers, first attempts and retries alike."),
  /**
   * Ends of requests by outcome: {@code complete} (every item asked), {@code partial} (good but
   * short), {@code empty}, {@code invalid} (the answer to another question, or broken links),
   * {@code late} (after the time-out), {@code malformed} (undecodable), {@code timeout}, and
   * {@code disconnected} (the peer left mid-request).
   */
  RESPONSES("headersync_responses_total", MetricType.COUNTER, List.of("outcome"),
      "Answers to requests (and requests that got none), by outcome."),
  /** Requests put back in the queue for another attempt on another peer. */
  RETRIES("headersync_request_retries_total", MetricType.COUNTER, List.of(),
      "Requests queued again for another attempt after a missing or wrong answer."),
  /** Requests that ended with a failure to their owner, their retries spent. */
  REQUESTS_FAILED("headersync_requests_failed_total", MetricType.COUNTER, List.of(),
      "Requests that failed to their owner after their retries were spent."),
  /** Headers received and not yet handed out by the current leg's downloader. */
  BUFFERED_HEADERS("headersync_buffered_headers", MetricType.GAUGE, List.of(),
      "Headers received from peers and buffered, not yet handed to the headers stage."),
  /** The configured limit on buffered headers of the current leg's downloader. */
  BUFFERED_HEADERS_LIMIT("headersync_buffered_headers_limit", MetricType.GAUGE, List.of(),
      "The configured limit on buffered headers."),
  /** Responses the downloaders found wrong against the chain (bad links, numbers or rules), summed over legs. */
  RESPONSES_REJECTED("headersync_downloader_responses_rejected_total", MetricType.COUNTER, List.of(),
      "Responses the downloader rejected against the chain, summed over every sync leg."),
  /**
   * Connected peers by state: {@code idle} (nothing in flight), {@code busy} (requests in flight),
   * {@code flagged_bad} (a recent bad answer keeps it at the back of the line).
   */
  PEERS("headersync_peers", MetricType.GAUGE, List.of("state"),
      "Connected peers by state."),
  /** Peers banned for bad behaviour. */
  BANS("headersync_peer_bans_total", MetricType.COUNTER, List.of(),
      "Peers banned for bad answers or offences."),
  /** Offences reported against peers by the code that checked their answers. */
  PEER_REPORTS("headersync_peer_reports_total", MetricType.COUNTER, List.of(),
      "Offences reported against peers after their answers were checked."),
  /** Connections refused because the peer was blocked, not allowed, or banned. */
  CONNECTIONS_REJECTED("headersync_connections_rejected_total", MetricType.COUNTER, List.of(),
      "Peer connections refused (blocked, not allowed, or banned)."),
  /** Each stage's checkpoint: the block number up to which the stage has committed its work. */
  STAGE_CHECKPOINT("headersync_stage_checkpoint", MetricType.GAUGE, List.of("stage"),
      "The block number each stage has committed up to."),
  /** The store's canonical head. */
  HEAD("headersync_head_number", MetricType.GAUGE, List.of(),
      "The number of the canonical head in the store."),
  /** The best chain tip known: the sync target or the network's estimate. */
  BEST_KNOWN_TIP("headersync_best_known_tip_number", MetricType.GAUGE, List.of(),
      "The number of the best chain tip known (the sync target or the network's head)."),
  /** How far the head is behind the best known tip (zero when at or above it). */
  HEAD_LAG("headersync_head_lag_blocks", MetricType.GAUGE, List.of(),
      "Blocks the canonical head is behind the best known tip."),
  /**
   * Seconds since the sync's event loop last published a sample; a value that keeps growing means
   * the loop is stuck, and the sync figures above are that old.
   */
  SAMPLE_AGE("headersync_sync_sample_age_seconds", MetricType.GAUGE, List.of(),
      "Seconds since the sync event loop last published its figures.");

  private final String metricName;
  private final MetricType type;
  private final List<String> labels;
  private final String help;

  NodeMetric(String metricName, MetricType type, List<String> labels, String help) {
    this.metricName = metricName;
    this.type = type;
    this.labels = labels;
    this.help = help;
  }

  /** The name as scraped. */
  public String metricName() {
    return metricName;
  }

  public MetricType type() {
    return type;
  }

  /** Label names every sample carries. */
  public List<String> labels() {
    return labels;
  }

  public String help() {
    return help;
  }
}
