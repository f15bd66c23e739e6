package io.headersync.store.rocksdb;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.store.testing.SyntheticChain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The process {@link RocksDbCrashTest} kills: writes a synthetic chain in batches, each batch
 * carrying the "headers" checkpoint (whose bytes are the hash of the batch's last header),
 * resuming from that checkpoint when started again. After each commit returns it prints
 * {@code committed N}, so the killer knows what the store must still hold.
 *
 * <p>Arguments: store directory, chain seed, target head number ({@code -1} for no end), batch size.
 */
public final class CrashWriter {

  static final String STAGE = "headers";
  /** Small buffers so that memtable flushes, and kills during them, happen within a short test. */
  static final RocksDbConfig CONFIG = RocksDbConfig.DEFAULT.withBlockCacheBytes(8L << 20).withWriteBufferBytes(2L << 20);

  private CrashWriter() {}

  public static void main(String[] args) {
    try {
      Path dir = Path.of(args[0]);
      long seed = Long.parseLong(args[1]);
      long target = Long.parseLong(args[2]);
      int batchSize = Integer.parseInt(args[3]);
      run(dir, seed, target < 0 ? Long.MAX_VALUE : target, batchSize, n -> {
        System.out.println("committed " + n);
        System.out.flush();
      }, start -> {
        System.out.println("ready " + start);
        System.out.flush();
      });
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(2);
    }
  }

  /** Writes the chain of {@code seed} up to block {@code target}, resuming from the store's checkpoint. */
  static void run(Path dir, long seed, long target, int batchSize, LongConsumer committed, LongConsumer ready) {
    BlockHeader genesis = SyntheticChain.genesis(seed);
    try (HeaderStore store = RocksDbHeaderStore.open(dir, genesis.hash(), CONFIG)) {
      BlockHeader parent = null;
      BigInteger td = BigInteger.ZERO;
      Optional<Checkpoint> checkpoint = store.checkpoint(STAGE);
      if (checkpoint.isPresent()) {
        long at = checkpoint.get().number();
        BlockRef head = store.head().orElseThrow(() -> new IllegalStateException("a checkpoint at " + at + " but no head"));
        if (head.number() != at) {
          throw new IllegalStateException("checkpoint " + at + " but head " + head);
        }
        parent = store.canonicalHeader(at).orElseThrow();
        td = store.totalDifficulty(at, parent.hash()).orElseThrow();
      } else if (store.head().isPresent()) {
        throw new IllegalStateException("a head " + store.head().get() + " but no checkpoint");
      }
      ready.accept(parent == null ? 0 : parent.number() + 1);
      while (parent == null || parent.number() < target) {
        WriteBatch batch = new WriteBatch(2 * batchSize + 2);
        for (int i = 0; i < batchSize && (parent == null || parent.number() < target); i++) {
          BlockHeader next = parent == null ? genesis : SyntheticChain.child(parent, seed);
          td = td.add(next.difficulty());
          batch.putCanonicalHeader(next, td);
          if (next.number() % 16 == 0) {
            batch.putBody(next.hash(), new byte[] {(byte) 0xc2, (byte) 0xc0, (byte) 0xc0});
          }
          parent = next;
        }
        store.commit(batch.setCheckpoint(STAGE, new Checkpoint(parent.number(), parent.hash().toArray())));
        committed.accept(parent.number());
      }
    }
  }
}
