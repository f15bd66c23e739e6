package io.headersync.node.devnet;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The one store every devnet server serves from.
 *
 * <p>Why one store and not one per server: the servers all hold the same chain, and what makes
 * them separate nodes is their key, port, RLPx sessions and eth protocol, not their disk. N copies
 * of a 200,000-header chain would cost N times the writing (seconds each) and the disk, and test
 * nothing a single copy does not. The producer writes the live blocks here once; every server
 * reads them at once. RocksDB rather than memory, so a long chain costs disk, not heap (about
 * 600 bytes a header), and the heap the devnet reports is the syncing node's.
 */
public final class ServerStore implements AutoCloseable {

  /** Headers written per atomic batch while filling: large enough to amortise a write, small enough to stay a few MB. */
  static final int FILL_BATCH = 8_192;

  private final RocksDbHeaderStore store;
  private final Path directory;
  private final boolean deleteOnClose;

  private ServerStore(RocksDbHeaderStore store, Path directory, boolean deleteOnClose) {
    this.store = store;
    this.directory = directory;
    this.deleteOnClose = deleteOnClose;
  }

  /**
   * Makes a new store in {@code directory} (whatever was there is deleted: the servers' chain is
   * made again from the seed on every run) and fills it with the chain's history, genesis to the
   * history's head, reporting the number written after each batch.
   */
  public static ServerStore fill(DevnetChain chain, Path directory, boolean deleteOnClose, LongConsumer progress) {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(progress, "progress");
    deleteTree(directory);
    RocksDbHeaderStore store = RocksDbHeaderStore.open(directory, chain.spec().genesisHash());
    try {
      long head = chain.historyHead();
      WriteBatch batch = new WriteBatch(2 * FILL_BATCH);
      for (long n = 0; n <= head; n++) {
        BlockHeader header = chain.historyHeader(n);
        batch.putCanonicalHeader(header, chain.totalDifficulty());
        if (chain.hasBody(n)) {
          batch.putBody(header.hash(), chain.body(header));
        }
        if (batch.size() >= 2 * FILL_BATCH || n == head) { // about two ops a header
          store.commit(batch);
          batch = new WriteBatch(2 * FILL_BATCH);
          progress.accept(n);
        }
      }
      return new ServerStore(store, directory, deleteOnClose);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public HeaderStore store() {
    return store;
  }

  @Override
  public void close() {
    store.close();
    if (deleteOnClose) {
      deleteTree(directory);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
