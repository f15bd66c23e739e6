/**
 * The node's metrics: a catalogue of every metric ({@link io.headersync.node.metrics.NodeMetric}:
 * name, type, labels, meaning), a registry that reads them from what the node already keeps
 * ({@link io.headersync.node.metrics.NodeMetrics}), and a Prometheus {@code /metrics} endpoint
 * ({@link io.headersync.node.metrics.MetricsServer}, flags in {@link io.headersync.node.metrics.MetricsOptions}).
 *
 * <p>Metrics are read, not pushed: on a scrape the registry reads the store (safe from any thread)
 * and the latest {@link io.headersync.node.metrics.SyncSample}, which a
 * {@link io.headersync.node.metrics.SyncSampler} takes on the sync's event loop, because the
 * request scheduler and the downloaders are single-threaded state machines that no other thread
 * may read. Nothing here changes sync state or adds work to the sync's hot paths.
 *
 * <p>The text exposition format (version 0.0.4) and the HTTP endpoint are written by hand rather
 * than with the Prometheus Java client: the format is a few lines of text per metric, the JDK ships
 * an HTTP server, and the client would add four jars (and a version ceiling) to serve about twenty
 * numbers. The format's escaping rules are followed and tested.
 *
 * <p>May not touch: the network, sync decisions, or the store's writes.
 */
package io.headersync.node.metrics;
