package io.headersync.bench.importer;

import java.util.ArrayList;
import java.util.List;

/** One measurement over the rounds, for best (highest rate, or lowest cost) and median. */
final class Rates {

  private final List<Double> values = new ArrayList<>();

  void add(double perSecond) {
    values.add(perSecond);
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  double best() {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  double lowest() {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  double median() {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
