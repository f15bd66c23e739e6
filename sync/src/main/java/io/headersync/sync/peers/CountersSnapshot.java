package io.headersync.sync.peers;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The scheduler's counters at one moment; safe to read from any thread. */
public record CountersSnapshot(Map<SchedulerCounter, Long> values) {

  public CountersSnapshot {
    EnumMap<SchedulerCounter, Long> copy = new EnumMap<>(SchedulerCounter.class);
    for (SchedulerCounter c : SchedulerCounter.values()) {
      copy.put(c, values.getOrDefault(c, 0L));
    }
    values = Collections.unmodifiableMap(copy);
  }

  public long get(SchedulerCounter counter) {
    return values.get(counter);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> {
      if (v != 0) {
        sb.append(sb.isEmpty() ? "" : ", ").append(k.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(v);
      }
    });
    return "{" + sb + "}";
  }
}
