package io.headersync.node.metrics;

import java.util.Locale;

/** The two Prometheus metric types the node exposes. */
public enum MetricType {
  /** Only ever goes up while the process runs (resets to zero with a restart). */
  COUNTER,
  /** Goes up and down: a level at the moment of the scrape. */
  GAUGE;

  /** The name in a {@code # TYPE} line. */
  public String textName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
