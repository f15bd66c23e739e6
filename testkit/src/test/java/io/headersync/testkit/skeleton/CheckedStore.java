package io.headersync.testkit.skeleton;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.rules.HeaderValidator;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * A store that judges every header written before passing the write on: it must pass the header
 * rules against its parent (from the same write or the store), and it must belong to one of the
 * chains the run's peers serve (a fork served honestly is a valid chain that may be written for a
 * while and unwound; a header with a changed byte is on none). Anything else is kept as a
 * violation, so a run passes only if nothing invalid was ever written, not just if it ends well.
 */
final class CheckedStore implements HeaderStore {

  private final HeaderStore inner;
  private final HeaderValidator validator;
  private final List<HeaderChain> served;
  final List<String> violations = new ArrayList<>();
  long headersWritten;

  CheckedStore(HeaderStore inner, HeaderValidator validator, List<HeaderChain> served) {
    this.inner = inner;
    this.validator = validator;
    this.served = List.copyOf(served);
  }

  @Override
  public void commit(WriteBatch batch) {
    Map<Hash, BlockHeader> inThisWrite = new HashMap<>();
    for (WriteBatch.Op op : batch.ops()) {
      if (op instanceof WriteBatch.PutHeader put) {
        headersWritten++;
        BlockHeader h = put.header();
        inThisWrite.put(h.hash(), h);
        judge(h, inThisWrite);
      }
    }
    inner.commit(batch);
  }

  private void judge(BlockHeader h, Map<Hash, BlockHeader> inThisWrite) {
    if (violations.size() >= 10) {
      return;
    }
    if (served.stream().noneMatch(c -> c.contains(h.number()) && c.hash(h.number()).equals(h.hash()))) {
      violations.add("header #" + h.number() + " " + h.hash() + " is on none of the served chains");
      return;
    }
    BlockHeader parent = inThisWrite.get(h.parentHash());
    if (parent == null) {
      parent = inner.header(h.parentHash()).orElse(null);
    }
    if (parent == null) {
      violations.add("header #" + h.number() + " " + h.hash() + " written without its parent");
      return;
    }
    try {
      validator.validate(h, parent, null);
    } catch (InvalidHeaderException e) {
      violations.add("header #" + h.number() + " breaks a rule: " + e.getMessage());
    }
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
