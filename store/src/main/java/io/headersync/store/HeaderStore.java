package io.headersync.store;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * Verified block headers, the canonical chain over them, total difficulties, bodies fetched on
 * demand, and the checkpoints of the stages that write them.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>The canonical chain is contiguous: every number from {@link #oldestCanonical()} to
 *       {@link #head()} has a canonical hash, none above the head does, and each canonical
 *       header's parent hash is the canonical hash one below it. It need not start at 0: a
 *       store may begin at a trusted header.
 *   <li>A canonical block 0 is the genesis the store was created for ({@link #genesisHash()}).
 *   <li>A canonical hash always has its header and its number index.
 *   <li>{@link #commit} and {@link #unwindTo} are atomic: after a crash at any instant the store
 *       holds either all of a batch or none of it.
 * </ul>
 *
 * <h2>Writes</h2>
 * {@link #commit} rejects, with {@link StoreException.Reason#REJECTED_WRITE} and without writing
 * anything, a batch that would break an invariant: making a header canonical that is unknown,
 * whose number differs, that does not extend the head by one with the head as its parent, or
 * that is block 0 of another genesis; a total difficulty or body for an unknown header; deleting
 * a canonical header. Re-making an already canonical hash canonical at its number is allowed
 * and changes nothing, so a retried batch is harmless. To replace canonical blocks, unwind
 * first, then commit the new branch; or, to do both in one atomic write and keep the replaced
 * headers as a side branch, start the batch with {@link WriteBatch#unwindCanonicalTo}.
 *
 * <p>Durability: a committed batch survives the process being killed at any later instant.
 * Whether it also survives a power failure depends on the implementation's configuration (see
 * the RocksDB store's {@code syncOnCommit}); the store is consistent either way.
 *
 * <h2>Threads</h2>
 * Reads may run from any thread concurrently with one another and with a write. Writes
 * ({@link #commit}, {@link #unwindTo}) are serialised by the store. A reader that reads the head
 * and then a canonical entry may see a later commit between the two reads; use
 * {@link #canonicalHeaders} for a consistent walk.
 */
public interface HeaderStore extends AutoCloseable {

  /** The genesis hash recorded when the store was created; it names the chain the store holds. */
  Hash genesisHash();

  /** The canonical tip, or empty when no block is canonical yet. */
  Optional<BlockRef> head();

  /** The lowest canonical block (genesis, or the trusted header the store began at), or empty. */
  Optional<BlockRef> oldestCanonical();

  /** The canonical hash at {@code number}, or empty above the head or below the oldest canonical block. */
  Optional<Hash> canonicalHash(long number);

  /** A stored header, canonical or not. */
  Optional<BlockHeader> header(Hash hash);

  /** The stored header {@code number}/{@code hash}, canonical or not (one read, no index lookup). */
  Optional<BlockHeader> header(long number, Hash hash);

  /** The canonical header at {@code number}. */
  Optional<BlockHeader> canonicalHeader(long number);

  /** The number of a stored header, canonical or not. */
  OptionalLong blockNumber(Hash hash);

  /** Whether {@code hash} is the canonical block at its number. */
  default boolean isCanonical(Hash hash) {
    OptionalLong number = blockNumber(hash);
    return number.isPresent() && canonicalHash(number.getAsLong()).map(hash::equals).orElse(false);
  }

  /** The total difficulty stored for a header, looked up through its number. */
  Optional<BigInteger> totalDifficulty(Hash hash);

  /** The total difficulty stored for the header {@code number}/{@code hash} (one read, no index lookup). */
  Optional<BigInteger> totalDifficulty(long number, Hash hash);

  /** The stored body RLP of a header (a copy), or empty when no body was fetched for it. */
  Optional<byte[]> body(Hash hash);

  /** A stage's checkpoint, or empty when the stage has never committed. */
  Optional<Checkpoint> checkpoint(String stage);

  /** Every stage's checkpoint, by stage name. */
  SortedMap<String, Checkpoint> checkpoints();

  /**
   * Applies every change of {@code batch} in one atomic write, or none of them (see the class
   * comment for what is rejected). An empty batch does nothing.
   *
   * @throws StoreException {@link StoreException.Reason#REJECTED_WRITE} when the batch would break
   *     an invariant, {@link StoreException.Reason#IO} when the engine fails; nothing is written
   *     in either case
   */
  void commit(WriteBatch batch);

  /**
   * Moves what earlier commits wrote out of the engine's write buffers into its files (RocksDB:
   * flushes every table's memtable and waits for it). Durability does not depend on it, since
   * every commit is already logged; it is about where data lands. A caller about to write a long
   * run of keys far from the recent ones calls it first: a reverse download writes from the tip
   * down toward a head written moments before, and without a flush the first file of the walk
   * would span both, overlap every later file and force the engine to rewrite them all. An engine
   * without write buffers does nothing.
   *
   * @throws StoreException {@link StoreException.Reason#IO} when the engine fails, {@link
   *     StoreException.Reason#CLOSED} after {@link #close()}; nothing stored is lost either way
   */
  void flush();

  /**
   * Removes the canonical blocks above {@code number} — their canonical entries, headers, number
   * index, total difficulties and bodies — and lowers every checkpoint above {@code number} to
   * {@code number} with its stage-specific bytes cleared (they described progress that no longer
   * exists), all in one atomic write.
   *
   * <p>Headers that were never canonical (side branches, headers waiting for a reverse download to
   * close its gap) are kept: they were written deliberately and may still become canonical; a
   * caller prunes them with {@link WriteBatch#deleteHeader}. The unwound headers themselves are
   * not kept: the usual reason to unwind is that they are on a bad or abandoned branch.
   *
   * <p>Unwinding to or above the head removes nothing but still lowers checkpoints above
   * {@code number}. The write's size grows with the number of blocks removed (about 200 bytes a
   * block), which for realistic unwinds (reorgs, a bad batch) is small.
   *
   * @return how many canonical blocks were removed
   */
  long unwindTo(long number);

  /**
   * The canonical headers from {@code fromNumber} (or from the oldest canonical block, if that is
   * higher) up to the head, in ascending order, read lazily. What it yields is contiguous and
   * parent-linked. A store that can read a snapshot walks the chain as it was when the walk began;
   * one that cannot stops early where a concurrent unwind changed the chain.
   */
  CloseableIterator<BlockHeader> canonicalHeaders(long fromNumber);

  /** Releases the store; later calls fail with {@link StoreException.Reason#CLOSED}. Idempotent. */
  @Override
  void close();
}
