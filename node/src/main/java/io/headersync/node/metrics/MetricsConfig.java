package io.headersync.node.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the metrics endpoint.
 *
 * @param address the address the endpoint listens on. Default 127.0.0.1, as geth: metrics name
 *     peers' behaviour and the node's progress, which is nobody else's business unless the
 *     operator opens it (0.0.0.0) deliberately
 * @param port the TCP port; default 6060, geth's, so existing dashboards and scrape configs fit;
 *     0 takes any free port
 * @param sampleInterval how often the sync's event loop publishes its figures. Default 1 s:
 *     Prometheus scrapes every 15 s by default, so figures are at most a second old, while one
 *     snapshot a second costs the loop nothing measurable
 */
public record MetricsConfig(String address, int port, Duration sampleInterval) {

  public static final MetricsConfig DEFAULT = new MetricsConfig("127.0.0.1", 6060, Duration.ofSeconds(1));

  public MetricsConfig {
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("metrics port must lie between 0 and 65535, got " + port);
    }
    if (sampleInterval.isNegative() || sampleInterval.isZero()) {
      throw new IllegalArgumentException("sample interval must be positive, got " + sampleInterval);
    }
  }

  public MetricsConfig withEndpoint(String newAddress, int newPort) {
    return new MetricsConfig(newAddress, newPort, sampleInterval);
  }

  public MetricsConfig withSampleInterval(Duration interval) {
    return new MetricsConfig(address, port, interval);
  }
}
