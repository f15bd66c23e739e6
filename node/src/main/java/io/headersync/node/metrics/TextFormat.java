package io.headersync.node.metrics;

import java.util.List;
import java.util.Map;

/** Writes metric families in the Prometheus text exposition format, version 0.0.4. */
public final class TextFormat {

  /** The {@code Content-Type} of a scrape's answer. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private TextFormat() {}

  public static String write(List<MetricFamily> families) {
    StringBuilder sb = new StringBuilder(4096);
    for (MetricFamily f : families) {
      NodeMetric m = f.metric();
      sb.append("# HELP ").append(m.metricName()).append(' ').append(escapeHelp(m.help())).append('\n');
      sb.append("# TYPE ").append(m.metricName()).append(' ').append(m.type().textName()).append('\n');
      for (MetricFamily.Sample s : f.samples()) {
        sb.append(m.metricName());
        if (!s.labels().isEmpty()) {
          sb.append('{');
          boolean first = true;
          for (Map.Entry<String, String> l : s.labels().entrySet()) {
            sb.append(first ? "" : ",").append(l.getKey()).append("=\"").append(escapeLabel(l.getValue())).append('"');
            first = false;
          }
          sb.append('}');
        }
        sb.append(' ').append(number(s.value())).append('\n');
      }
    }
    return sb.toString();
  }

  /** Whole numbers without a fraction (counters and block numbers read better), the rest as Go would. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** In help text only backslash and line feed are escaped. */
  static String escapeHelp(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /** In label values backslash, double quote and line feed are escaped. */
  static String escapeLabel(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
