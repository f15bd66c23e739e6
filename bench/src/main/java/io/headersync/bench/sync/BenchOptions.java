package io.headersync.bench.sync;

import java.util.HashMap;
import java.util.Map;

/** {@code --key value} options of the sync benchmark mains, with typed reads and defaults. */
final class BenchOptions {

  private final Map<String, String> values = new HashMap<>();

  BenchOptions(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value pairs, got '" + args[i] + "'");
      }
      values.put(args[i].substring(2), args[++i]);
    }
  }

  long longValue(String key, long fallback) {
    return values.containsKey(key) ? Long.parseLong(values.get(key).replace("_", "")) : fallback;
  }

  int intValue(String key, int fallback) {
    return (int) longValue(key, fallback);
  }

  String string(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }
}
