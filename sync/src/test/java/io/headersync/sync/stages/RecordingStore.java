package io.headersync.sync.stages;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.CloseableIterator;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreException;
import io.headersync.store.WriteBatch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/** A store that records every committed batch and unwind, and can be told to fail a commit. */
final class RecordingStore implements HeaderStore {

  private final HeaderStore inner;
  final List<List<WriteBatch.Op>> batches = new ArrayList<>();
  final List<Long> unwinds = new ArrayList<>();
  /** How many batches had been committed at each flush. */
  final List<Integer> flushesAfterBatches = new ArrayList<>();
  /** Commits that make headers canonical succeed this many times; later ones fail as if the disk broke. */
  int canonicalWritesBeforeFailure = Integer.MAX_VALUE;
  private int canonicalWrites;

  RecordingStore(HeaderStore inner) {
    this.inner = inner;
  }

  @Override
  public void commit(WriteBatch batch) {
    if (batch.ops().stream().anyMatch(op -> op instanceof WriteBatch.SetCanonical || op instanceof WriteBatch.SetCanonicalChain)
        && canonicalWrites++ >= canonicalWritesBeforeFailure) {
      throw new StoreException(StoreException.Reason.IO, "disk gone (test)");
    }
    inner.commit(batch);
    batches.add(List.copyOf(batch.ops()));
  }

  @Override
  public void flush() {
    flushesAfterBatches.add(batches.size());
    inner.flush();
  }

  @Override
  public long unwindTo(long number) {
    unwinds.add(number);
    return inner.unwindTo(number);
  }

  @Override public Hash genesisHash() { return inner.genesisHash(); }
  @Override public Optional<BlockRef> head() { return inner.head(); }
  @Override public Optional<BlockRef> oldestCanonical() { return inner.oldestCanonical(); }
  @Override public Optional<Hash> canonicalHash(long number) { return inner.canonicalHash(number); }
  @Override public Optional<BlockHeader> header(Hash hash) { return inner.header(hash); }
  @Override public Optional<BlockHeader> header(long number, Hash hash) { return inner.header(number, hash); }
  @Override public Optional<BlockHeader> canonicalHeader(long number) { return inner.canonicalHeader(number); }
  @Override public OptionalLong blockNumber(Hash hash) { return inner.blockNumber(hash); }
  @Override public Optional<BigInteger> totalDifficulty(Hash hash) { return inner.totalDifficulty(hash); }
  @Override public Optional<BigInteger> totalDifficulty(long number, Hash hash) { return inner.totalDifficulty(number, hash); }
  @Override public Optional<byte[]> body(Hash hash) { return inner.body(hash); }
  @Override public Optional<Checkpoint> checkpoint(String stage) { return inner.checkpoint(stage); }
  @Override public SortedMap<String, Checkpoint> checkpoints() { return inner.checkpoints(); }
  @Override public CloseableIterator<BlockHeader> canonicalHeaders(long fromNumber) { return inner.canonicalHeaders(fromNumber); }
  @Override public void close() { inner.close(); }
}
