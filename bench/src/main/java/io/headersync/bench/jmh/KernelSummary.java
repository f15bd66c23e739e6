package io.headersync.bench.jmh;

import io.headersync.bench.fixtures.BenchData;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every kernel of this package through JMH with a short schedule and prints one table:
 * each operation's time per header and its ratio to one Keccak-256 of the same header bytes,
 * measured in the same run.
 *
 * <p>Options: {@code --warmup N} (iterations, default 4), {@code --iterations N} (measured,
 * default 10), {@code --time-ms MS} (per measured or warm-up iteration, default 500: many short
 * iterations give a shared machine more chances of a quiet one), {@code --forks N} (default 1),
 * {@code --include REGEX} (default: every kernel here). With the defaults the run takes about
 * a minute and a half on two cores. For publication-grade figures run the jar's JMH main with
 * its usual options instead.
 */
public final class KernelSummary {

  /** Each kernel and the keccak kernel over the same header bytes. */
  private static final Map<String, String> REFERENCE = new LinkedHashMap<>();

  static {
    REFERENCE.put("keccak540", "keccak540");
    REFERENCE.put("keccakMainnet", "keccakMainnet");
    REFERENCE.put("keccakPrague", "keccakPrague");
    REFERENCE.put("decodeMainnet", "keccakMainnet");
    REFERENCE.put("decodePrague", "keccakPrague");
    REFERENCE.put("validateMainnet", "keccakMainnet");
    REFERENCE.put("validatePrague", "keccakPrague");
  }

  private KernelSummary() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "4"));
    int iterations = Integer.parseInt(opts.getOrDefault("iterations", "10"));
    long timeMs = Long.parseLong(opts.getOrDefault("time-ms", "500"));
    int forks = Integer.parseInt(opts.getOrDefault("forks", "1"));
    String include = opts.getOrDefault("include", KernelSummary.class.getPackageName().replace(".", "\\.") + "\\..*Benchmark\\..*");

    // Load the fixtures here first: a missing data folder fails now, with its path, not inside a fork.
    MainnetHeaders mainnet = new MainnetHeaders();
    mainnet.load();
    PragueHeaders prague = new PragueHeaders();
    prague.build();

    Options options = new OptionsBuilder()
        .include(include)
        .warmupIterations(warmup)
        .warmupTime(TimeValue.milliseconds(timeMs))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.milliseconds(timeMs))
        .forks(forks)
        .threads(1)
        .shouldFailOnError(true)
        .jvmArgsAppend("-Dheadersync.data=" + BenchData.root())
        .build();
    Collection<RunResult> results = new Runner(options).run();

    Map<String, Result<?>> byName = new HashMap<>();
    Map<String, Double> fastest = new HashMap<>();
    for (RunResult r : results) {
      String full = r.getParams().getBenchmark();
      String name = full.substring(full.lastIndexOf('.') + 1);
      byName.put(name, r.getPrimaryResult());
      fastest.put(name, fastestIteration(r));
    }
    Map<String, String> bytes = Map.of(
        "keccak540", String.valueOf(mainnet.header540.length),
        "keccakMainnet", String.format(Locale.ROOT, "%.0f avg", mainnet.meanBytes()),
        "decodeMainnet", String.format(Locale.ROOT, "%.0f avg", mainnet.meanBytes()),
        "validateMainnet", String.format(Locale.ROOT, "%.0f avg", mainnet.meanBytes()),
        "keccakPrague", String.format(Locale.ROOT, "%.0f avg", prague.meanBytes()),
        "decodePrague", String.format(Locale.ROOT, "%.0f avg", prague.meanBytes()),
        "validatePrague", String.format(Locale.ROOT, "%.0f avg", prague.meanBytes()));

    System.out.println();
    System.out.printf(Locale.ROOT, "header kernels, one thread; %s %s, %d cpus, load average %.2f at the end%n",
        System.getProperty("java.vm.name"), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(Locale.ROOT, "%-16s %10s %10s %10s %8s %12s %-14s %7s %7s%n",
        "op", "bytes", "ns/op min", "ns/op mean", "+/-", "headers/s", "limit", "ratio", "(mean)");
    for (Map.Entry<String, String> e : REFERENCE.entrySet()) {
      Result<?> own = byName.get(e.getKey());
      Result<?> ref = byName.get(e.getValue());
      if (own == null) {
        continue;
      }
      double min = fastest.get(e.getKey());
      String ratio = ref == null ? "n/a" : String.format(Locale.ROOT, "%.2f", min / fastest.get(e.getValue()));
      String meanRatio = ref == null ? "n/a" : String.format(Locale.ROOT, "%.2f", own.getScore() / ref.getScore());
      String error = Double.isNaN(own.getScoreError()) ? "n/a" : String.format(Locale.ROOT, "%.1f", own.getScoreError());
      System.out.printf(Locale.ROOT, "%-16s %10s %10.1f %10.1f %8s %,12.0f %-14s %7s %7s%n", e.getKey(), bytes.get(e.getKey()),
          min, own.getScore(), error, 1e9 / min, e.getValue(), ratio, meanRatio);
    }
    System.out.println("ratio = ns/op of the op / ns/op of one Keccak-256 of the same header bytes (the limit column), from"
        + " each one's fastest measured iteration: on a shared machine other work only ever adds time, so the fastest"
        + " iteration is the least disturbed; (mean) is the same from JMH's means. +/- is JMH's 99.9% error of the mean.");
  }

  /** The lowest ns/op of the measured iterations of {@code r} (all forks). */
  private static double fastestIteration(RunResult r) {
    double min = Double.MAX_VALUE;
    for (BenchmarkResult b : r.getBenchmarkResults()) {
      for (IterationResult i : b.getIterationResults()) {
        min = Math.min(min, i.getPrimaryResult().getScore());
      }
    }
    return min == Double.MAX_VALUE ? r.getPrimaryResult().getScore() : min;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --warmup N, --iterations N, --time-ms MS, --forks N or --include REGEX;"
            + " found '" + args[i] + "'");
      }
      String key = args[i].substring(2);
      if (!key.matches("warmup|iterations|time-ms|forks|include")) {
        throw new IllegalArgumentException("unknown option --" + key
            + " (known: --warmup, --iterations, --time-ms, --forks, --include)");
      }
      opts.put(key, args[++i]);
    }
    return opts;
  }
}
