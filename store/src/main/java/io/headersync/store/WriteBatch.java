package io.headersync.store;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Changes that {@link HeaderStore#commit(WriteBatch)} applies together or not at all, in the
 * order they were added. A stage puts its headers and its new checkpoint in one batch, so
 * the checkpoint can never survive a crash without the headers it covers.
 *
 * <p>A batch is plain data, not bound to a store, and is not thread-safe. The store checks
 * the batch against its invariants when committing (see {@link HeaderStore#commit}); any
 * violation rejects the whole batch.
 */
public final class WriteBatch {

  /** The maximum total difficulty a store holds: 256 bits, like every Ethereum quantity. */
  public static final int MAX_TOTAL_DIFFICULTY_BITS = 256;

  /** One change. */
  public sealed interface Op permits PutHeader, PutTotalDifficulty, SetCanonical, SetCanonicalChain, PutBody, SetCheckpoint,
      DeleteHeader, DeleteBody, DeleteCheckpoint, UnwindCanonical {}

  /** Stores a header (not yet canonical), with its total difficulty when known ({@code null} if not). */
  public record PutHeader(BlockHeader header, BigInteger totalDifficulty) implements Op {}

  /**
   * Stores the total difficulty of a header already stored or put earlier in the batch.
   *
   * @param number the header's number when the caller knows it, or -1: the store then finds it
   *     through the number index (a read per change), where a known number lets it check a whole
   *     batch of them in one read
   */
  public record PutTotalDifficulty(Hash hash, BigInteger totalDifficulty, long number) implements Op {
    public PutTotalDifficulty(Hash hash, BigInteger totalDifficulty) {
      this(hash, totalDifficulty, -1);
    }
  }

  /** Makes a stored header the canonical block at its number, extending the canonical chain by one. */
  public record SetCanonical(long number, Hash hash) implements Op {}

  /**
   * Makes canonical, from one above the canonical head up to {@code topNumber}, the stored headers
   * that lead by parent hashes to {@code topHash} (the lowest one's parent must be the head): the
   * same as a {@link SetCanonical} for each, but the store finds the headers itself in one
   * sequential read of the range instead of a lookup per header. For a stretch stored earlier
   * (a reverse download's walk); a few thousand headers a change keep the write small. When the
   * head had a total difficulty before the batch, each block made canonical gets its own as well
   * (its parent's plus its difficulty, read in the same pass), so nothing has to read the stretch
   * back for it; otherwise none is written.
   */
  public record SetCanonicalChain(long topNumber, Hash topHash) implements Op {}

  /** Stores the body RLP of a header already stored or put earlier in the batch. */
  public record PutBody(Hash hash, byte[] body) implements Op {}

  /** Records a stage's progress. */
  public record SetCheckpoint(String stage, Checkpoint checkpoint) implements Op {}

  /** Removes a non-canonical header with its number index, total difficulty and body. */
  public record DeleteHeader(Hash hash) implements Op {}

  /** Removes a stored body. */
  public record DeleteBody(Hash hash) implements Op {}

  /** Removes a stage's checkpoint. */
  public record DeleteCheckpoint(String stage) implements Op {}

  /**
   * Lowers the canonical chain to block {@code number} inside the batch: the canonical blocks above
   * it stop being canonical but stay stored (header, number index, total difficulty, body), and
   * every checkpoint above {@code number} is lowered to it with its stage-specific bytes cleared,
   * as {@link HeaderStore#unwindTo} does. Later changes of the same batch may then make another
   * branch canonical from {@code number + 1}, so a reorganisation is one atomic write.
   */
  public record UnwindCanonical(long number) implements Op {}

  private final List<Op> ops;

  public WriteBatch() {
    ops = new ArrayList<>();
  }

  /** A batch sized for {@code expectedOps} changes, to avoid regrowing the list of a large batch. */
  public WriteBatch(int expectedOps) {
    ops = new ArrayList<>(expectedOps);
  }

  /** Stores {@code header} without a total difficulty and without making it canonical. */
  public WriteBatch putHeader(BlockHeader header) {
    ops.add(new PutHeader(Objects.requireNonNull(header, "header"), null));
    return this;
  }

  /** Stores {@code header} with its total difficulty, without making it canonical. */
  public WriteBatch putHeader(BlockHeader header, BigInteger totalDifficulty) {
    ops.add(new PutHeader(Objects.requireNonNull(header, "header"), checkTotalDifficulty(totalDifficulty)));
    return this;
  }

  /** Stores {@code header} (with {@code totalDifficulty} unless {@code null}) and makes it canonical. */
  public WriteBatch putCanonicalHeader(BlockHeader header, BigInteger totalDifficulty) {
    Objects.requireNonNull(header, "header");
    ops.add(new PutHeader(header, totalDifficulty == null ? null : checkTotalDifficulty(totalDifficulty)));
    ops.add(new SetCanonical(header.number(), header.hash()));
    return this;
  }

  public WriteBatch putTotalDifficulty(Hash hash, BigInteger totalDifficulty) {
    ops.add(new PutTotalDifficulty(Objects.requireNonNull(hash, "hash"), checkTotalDifficulty(totalDifficulty)));
    return this;
  }

  /**
   * Stores the total difficulty of the stored header {@code number}/{@code hash}; knowing the number
   * spares the store a lookup of it (see {@link PutTotalDifficulty}).
   */
  public WriteBatch putTotalDifficulty(long number, Hash hash, BigInteger totalDifficulty) {
    if (number < 0) {
      throw new IllegalArgumentException("block number must not be negative, got " + number);
    }
    ops.add(new PutTotalDifficulty(Objects.requireNonNull(hash, "hash"), checkTotalDifficulty(totalDifficulty), number));
    return this;
  }

  /** Makes the stored chain ending at {@code topNumber}/{@code topHash} canonical above the head; see {@link SetCanonicalChain}. */
  public WriteBatch setCanonicalChain(long topNumber, Hash topHash) {
    if (topNumber < 0) {
      throw new IllegalArgumentException("block number must not be negative, got " + topNumber);
    }
    ops.add(new SetCanonicalChain(topNumber, Objects.requireNonNull(topHash, "topHash")));
    return this;
  }

  public WriteBatch setCanonical(long number, Hash hash) {
    if (number < 0) {
      throw new IllegalArgumentException("block number must not be negative, got " + number);
    }
    ops.add(new SetCanonical(number, Objects.requireNonNull(hash, "hash")));
    return this;
  }

  /** Stores a copy of {@code body} (the block body RLP) for the header {@code hash}. */
  public WriteBatch putBody(Hash hash, byte[] body) {
    ops.add(new PutBody(Objects.requireNonNull(hash, "hash"), Objects.requireNonNull(body, "body").clone()));
    return this;
  }

  public WriteBatch setCheckpoint(String stage, Checkpoint checkpoint) {
    ops.add(new SetCheckpoint(checkStage(stage), Objects.requireNonNull(checkpoint, "checkpoint")));
    return this;
  }

  public WriteBatch setCheckpoint(String stage, long number) {
    return setCheckpoint(stage, Checkpoint.at(number));
  }

  public WriteBatch deleteHeader(Hash hash) {
    ops.add(new DeleteHeader(Objects.requireNonNull(hash, "hash")));
    return this;
  }

  public WriteBatch deleteBody(Hash hash) {
    ops.add(new DeleteBody(Objects.requireNonNull(hash, "hash")));
    return this;
  }

  /**
   * Demotes the canonical blocks above {@code number} (kept as side-branch headers) and lowers the
   * checkpoints above it; see {@link UnwindCanonical}. The store rejects the batch when
   * {@code number} is below its oldest canonical block.
   */
  public WriteBatch unwindCanonicalTo(long number) {
    if (number < 0) {
      throw new IllegalArgumentException("block number must not be negative, got " + number);
    }
    ops.add(new UnwindCanonical(number));
    return this;
  }

  public WriteBatch deleteCheckpoint(String stage) {
    ops.add(new DeleteCheckpoint(checkStage(stage)));
    return this;
  }

  /** The changes in the order they will be applied (read-only view). */
  public List<Op> ops() {
    return Collections.unmodifiableList(ops);
  }

  public int size() {
    return ops.size();
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  /** Empties the batch so that it can be reused for the next one. */
  public void clear() {
    ops.clear();
  }

  private static BigInteger checkTotalDifficulty(BigInteger td) {
    Objects.requireNonNull(td, "totalDifficulty");
    if (td.signum() < 0 || td.bitLength() > MAX_TOTAL_DIFFICULTY_BITS) {
      throw new IllegalArgumentException("total difficulty must be a 256-bit unsigned number, got " + td);
    }
    return td;
  }

  /** Stage names are short ASCII identifiers so that they read well in logs and the CLI. */
  private static String checkStage(String stage) {
    Objects.requireNonNull(stage, "stage");
    if (stage.isEmpty() || stage.length() > 64 || !stage.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
      throw new IllegalArgumentException("a stage name is 1 to 64 printable ASCII characters, got \"" + stage + "\"");
    }
    return stage;
  }
}
