package io.headersync.bench.soak;

import io.headersync.node.devnet.Devnet;
import io.headersync.node.devnet.DevnetSettings;
import io.headersync.node.devnet.FollowTracker;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The devnet left running: servers leave and come back, the chain reorganises every minute, and
 * the syncing node must keep following with a flat heap and no ERROR logged.
 *
 * <p>Usage: {@code DevnetSoak [minutes] [servers] [headers] [blockTimeMillis]} (defaults 10, 4,
 * 50,000, 3,000). After the first sync the producer makes a block every block time and a reorg of
 * depth 4 once a minute; every 30 s one running server is stopped, and a stopped one (if any)
 * started again on its port, so the syncing node loses peers and redials them. Every 10 s the heap
 * is sampled after a full collection (so the figure is live data, not garbage not yet collected).
 * At the end: the heap series, the mean of the first and of the last minute, blocks and reorgs
 * followed, the largest lag, whether the chains are equal, and how many ERROR lines were logged.
 * Exits 0 when the chains are equal and nothing was logged at ERROR.
 */
public final class DevnetSoak {

  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
  private static final Duration CHURN_EVERY = Duration.ofSeconds(30);
  private static final int REORG_DEPTH = 4;

  private DevnetSoak() {}

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int servers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    long headers = args.length > 2 ? Long.parseLong(args[2]) : 50_000;
    long blockMillis = args.length > 3 ? Long.parseLong(args[3]) : 3_000;
    ErrorCounter errors = ErrorCounter.install();
    int reorgEvery = (int) Math.max(2, 60_000 / blockMillis);
    DevnetSettings settings = DevnetSettings.DEFAULT.withPeers(servers).withHeaders(headers)
        .withBlockTime(Duration.ofMillis(blockMillis)).withFollow(0, 0).withReorgs(reorgEvery, REORG_DEPTH);
    System.out.printf(Locale.ROOT, "soak: %d min, %d servers, %,d headers, a block every %d ms, a reorg of depth %d every %d blocks%n",
        minutes, servers, headers, blockMillis, REORG_DEPTH, reorgEvery);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    List<Long> heapMb = new ArrayList<>();
    Random random = new Random(1);
    int stops = 0;
    int restarts = 0;
    try (Devnet devnet = Devnet.start(settings, line -> {
      if (!line.startsWith("produce:") && !line.startsWith("follow:")) {
        System.out.println(line);
      }
    })) {
      double syncSeconds = devnet.awaitSynced();
      System.out.printf(Locale.ROOT, "soak: first sync %.1f s; following%n", syncSeconds);
      devnet.startProducing();
      long start = System.nanoTime();
      long end = start + TimeUnit.MINUTES.toNanos(minutes);
      long nextSample = start;
      long nextChurn = start + CHURN_EVERY.toNanos();
      while (System.nanoTime() < end) {
        devnet.checkFollowed();
        long now = System.nanoTime();
        if (now >= nextSample) {
          System.gc();
          long used = memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
          heapMb.add(used);
          System.out.printf(Locale.ROOT, "soak: %4.0f s heap %d MB, head #%,d, followed %d blocks %d reorgs, %d eth sessions on the servers%n",
              (now - start) / 1e9, used, devnet.node().head().number(), devnet.follow().followedBlocks(),
              devnet.follow().followedReorgs(), devnet.servers().sessions());
          nextSample += SAMPLE_EVERY.toNanos();
        }
        if (now >= nextChurn) {
          List<Integer> up = new ArrayList<>();
          List<Integer> down = new ArrayList<>();
          for (int i = 0; i < devnet.servers().count(); i++) {
            (devnet.servers().isRunning(i) ? up : down).add(i);
          }
          if (!down.isEmpty()) {
            devnet.servers().restart(down.get(random.nextInt(down.size())));
            restarts++;
          }
          if (up.size() > 1) {
            devnet.servers().stop(up.get(random.nextInt(up.size())));
            stops++;
          }
          nextChurn += CHURN_EVERY.toNanos();
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
      devnet.stopProducing();
      for (int i = 0; i < devnet.servers().count(); i++) {
        devnet.servers().restart(i);
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!devnet.node().store().isCanonical(devnet.producer().head().hash()) && System.nanoTime() < until) {
        devnet.checkFollowed();
        TimeUnit.MILLISECONDS.sleep(20);
      }
      devnet.checkFollowed();
      boolean equal = devnet.compareChains().isEmpty();
      devnet.compareChains().ifPresent(m -> System.out.println("soak: chains differ: " + m));
      int perMinute = (int) (60 / SAMPLE_EVERY.toSeconds());
      FollowTracker follow = devnet.follow();
      System.out.printf(Locale.ROOT, "soak: heap MB every %d s: %s%n", SAMPLE_EVERY.toSeconds(), heapMb);
      System.out.printf(Locale.ROOT, "soak: heap first minute %.1f MB, last minute %.1f MB; followed %d blocks and %d reorgs, "
              + "largest lag %d ms (block time %d ms); %d server stops, %d restarts; chains %s; ERROR lines %d%n",
          mean(heapMb.subList(0, Math.min(perMinute, heapMb.size()))),
          mean(heapMb.subList(Math.max(0, heapMb.size() - perMinute), heapMb.size())), follow.followedBlocks(),
          follow.followedReorgs(), follow.maxLagNanos() / 1_000_000, blockMillis, stops, restarts, equal ? "equal" : "DIFFERENT",
          errors.count());
      errors.first().forEach(e -> System.out.println("soak: ERROR " + e));
      System.exit(equal && errors.count() == 0 ? 0 : 1);
    }
  }

  private static double mean(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).average().orElse(0);
  }
}
