/** Tests of the metrics registry, its text format and the {@code /metrics} endpoint over a simulated sync. */
package io.headersync.node.metrics;
