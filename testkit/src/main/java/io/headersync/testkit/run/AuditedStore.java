package io.headersync.testkit.run;

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
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * A store that judges every header written against the chains a run may legitimately store, and
 * counts (and describes the first few of) any other: a run is judged on what was ever written,
 * not only on where it ended. The one checked store of the simulation harnesses.
 *
 * <p>Valid chains: the chain honest peers serve and, where a test wants it, the branch the tip
 * moves to, or a fork honestly served that may be written for a while and unwound. With rules
 * given, each header must also pass them against its parent (from the same write or the store),
 * and must not be written before its parent: a second opinion on the sync's own checks. Without
 * rules (benchmarks) the check is a hash lookup, so it costs the measured sync next to nothing.
 */
public final class AuditedStore implements HeaderStore {

  private static final int DESCRIBED = 10;

  private final HeaderStore inner;
  private final List<HeaderChain> valid;
  private final HeaderValidator rules;
  private final List<String> invalid = new ArrayList<>();
  private long invalidCount;
  private long headersWritten;

  /** Judges headers by membership of {@code valid} alone. */
  public AuditedStore(HeaderStore inner, HeaderChain valid) {
    this(inner, List.of(valid), null);
  }

  /**
   * @param valid the chains a header may belong to
   * @param rules rules each header must pass against its parent, or null for membership alone
   */
  public AuditedStore(HeaderStore inner, List<? extends HeaderChain> valid, HeaderValidator rules) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.valid = List.copyOf(valid);
    this.rules = rules;
    if (this.valid.isEmpty()) {
      throw new IllegalArgumentException("at least one valid chain is needed");
    }
  }

  /** Headers written that lie on no valid chain, or (with rules) break one, or came before their parent. */
  public long invalidHeaders() {
    return invalidCount;
  }

  /** The first {@value #DESCRIBED} of them, described. */
  public List<String> invalidDescribed() {
    return List.copyOf(invalid);
  }

  public long headersWritten() {
    return headersWritten;
  }

  @Override
  public void commit(WriteBatch batch) {
    Map<Hash, BlockHeader> inThisWrite = rules == null ? Map.of() : new HashMap<>();
    for (WriteBatch.Op op : batch.ops()) {
      if (op instanceof WriteBatch.PutHeader put) {
        headersWritten++;
        BlockHeader h = put.header();
        if (rules != null) {
          inThisWrite.put(h.hash(), h);
        }
        String problem = judge(h, inThisWrite);
        if (problem != null) {
          invalidCount++;
          if (invalid.size() < DESCRIBED) {
            invalid.add("header #" + h.number() + " " + h.hash() + " " + problem);
          }
        }
      }
    }
    inner.commit(batch);
  }

  /** What is wrong with {@code h}, or null. */
  private String judge(BlockHeader h, Map<Hash, BlockHeader> inThisWrite) {
    if (!onAValidChain(h)) {
      return valid.size() == 1 ? "is not on the served chain" : "is on none of the valid chains";
    }
    if (rules == null) {
      return null;
    }
    BlockHeader parent = inThisWrite.get(h.parentHash());
    if (parent == null) {
      parent = inner.header(h.parentHash()).orElse(null);
    }
    if (parent == null) {
      return "was written without its parent";
    }
    try {
      rules.validate(h, parent, null);
      return null;
    } catch (InvalidHeaderException e) {
      return "breaks a rule: " + e.getMessage();
    }
  }

  private boolean onAValidChain(BlockHeader h) {
    for (HeaderChain chain : valid) {
      if (isOn(chain, h)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOn(HeaderChain chain, BlockHeader h) {
    if (!chain.contains(h.number())) {
      return false;
    }
    OptionalLong known = chain.numberOf(h.hash()); // cheap for headers made recently, which these are
    return known.isPresent() ? known.getAsLong() == h.number() : chain.hash(h.number()).equals(h.hash());
  }

  @Override public long unwindTo(long number) { return inner.unwindTo(number); }
  @Override public void flush() { inner.flush(); }
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
