package io.headersync.store.rocksdb;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.store.testing.SyntheticChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prints how fast the RocksDB store commits batches of 10,000 synthetic ~540-byte headers (each
 * with total difficulty and the canonical entry, one checkpoint per batch), with and without an
 * fsync per commit, and the CPU time the committing thread spent per header (a steadier figure than
 * headers/s on a shared machine; RocksDB's background flushes and compactions are not in it). A figure to read, not a test: run it by hand with the test class path,
 * {@code java --enable-native-access=ALL-UNNAMED -cp ... io.headersync.store.rocksdb.StoreWriteThroughput [batches]}.
 */
public final class StoreWriteThroughput {

  private static final int BATCH = 10_000;

  private StoreWriteThroughput() {}

  public static void main(String[] args) throws IOException {
    int batches = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    List<BlockHeader> chain = SyntheticChain.build(1, batches * BATCH);
    List<BigInteger> tds = SyntheticChain.totalDifficulties(chain, BigInteger.ZERO);
    long bytes = chain.stream().mapToLong(h -> h.encoded().length).sum();
    System.out.printf("%d headers, %.0f bytes each on average%n", chain.size(), (double) bytes / chain.size());
    warmUp();
    for (boolean sync : new boolean[] {false, true}) {
      Path dir = Files.createTempDirectory("headersync-throughput");
      try (HeaderStore store = RocksDbHeaderStore.open(dir, chain.get(0).hash(), RocksDbConfig.DEFAULT.withSyncOnCommit(sync))) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
          WriteBatch batch = new WriteBatch(2 * BATCH + 1);
          for (int i = b * BATCH; i < (b + 1) * BATCH; i++) {
            batch.putCanonicalHeader(chain.get(i), tds.get(i));
          }
          store.commit(batch.setCheckpoint("headers", (b + 1L) * BATCH - 1));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicrosPerHeader = (threads.getCurrentThreadCpuTime() - startCpu) / 1e3 / chain.size();
        System.out.printf("syncOnCommit=%s: %d batches of %d in %.2f s = %.0f headers/s (%.1f MB/s of header RLP), %.2f µs CPU per header%n",
            sync, batches, BATCH, seconds, chain.size() / seconds, bytes / seconds / 1e6, cpuMicrosPerHeader);
      } finally {
        delete(dir);
      }
    }
  }

  /** Compiles the write path before timing, so the first timed batches are not the interpreter's. */
  private static void warmUp() throws IOException {
    List<BlockHeader> chain = SyntheticChain.build(2, 2 * BATCH);
    Path dir = Files.createTempDirectory("headersync-warmup");
    try (HeaderStore store = RocksDbHeaderStore.open(dir, chain.get(0).hash())) {
      for (int b = 0; b < 2; b++) {
        WriteBatch batch = new WriteBatch();
        chain.subList(b * BATCH, (b + 1) * BATCH).forEach(h -> batch.putCanonicalHeader(h, BigInteger.ONE));
        store.commit(batch);
      }
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
