package io.headersync.testkit.chain;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * A synthetic chain made on demand from a recipe and a seed. Header {@code n} is a pure function
 * of the seed and its parent, so the chain need not be kept: it is cut into segments of {@link
 * LazyChainConfig#segmentSize()} blocks, the parent of each segment's first block is kept as a
 * checkpoint (encoded bytes and total difficulty), and a few segments are kept decoded in a
 * least-recently-used cache. Reading a header makes at most one segment from its checkpoint; the
 * first read past the furthest checkpoint so far walks up to it once.
 *
 * <p>A fork is a chain whose first own block is the child of a block of its base chain, made with
 * its own seed; below that point it answers from the base.
 *
 * <p>Memory: see {@link LazyChainConfig}; {@link #cachedHeaderCount()} and {@link
 * #checkpointCount()} report what is held. Thread-safe (reads are serialised), so a chain can be
 * shared by the simulated peers of several tests.
 */
public final class LazyHeaderChain implements HeaderChain {

  private record Segment(BlockHeader[] headers, BigInteger[] totalDifficulties) {}

  private final HeaderRecipe recipe;
  private final long seed;
  private final LazyChainConfig config;
  private final HeaderChain base;
  private final long anchorNumber;
  private final BlockHeader anchor;
  private final BigInteger anchorTotalDifficulty;
  private final long headNumber;

  private final byte[][] checkpoints;
  private final BigInteger[] checkpointTotalDifficulties;
  private int knownCheckpoints = 1;
  private final Map<Long, Segment> cache;
  private final Map<Hash, Long> hashIndex;
  private BlockHeader head;

  private LazyHeaderChain(HeaderRecipe recipe, long seed, LazyChainConfig config, HeaderChain base, BlockHeader anchor,
      BigInteger anchorTotalDifficulty, long headNumber) {
    this.recipe = Objects.requireNonNull(recipe, "recipe");
    this.seed = seed;
    this.config = Objects.requireNonNull(config, "config");
    this.base = base;
    this.anchor = anchor;
    this.anchorNumber = anchor.number();
    this.anchorTotalDifficulty = anchorTotalDifficulty;
    if (headNumber < anchorNumber) {
      throw new IllegalArgumentException("head #" + headNumber + " is below the first block #" + anchorNumber);
    }
    this.headNumber = headNumber;
    long segments = Math.max(1, ceilDiv(headNumber - anchorNumber, config.segmentSize()));
    if (segments > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("chain too long for segment size " + config.segmentSize());
    }
    this.checkpoints = new byte[(int) segments][];
    this.checkpointTotalDifficulties = new BigInteger[(int) segments];
    checkpoints[0] = anchor.encoded();
    checkpointTotalDifficulties[0] = anchorTotalDifficulty;
    int cachedSegments = config.cachedSegments();
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Segment> eldest) {
        return size() > cachedSegments;
      }
    };
    int indexCapacity = config.hashIndexCapacity();
    this.hashIndex = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Hash, Long> eldest) {
        return size() > indexCapacity;
      }
    };
  }

  /** A chain of {@code length} blocks after its first, which is made at {@code firstNumber}. */
  public static LazyHeaderChain create(HeaderRecipe recipe, long seed, long firstNumber, long length, LazyChainConfig config) {
    if (length < 0 || firstNumber < 0) {
      throw new IllegalArgumentException("first number and length must not be negative");
    }
    BlockHeader first = recipe.first(firstNumber, new SplittableRandom(RandomBytes.mix(seed, firstNumber)));
    return new LazyHeaderChain(recipe, seed, config, null, first, recipe.firstTotalDifficulty(first), firstNumber + length);
  }

  /**
   * A fork that leaves this chain after block {@code atNumber} and has {@code length} blocks of its
   * own, made with {@code forkSeed}. For a pre-merge chain {@code weight} is checked: the fork's
   * head must have more (HEAVIER) or less (LIGHTER) total difficulty than this chain's head, which
   * walks both chains to their heads once.
   *
   * @throws IllegalArgumentException when the fork would not come out as asked, or would equal
   *     this chain
   */
  public LazyHeaderChain fork(long atNumber, long length, ForkWeight weight, long forkSeed) {
    if (!contains(atNumber)) {
      throw new IllegalArgumentException("fork point #" + atNumber + " is not on the chain " + firstNumber() + ".." + headNumber);
    }
    if (length < 1) {
      throw new IllegalArgumentException("a fork needs at least one block, got " + length);
    }
    LazyHeaderChain fork = new LazyHeaderChain(recipe.forFork(weight), forkSeed, config, this, header(atNumber),
        totalDifficulty(atNumber), atNumber + length);
    if (atNumber < headNumber && fork.header(atNumber + 1).equals(header(atNumber + 1))) {
      throw new IllegalArgumentException("fork seed " + forkSeed + " makes the same blocks as the base chain");
    }
    if (weight != ForkWeight.ANY) {
      BigInteger forkWork = fork.totalDifficulty(fork.headNumber());
      BigInteger baseWork = totalDifficulty(headNumber);
      int c = forkWork.compareTo(baseWork);
      if (weight == ForkWeight.HEAVIER ? c <= 0 : c >= 0) {
        throw new IllegalArgumentException("a " + length + "-block fork at #" + atNumber + " has total difficulty " + forkWork
            + ", the base head #" + headNumber + " has " + baseWork + ": not " + weight + "; change the fork's length");
      }
    }
    return fork;
  }

  @Override
  public long firstNumber() {
    return base == null ? anchorNumber : base.firstNumber();
  }

  @Override
  public long headNumber() {
    return headNumber;
  }

  /** The last block this chain shares with its base (its first block for a chain that is not a fork). */
  public long forkPoint() {
    return anchorNumber;
  }

  @Override
  public synchronized BlockHeader header(long number) {
    requireContains(number);
    if (number < anchorNumber) {
      return base.header(number);
    }
    if (number == anchorNumber) {
      return anchor;
    }
    if (number == headNumber && head != null) {
      return head;
    }
    long offset = number - anchorNumber - 1;
    BlockHeader h = segment(offset / config.segmentSize()).headers[(int) (offset % config.segmentSize())];
    if (number == headNumber) {
      head = h;
    }
    return h;
  }

  @Override
  public synchronized BigInteger totalDifficulty(long number) {
    requireContains(number);
    if (number < anchorNumber) {
      return base.totalDifficulty(number);
    }
    if (number == anchorNumber) {
      return anchorTotalDifficulty;
    }
    long offset = number - anchorNumber - 1;
    return segment(offset / config.segmentSize()).totalDifficulties[(int) (offset % config.segmentSize())];
  }

  @Override
  public synchronized OptionalLong numberOf(Hash hash) {
    if (anchor.hash().equals(hash)) {
      return OptionalLong.of(anchorNumber);
    }
    if (head != null && head.hash().equals(hash)) {
      return OptionalLong.of(headNumber);
    }
    Long n = hashIndex.get(hash);
    if (n != null) {
      return OptionalLong.of(n);
    }
    if (base != null) {
      OptionalLong below = base.numberOf(hash);
      if (below.isPresent() && below.getAsLong() < anchorNumber) {
        return below;
      }
    }
    return OptionalLong.empty();
  }

  /** Headers {@code from..to} in ascending order, made as the iteration goes. */
  public Iterator<BlockHeader> headers(long from, long to) {
    requireContains(from);
    requireContains(to);
    return new Iterator<>() {
      long next = from;

      @Override
      public boolean hasNext() {
        return next <= to;
      }

      @Override
      public BlockHeader next() {
        if (next > to) {
          throw new NoSuchElementException();
        }
        return header(next++);
      }
    };
  }

  /** Decoded headers held right now (cached segments). */
  public synchronized int cachedHeaderCount() {
    int n = 0;
    for (Segment s : cache.values()) {
      n += s.headers.length;
    }
    return n;
  }

  /** The most decoded headers this chain will ever hold at once. */
  public int maxCachedHeaders() {
    return config.cachedSegments() * config.segmentSize();
  }

  /** Checkpoints made so far (at most one per segment). */
  public synchronized int checkpointCount() {
    return knownCheckpoints;
  }

  public synchronized int hashIndexSize() {
    return hashIndex.size();
  }

  private Segment segment(long index) {
    Segment s = cache.get(index);
    if (s != null) {
      return s;
    }
    while (knownCheckpoints <= index) {
      make(knownCheckpoints - 1); // walks forward, recording the next checkpoint
    }
    s = make(index);
    cache.put(index, s);
    long first = anchorNumber + 1 + index * config.segmentSize();
    for (int i = 0; i < s.headers.length; i++) {
      hashIndex.put(s.headers[i].hash(), first + i);
    }
    return s;
  }

  private Segment make(long index) {
    int i = (int) index;
    BlockHeader parent = i == 0 ? anchor : BlockHeader.decode(checkpoints[i]);
    BigInteger td = checkpointTotalDifficulties[i];
    long firstNumber = anchorNumber + 1 + index * config.segmentSize();
    int count = (int) Math.min(config.segmentSize(), headNumber - firstNumber + 1);
    BlockHeader[] headers = new BlockHeader[count];
    BigInteger[] tds = new BigInteger[count];
    for (int k = 0; k < count; k++) {
      long number = firstNumber + k;
      BlockHeader child = recipe.child(parent, new SplittableRandom(RandomBytes.mix(seed, number)));
      td = child.difficulty().signum() == 0 ? td : td.add(child.difficulty());
      headers[k] = child;
      tds[k] = td;
      parent = child;
    }
    if (i + 1 < checkpoints.length && checkpoints[i + 1] == null) {
      checkpoints[i + 1] = parent.encoded();
      checkpointTotalDifficulties[i + 1] = td;
      knownCheckpoints = i + 2;
    }
    return new Segment(headers, tds);
  }

  private void requireContains(long number) {
    if (!contains(number)) {
      throw new IllegalArgumentException("block #" + number + " is not on this chain (" + firstNumber() + ".." + headNumber + ")");
    }
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
