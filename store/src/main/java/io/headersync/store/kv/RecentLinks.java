package io.headersync.store.kv;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * The hash, parent hash and difficulty of headers put by batches that only add headers (a
 * reverse walk's: no canonical change, no delete), one slot per block number for the last {@code
 * capacity} numbers written, so that making a stored stretch canonical ({@link
 * io.headersync.store.WriteBatch#setCanonicalChain}) can find its links without reading its
 * headers back. A reverse sync is the case it serves: its walk stores headers from the target
 * down, then its canonical pass goes up through the same stretch, lowest (most recently written)
 * first, and reading a chunk of 10,000 headers back cost about 0.7 µs a header, more than writing
 * its canonical entries. Headers are noted as their batch is planned, while each is at hand: noted
 * after the commit, in a second pass, each header's first touch missed the caches and cost as much
 * as the pass saved.
 *
 * <p>A slot holds the latest header written at its number; an older one, a side branch's, or a
 * number whose slot was reused is a miss, and a miss sends the caller to the engine, so the record
 * must be right but never needs to be complete. The store keeps it right by clearing it whenever
 * a noted header may not be in the engine: a batch that fails after noting its headers, an unwind,
 * a batch that deletes a header. Memory: {@value #SLOT_BYTES} bytes a slot; slots are allocated on
 * the first header noted and double as the span of noted numbers outgrows them, up to the
 * capacity, so a store that only appends canonical headers (an import, an ascending sync) never
 * pays for them and a short walk pays little. Difficulties above {@link Long#MAX_VALUE} (no real
 * chain has one) are not recorded.
 *
 * <p>Not thread-safe: the store reads and changes it under its write lock only.
 */
final class RecentLinks {

  /** Number tag, hash, parent hash and difficulty. */
  static final int SLOT_BYTES = Long.BYTES + 2 * Hash.SIZE + Long.BYTES;
  /** Enough for a reverse walk of a million headers to be made canonical from memory. */
  static final int MAX_DEFAULT_CAPACITY = 1 << 20;

  private static final long EMPTY = -1;
  /** Slots allocated first; they double, up to the capacity, as a walk's span outgrows them. */
  private static final int INITIAL_SLOTS = 1 << 14;

  private final int capacity;
  private long[] numbers;
  private byte[] hashes;
  private byte[] parents;
  private long[] difficulties;

  RecentLinks(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** See {@link KeyValueHeaderStore#defaultRecentLinkSlots()}. */
  static int defaultCapacity() {
    return (int) Math.min(MAX_DEFAULT_CAPACITY, Runtime.getRuntime().maxMemory() / 32 / SLOT_BYTES);
  }

  /** Slots allocated so far: 0 until a header is recorded. */
  int slots() {
    return numbers == null ? 0 : numbers.length;
  }

  /** Notes a committed header, replacing what its slot held. */
  void record(BlockHeader header) {
    if (capacity == 0) {
      return;
    }
    long number = header.number();
    BigInteger difficulty = header.difficulty();
    if (difficulty.bitLength() >= Long.SIZE) {
      if (numbers != null && numbers[slot(number)] == number) {
        numbers[slot(number)] = EMPTY;
      }
      return;
    }
    if (numbers == null) {
      allocate(Math.min(capacity, INITIAL_SLOTS));
    }
    long held = numbers[slot(number)];
    if (held != EMPTY && held != number && numbers.length < capacity) {
      grow();
    }
    put(slot(number), number, header.hash().unsafeArray(), 0, header.parentHash().unsafeArray(), 0, difficulty.longValue());
  }

  private void put(int slot, long number, byte[] hash, int hashFrom, byte[] parent, int parentFrom, long difficulty) {
    numbers[slot] = number;
    System.arraycopy(hash, hashFrom, hashes, slot * Hash.SIZE, Hash.SIZE);
    System.arraycopy(parent, parentFrom, parents, slot * Hash.SIZE, Hash.SIZE);
    difficulties[slot] = difficulty;
  }

  private void allocate(int slots) {
    numbers = new long[slots];
    Arrays.fill(numbers, EMPTY);
    hashes = new byte[slots * Hash.SIZE];
    parents = new byte[slots * Hash.SIZE];
    difficulties = new long[slots];
  }

  /** Doubles the slots (up to the capacity), keeping every record. */
  private void grow() {
    long[] oldNumbers = numbers;
    byte[] oldHashes = hashes;
    byte[] oldParents = parents;
    long[] oldDifficulties = difficulties;
    allocate((int) Math.min(capacity, 2L * oldNumbers.length));
    for (int i = 0; i < oldNumbers.length; i++) {
      if (oldNumbers[i] != EMPTY) {
        put(slot(oldNumbers[i]), oldNumbers[i], oldHashes, i * Hash.SIZE, oldParents, i * Hash.SIZE, oldDifficulties[i]);
      }
    }
  }

  /** Forgets everything: some recorded header may have left the engine. */
  void clear() {
    if (numbers != null) {
      Arrays.fill(numbers, EMPTY);
    }
  }

  /**
   * The headers {@code fromNumber..topNumber} leading by parent hashes to {@code topHash},
   * ascending, when every one of them is recorded; otherwise {@code null}.
   */
  List<StoredChain.Entry> chain(long fromNumber, long topNumber, Hash topHash) {
    long count = topNumber - fromNumber + 1;
    if (numbers == null || count <= 0 || count > numbers.length) {
      return null;
    }
    StoredChain.Entry[] chain = new StoredChain.Entry[(int) count];
    Hash expected = topHash;
    for (long number = topNumber; number >= fromNumber; number--) {
      int slot = slot(number);
      int at = slot * Hash.SIZE;
      if (numbers[slot] != number || !Arrays.equals(hashes, at, at + Hash.SIZE, expected.unsafeArray(), 0, Hash.SIZE)) {
        return null;
      }
      // The slot holds the expected hash, so that object serves as the entry's; its parent becomes the next one expected.
      Hash parent = Hash.of(parents, at);
      chain[(int) (number - fromNumber)] = new StoredChain.Entry(number, expected, parent, BigInteger.valueOf(difficulties[slot]));
      expected = parent;
    }
    return List.of(chain);
  }

  private int slot(long number) {
    return (int) Long.remainderUnsigned(number, numbers.length);
  }
}
