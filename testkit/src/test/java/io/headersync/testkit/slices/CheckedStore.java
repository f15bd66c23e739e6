package io.headersync.testkit.slices;

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
 * A store that checks every header written against the chains a run may legitimately store, and
 * lists any other: a run passes only if nothing invalid was ever written, not just if its end
 * state is right.
 */
final class CheckedStore implements HeaderStore {

  private final HeaderStore inner;
  private final List<HeaderChain> valid;
  final List<String> violations = new ArrayList<>();
  long headersWritten;

  CheckedStore(HeaderStore inner, List<HeaderChain> valid) {
    this.inner = inner;
    this.valid = List.copyOf(valid);
  }

  @Override
  public void commit(WriteBatch batch) {
    for (WriteBatch.Op op : batch.ops()) {
      if (op instanceof WriteBatch.PutHeader put) {
        headersWritten++;
        BlockHeader h = put.header();
        boolean known = valid.stream().anyMatch(c -> c.contains(h.number()) && c.hash(h.number()).equals(h.hash()));
        if (!known && violations.size() < 10) {
          violations.add("header #" + h.number() + " " + h.hash() + " is on none of the valid chains");
        }
      }
    }
    inner.commit(batch);
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
