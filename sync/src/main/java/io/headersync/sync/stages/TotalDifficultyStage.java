package io.headersync.sync.stages;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.CloseableIterator;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * Fills in total difficulty along the canonical chain, upward from its checkpoint to the headers
 * stage's: TD(n) = TD(n − 1) + difficulty(n), {@code chunk} blocks per atomic write with the
 * checkpoint. It starts at the oldest canonical block, whose total difficulty the store must hold
 * (genesis, or the trusted header it began at).
 *
 * <p>Its own stage because a download cannot always store it with its headers: a reverse walk
 * learns the parent's total difficulty only at the local head, below everything it brings. Most
 * of the time the headers stage's writes carry it anyway: ascending downloads compute it as they
 * go, and the store fills it in when it makes a reverse walk canonical on a head that has one (see
 * {@link HeadersStage}); this stage fills in the rest. When the block at the headers stage's
 * checkpoint already has its total difficulty, every block below it has one (each was computed
 * from its parent's, and an unwind removes them with their blocks), so the stage moves its
 * checkpoint there without reading anything back.
 */
public final class TotalDifficultyStage implements Stage {

  public static final String ID = "total-difficulty";

  private final HeaderStore store;
  private final int chunk;

  /** @param chunk blocks per write (the headers stage's commit threshold is a good value) */
  public TotalDifficultyStage(HeaderStore store, int chunk) {
    this.store = Objects.requireNonNull(store, "store");
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk must be positive, got " + chunk);
    }
    this.chunk = chunk;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public StageResult execute(ExecInput input) {
    BlockRef oldest = store.oldestCanonical().orElseThrow(() -> new StageException(ID, StageException.Kind.NO_LOCAL_HEAD, -1,
        "the store has no canonical block"));
    long from = Math.max(input.checkpointNumber(oldest.number()), oldest.number());
    long upTo = input.upTo().orElse(store.head().map(BlockRef::number).orElse(from));
    if (from >= upTo) {
      return new StageResult.Done(new WriteBatch(), Checkpoint.at(from));
    }
    Optional<Hash> top = store.canonicalHash(upTo);
    if (top.isPresent() && store.totalDifficulty(upTo, top.get()).isPresent()) {
      // Whoever stored it computed it from its parent's, so every block below has one too.
      return new StageResult.Done(new WriteBatch(), Checkpoint.at(upTo));
    }
    BlockRef parent = new BlockRef(from, store.canonicalHash(from).orElseThrow(() -> new StageException(ID,
        StageException.Kind.MISSING_HEADER, from, "no canonical block at the stage's checkpoint")));
    BigInteger td = store.totalDifficulty(parent.number(), parent.hash()).orElseThrow(() -> new StageException(ID,
        StageException.Kind.MISSING_TOTAL_DIFFICULTY, from, "canonical block " + parent.hash()
            + " has no total difficulty, so none above it can be computed"));
    long end = Math.min(upTo, from + chunk);
    WriteBatch write = new WriteBatch((int) (end - from));
    long reached = from;
    try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(from + 1)) {
      while (reached < end && it.hasNext()) {
        BlockHeader h = it.next();
        td = td.add(h.difficulty());
        write.putTotalDifficulty(h.number(), h.hash(), td);
        reached = h.number();
      }
    }
    if (reached < end) {
      throw new StageException(ID, StageException.Kind.MISSING_HEADER, reached + 1,
          "the canonical chain ends at " + reached + " below the headers checkpoint " + upTo);
    }
    Checkpoint checkpoint = Checkpoint.at(reached);
    return reached >= upTo ? new StageResult.Done(write, checkpoint) : new StageResult.Progress(write, checkpoint);
  }

  @Override
  public UnwindResult unwind(UnwindInput input) {
    // Total difficulties above the point belong to blocks the canonical unwind removes, with them.
    long never = store.oldestCanonical().map(BlockRef::number).orElse(0L);
    long number = Math.min(input.to(), input.checkpoint().map(Checkpoint::number).orElse(never));
    return UnwindResult.checkpointOnly(Checkpoint.at(number));
  }
}
