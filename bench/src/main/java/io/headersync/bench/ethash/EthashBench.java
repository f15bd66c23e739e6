package io.headersync.bench.ethash;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.seal.ethash.Ethash;
import io.headersync.consensus.seal.ethash.EthashCache;
import io.headersync.consensus.seal.ethash.EthashCaches;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Ethash light verification, single-threaded, over real mainnet headers, beside the C
 * implementation of Debian's {@code python3-pyethash} measured in the same run on the same
 * headers; also the time to build the epoch-0 cache on both sides.
 *
 * <p>Options: {@code --data DIR} (the shared data folder, default {@code -Dheadersync.data} or
 * {@code ../shared/data}), {@code --headers N} (mainnet blocks 1..N, default 2000, at most
 * 16383), {@code --rounds R} (timed passes, default 3, the best is reported),
 * {@code --python CMD} and {@code --script PATH} (default {@code bench/scripts/ethash_pyethash.py}).
 *
 * <p>Both sides verify the same headers the same number of times and report their fastest
 * pass, which damps the noise of a shared machine. The Java figure is the whole
 * {@code Ethash.verify} (seal hash, hashimoto, target check); the C one is hashimoto alone on
 * seal hashes computed beforehand.
 */
public final class EthashBench {

  private static final String HEADERS_FILE = "mainnet/mainnet-headers-0-16383.txt.gz";

  private EthashBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path data = Path.of(opts.getOrDefault("data", System.getProperty("headersync.data", "../shared/data")));
    int count = Integer.parseInt(opts.getOrDefault("headers", "2000"));
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
    if (count < 1 || count > 16383 || rounds < 1) {
      throw new IllegalArgumentException("--headers must be in [1, 16383] and --rounds at least 1");
    }
    List<BlockHeader> headers = readHeaders(data.resolve(HEADERS_FILE), count);
    System.out.printf(Locale.ROOT, "ethash light verification: mainnet blocks 1..%d (epoch 0), one thread; %s, %d cpus%n",
        count, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());

    // Cache generation: the first build includes JIT warm-up; the second is the steady figure.
    double cacheCold = seconds(() -> EthashCache.generate(0));
    double cacheWarm = seconds(() -> EthashCache.generate(0));

    Ethash ethash = new Ethash(new EthashCaches(1));
    ethash.caches().forEpoch(0);
    verifyAll(ethash, headers.subList(0, Math.min(headers.size(), 500))); // warm-up
    double best = Double.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t = System.nanoTime();
      verifyAll(ethash, headers);
      best = Math.min(best, (System.nanoTime() - t) / 1e9);
    }
    double ours = headers.size() / best;

    PyResult py = runPyethash(opts, headers, rounds);
    System.out.println();
    System.out.printf(Locale.ROOT, "%-28s %14s %14s %10s%n", "", "headersync", "pyethash (C)", "ratio");
    if (py.available()) {
      System.out.printf(Locale.ROOT, "%-28s %14.1f %14.1f %9.2fx%n", "verifications per second", ours, py.rate(), ours / py.rate());
      System.out.printf(Locale.ROOT, "%-28s %14.3f %14.3f %9.2fx%n", "epoch-0 cache build (s)", cacheWarm, py.cacheSeconds(),
          py.cacheSeconds() / cacheWarm);
      System.out.printf(Locale.ROOT, "(ratio > 1: headersync faster; cache build cold JVM: %.3f s; pyethash via %s, "
          + "%d mix digest mismatches)%n", cacheCold, py.api(), py.mismatches());
    } else {
      System.out.printf(Locale.ROOT, "%-28s %14.1f %14s%n", "verifications per second", ours, "n/a");
      System.out.printf(Locale.ROOT, "%-28s %14.3f %14s%n", "epoch-0 cache build (s)", cacheWarm, "n/a");
      System.out.println("pyethash not measured: " + py.reason());
    }
  }

  private static void verifyAll(Ethash ethash, List<BlockHeader> headers) throws InvalidHeaderException {
    for (BlockHeader h : headers) {
      ethash.verify(h);
    }
  }

  private record PyResult(boolean available, String reason, String api, double cacheSeconds, double rate, int mismatches) {
    static PyResult absent(String reason) {
      return new PyResult(false, reason, null, 0, 0, 0);
    }
  }

  private static PyResult runPyethash(Map<String, String> opts, List<BlockHeader> headers, int rounds) throws IOException, InterruptedException {
    Path script = Path.of(opts.getOrDefault("script", "bench/scripts/ethash_pyethash.py"));
    if (!Files.exists(script) && Files.exists(Path.of("scripts/ethash_pyethash.py"))) {
      script = Path.of("scripts/ethash_pyethash.py");
    }
    if (!Files.exists(script)) {
      return PyResult.absent("script not found at " + script.toAbsolutePath() + " (pass --script PATH)");
    }
    String python = opts.containsKey("python") ? opts.get("python") : findPython();
    if (python == null) {
      return PyResult.absent("no python3 that can import pyethash (install it: apt-get update && apt-get install -y python3-pyethash)");
    }
    Process p = new ProcessBuilder(python, script.toString(), Integer.toString(rounds)).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      StringBuilder sb = new StringBuilder();
      for (BlockHeader h : headers) {
        sb.append(h.number()).append(' ').append(Hex.encodeBare(h.sealHash().unsafeArray())).append(' ')
            .append(String.format("%016x", h.nonce())).append(' ').append(Hex.encodeBare(h.mixHash().unsafeArray())).append('\n');
      }
      in.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }
    Map<String, String[]> out = new HashMap<>();
    StringBuilder all = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        all.append(line).append('\n');
        String[] f = line.trim().split("\\s+", 2);
        out.put(f[0], f.length > 1 ? f[1].split("\\s+") : new String[0]);
      }
    }
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return PyResult.absent("the pyethash script did not finish within 10 minutes");
    }
    if (out.containsKey("unavailable")) {
      return PyResult.absent(String.join(" ", out.get("unavailable")));
    }
    if (p.exitValue() != 0 || !out.containsKey("verified")) {
      return PyResult.absent("the pyethash script failed (exit " + p.exitValue() + "):\n" + all);
    }
    String[] verified = out.get("verified");
    double rate = Integer.parseInt(verified[0]) / Double.parseDouble(verified[1]);
    return new PyResult(true, null, out.get("api")[0], Double.parseDouble(out.get("cache_seconds")[0]), rate,
        Integer.parseInt(out.get("mismatches")[0]));
  }

  private static String findPython() {
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import pyethash").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // not installed under that name: try the next
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private static List<BlockHeader> readHeaders(Path file, int count) throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("header file not found: " + file.toAbsolutePath() + " (pass --data DIR)");
    }
    List<BlockHeader> out = new ArrayList<>(count);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.US_ASCII))) {
      for (String line = r.readLine(); line != null && out.size() < count; line = r.readLine()) {
        String[] f = line.trim().split("\\s+");
        if (f.length != 4) {
          continue;
        }
        long number = Long.parseLong(f[0]);
        if (number == 0) {
          continue; // the genesis carries no proof of work
        }
        out.add(BlockHeader.decode(Hex.decode(f[3])));
      }
    }
    return out;
  }

  private static double seconds(Runnable r) {
    long t = System.nanoTime();
    r.run();
    return (System.nanoTime() - t) / 1e9;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    return opts;
  }
}
