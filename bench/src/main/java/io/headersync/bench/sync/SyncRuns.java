package io.headersync.bench.sync;

import io.headersync.testkit.run.SimulatedSync;
import io.headersync.testkit.run.SimulationResult;
import io.headersync.testkit.run.SimulationSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** Runs a simulated sync into a fresh RocksDB directory (deleted afterwards) and prints what matters. */
final class SyncRuns {

  private SyncRuns() {}

  /** One run, with its wall time. */
  record Timed(SimulationResult result, double wallSeconds) {}

  static Timed onDisk(SimulationSettings settings) {
    Path dir;
    try {
      dir = Files.createTempDirectory("headersync-sync-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      long t = System.nanoTime();
      SimulationResult r = SimulatedSync.run(settings.withDataDirectory(dir));
      return new Timed(r, (System.nanoTime() - t) / 1e9);
    } finally {
      deleteTree(dir);
    }
  }

  static void header() {
    System.out.printf(Locale.ROOT, "# %s %s, %d cpus, load average %.2f, max heap %d MB%n", System.getProperty("java.vm.name"),
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The run's verdict in a few words. */
  static String verdict(SimulationResult r) {
    return r.succeeded() ? "ok" : "FAILED: " + r.problems();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
