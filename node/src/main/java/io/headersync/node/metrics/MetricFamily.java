package io.headersync.node.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One metric and its samples at one scrape.
 *
 * @param metric what is measured
 * @param samples one value per label set (none when the source is not bound)
 */
public record MetricFamily(NodeMetric metric, List<Sample> samples) {

  public MetricFamily {
    Objects.requireNonNull(metric, "metric");
    samples = List.copyOf(samples);
  }

  /**
   * One value of a metric.
   *
   * @param labels label names to values, in the order they are written
   */
  public record Sample(Map<String, String> labels, double value) {

    public Sample {
      labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** A sample with no labels. */
    public static Sample of(double value) {
      return new Sample(Map.of(), value);
    }

    /** A sample with one label. */
    public static Sample of(String label, String labelValue, double value) {
      return new Sample(Map.of(label, labelValue), value);
    }
  }
}
