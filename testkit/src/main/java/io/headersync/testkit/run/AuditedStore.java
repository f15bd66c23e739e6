package io.headersync.testkit.run;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.CloseableIterator;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.testkit.chain.HeaderChain;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * A store that checks every header written against the one chain honest peers serve, and counts
 * any other: a run is judged on what was ever written, not only on where it ended.
 */
final class AuditedStore implements HeaderStore {

  private static final int DESCRIBED = 10;

  private final HeaderStore inner;
  private final HeaderChain valid;
  private final List<String> invalid = new ArrayList<>();
  private long invalidCount;
  private long headersWritten;

  AuditedStore(HeaderStore inner, HeaderChain valid) {
    this.inner = inner;
    this.valid = valid;
  }

  long invalidHeaders() {
    return invalidCount;
  }

  List<String> invalidDescribed() {
    return List.copyOf(invalid);
  }

  long headersWritten() {
    return headersWritten;
  }

  @Override
  public void commit(WriteBatch batch) {
    for (WriteBatch.Op op : batch.ops()) {
      if (op instanceof WriteBatch.PutHeader put) {
        headersWritten++;
        BlockHeader h = put.header();
        if (!isValid(h)) {
          invalidCount++;
          if (invalid.size() < DESCRIBED) {
            invalid.add("header #" + h.number() + " " + h.hash() + " is not on the served chain");
          }
        }
      }
    }
    inner.commit(batch);
  }

  private boolean isValid(BlockHeader h) {
    if (!valid.contains(h.number())) {
      return false;
    }
    OptionalLong known = valid.numberOf(h.hash()); // cheap for headers made recently, which these are
    return known.isPresent() ? known.getAsLong() == h.number() : valid.hash(h.number()).equals(h.hash());
  }

  @Override public long unwindTo(long number) { return inner.unwindTo(number); }
  @Override public Hash genesisHash() { return inner.genesisHash(); }
  @Override public Optional<BlockRef> head() { return inner.head(); }
  @Override public Optional<BlockRef> oldestCanonical() { return inner.oldestCanonical(); }
  @Override public Optional<Hash> canonicalHash(long number) { return inner.canonicalHash(number); }
  @Override public Optional<BlockHeader> header(Hash hash) { return inner.header(hash); }
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
