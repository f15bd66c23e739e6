package io.headersync.node.metrics;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --metrics}, {@code --metrics.addr} and {@code --metrics.port}, as geth names them: a
 * picocli mixin any long-running command adds with {@code @Mixin MetricsOptions metrics;}.
 */
public final class MetricsOptions {

  @Option(names = "--metrics", defaultValue = "false",
      description = "Serve Prometheus metrics over HTTP at http://ADDR:PORT/metrics. Default: ${DEFAULT-VALUE}.")
  boolean enabled;

  @Option(names = "--metrics.addr", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address the metrics endpoint listens on (0.0.0.0: every interface). Default: ${DEFAULT-VALUE}.")
  String address;

  @Option(names = "--metrics.port", paramLabel = "PORT", defaultValue = "6060",
      description = "TCP port of the metrics endpoint (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  /** Whether {@code --metrics} was given. */
  public boolean enabled() {
    return enabled;
  }

  /** The endpoint asked for, with the other settings at their defaults. */
  public MetricsConfig config() {
    return MetricsConfig.DEFAULT.withEndpoint(address, port);
  }

  /**
   * Starts the endpoint when {@code --metrics} was given.
   *
   * @throws IllegalArgumentException for a port out of range
   * @throws java.io.UncheckedIOException when it cannot listen
   */
  public Optional<MetricsServer> start(NodeMetrics metrics) {
    return enabled ? Optional.of(MetricsServer.start(metrics, config())) : Optional.empty();
  }
}
