package io.headersync.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.node.metrics.MetricFamily.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFormatTest {

  @Test
  void writesHelpTypeAndSamplesThatParseBack() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("stage", "odd \"name\" with \\ and\nline");
    String text = TextFormat.write(List.of(
        new MetricFamily(NodeMetric.HEAD, List.of(Sample.of(16383))),
        new MetricFamily(NodeMetric.STAGE_CHECKPOINT, List.of(new Sample(labels, 12), Sample.of("stage", "headers", 7))),
        new MetricFamily(NodeMetric.SAMPLE_AGE, List.of(Sample.of(0.25))),
        new MetricFamily(NodeMetric.BEST_KNOWN_TIP, List.of())));

    assertThat(text).contains("# TYPE headersync_head_number gauge\nheadersync_head_number 16383\n")
        .contains("headersync_stage_checkpoint{stage=\"odd \\\"name\\\" with \\\\ and\\nline\"} 12\n")
        .contains("headersync_sync_sample_age_seconds 0.25\n")
        .contains("# TYPE headersync_best_known_tip_number gauge\n");
    Scrape parsed = Scrape.parse(text);
    assertThat(parsed.require("headersync_stage_checkpoint", "stage", "odd \"name\" with \\ and\nline")).isEqualTo(12);
    assertThat(parsed.require("headersync_stage_checkpoint", "stage", "headers")).isEqualTo(7);
    assertThat(parsed.types()).containsEntry("headersync_best_known_tip_number", "gauge");
  }

  @Test
  void numbersAreWholeWhenWholeAndSpecialValuesSpelledAsPrometheusDoes() {
    assertThat(TextFormat.number(3)).isEqualTo("3");
    assertThat(TextFormat.number(-2)).isEqualTo("-2");
    assertThat(TextFormat.number(1.5)).isEqualTo("1.5");
    assertThat(TextFormat.number(1e20)).isEqualTo("1.0E20");
    assertThat(TextFormat.number(Double.NaN)).isEqualTo("NaN");
    assertThat(TextFormat.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(TextFormat.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }

  @Test
  void everyMetricIsNamedTypedAndDocumented() {
    for (NodeMetric m : NodeMetric.values()) {
      assertThat(m.metricName()).as(m.name()).matches("headersync_[a-z0-9_]+");
      assertThat(m.metricName().endsWith("_total")).as("%s: counters, and only counters, end in _total", m)
          .isEqualTo(m.type() == MetricType.COUNTER);
      assertThat(m.help()).as(m.name()).isNotBlank().doesNotContain("\n");
    }
  }
}
