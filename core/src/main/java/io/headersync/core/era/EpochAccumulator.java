package io.headersync.core.era;

import io.headersync.core.bytes.Hash;
import io.headersync.core.source.SourceFormatException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SSZ hash tree root of a pre-merge epoch record, {@code List[HeaderRecord, 8192]}, built
 * one block at a time.
 *
 * <p>Records are folded into a Merkle branch as they arrive (the incremental scheme of the
 * deposit contract), so memory is 14 hashes whatever the number of blocks, and the root of
 * the records so far is available at any point: the 8192-leaf tree padded with zero chunks,
 * with the number of records mixed in. Each leaf is {@code sha256(block_hash ‖ td as 32 bytes LE)}.
 *
 * <p>Hand-written rather than taken from an SSZ library: it is one fixed type, a few dozen
 * lines, and this way it streams. Not thread-safe.
 */
public final class EpochAccumulator {

  /** Blocks per epoch record (2^13), the list limit of the SSZ type. */
  public static final int EPOCH_SIZE = 8192;
  /** Depth of the tree under the length mix-in: log2(EPOCH_SIZE). */
  static final int DEPTH = 13;
  /** Hashes in a header's proof against its epoch root: the sibling TD, 13 levels, the length. */
  public static final int PROOF_LENGTH = DEPTH + 2;

  private static final byte[][] ZERO_HASHES = zeroHashes();

  private final MessageDigest sha256 = newSha256();
  /** branch[level]: the left subtree root waiting for its right sibling; branch[DEPTH]: the full tree. */
  private final byte[][] branch = new byte[DEPTH + 1][];
  private int size;

  /** Appends the next block of the epoch. */
  public void add(Hash blockHash, BigInteger totalDifficulty) {
    add(new HeaderRecord(blockHash, totalDifficulty));
  }

  /** Appends the next block of the epoch. */
  public void add(HeaderRecord record) {
    if (size == EPOCH_SIZE) {
      throw new IllegalStateException("an epoch record holds at most " + EPOCH_SIZE + " blocks");
    }
    byte[] node = hash(record.blockHash().unsafeArray(), HeaderRecord.uint256LittleEndian(record.totalDifficulty()));
    int index = size;
    for (int level = 0; level <= DEPTH; level++) {
      if ((index & 1) == 0 || level == DEPTH) {
        branch[level] = node;
        break;
      }
      node = hash(branch[level], node);
      index >>>= 1;
    }
    size++;
  }

  /** Number of records added. */
  public int size() {
    return size;
  }

  /** The hash tree root of the records added so far. */
  public Hash root() {
    if (size == EPOCH_SIZE) {
      return Hash.wrap(hash(branch[DEPTH], lengthChunk(size)));
    }
    byte[] node = ZERO_HASHES[0];
    int index = size;
    for (int level = 0; level < DEPTH; level++) {
      node = (index & 1) == 1 ? hash(branch[level], node) : hash(node, ZERO_HASHES[level]);
      index >>>= 1;
    }
    return Hash.wrap(hash(node, lengthChunk(size)));
  }

  /** The root of {@code records}, which must be at most {@link #EPOCH_SIZE}. */
  public static Hash rootOf(List<HeaderRecord> records) {
    EpochAccumulator acc = new EpochAccumulator();
    records.forEach(acc::add);
    return acc.root();
  }

  /**
   * Recomputes the epoch root from a block hash, its index within the epoch and a
   * {@link #PROOF_LENGTH}-hash proof (the layout of the pre-merge header proofs served by the
   * portal network: the leaf's TD sibling, then the 13 siblings up the tree, then the length
   * chunk). The proof holds if the result equals the accumulator's root for that epoch.
   */
  public static Hash rootFromProof(Hash blockHash, int indexInEpoch, List<Hash> proof) {
    if (indexInEpoch < 0 || indexInEpoch >= EPOCH_SIZE) {
      throw new IllegalArgumentException("index in epoch must be 0.." + (EPOCH_SIZE - 1) + ", got " + indexInEpoch);
    }
    if (proof.size() != PROOF_LENGTH) {
      throw new IllegalArgumentException("a proof has " + PROOF_LENGTH + " hashes, got " + proof.size());
    }
    MessageDigest sha = newSha256();
    // Generalized index of the block_hash field: list root 1, data subtree 2, leaf, left child.
    long g = ((2L << DEPTH) + indexInEpoch) << 1;
    byte[] node = blockHash.unsafeArray();
    for (Hash sibling : proof) {
      node = (g & 1) == 1 ? hash(sha, sibling.unsafeArray(), node) : hash(sha, node, sibling.unsafeArray());
      g >>>= 1;
    }
    return Hash.wrap(node);
  }

  /**
   * Reads an SSZ epoch record file: {@code n × (block hash ‖ TD LE)} with n at most 8192.
   * The size is checked before the file is read.
   */
  public static List<HeaderRecord> readEpochRecord(Path file) throws SourceFormatException, IOException {
    long size = Files.size(file);
    if (size % HeaderRecord.SSZ_SIZE != 0) {
      throw new SourceFormatException(file, size - size % HeaderRecord.SSZ_SIZE, "epoch record size " + size
          + " is not a multiple of " + HeaderRecord.SSZ_SIZE + " (hash and total difficulty per block)");
    }
    if (size > (long) EPOCH_SIZE * HeaderRecord.SSZ_SIZE) {
      throw new SourceFormatException(file, (long) EPOCH_SIZE * HeaderRecord.SSZ_SIZE, "epoch record holds "
          + size / HeaderRecord.SSZ_SIZE + " blocks, more than " + EPOCH_SIZE);
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length != size) {
      throw new SourceFormatException(file, 0, "file changed size while being read");
    }
    List<HeaderRecord> records = new ArrayList<>(bytes.length / HeaderRecord.SSZ_SIZE);
    for (int at = 0; at < bytes.length; at += HeaderRecord.SSZ_SIZE) {
      records.add(new HeaderRecord(Hash.of(bytes, at), HeaderRecord.readUInt256LittleEndian(bytes, at + 32)));
    }
    return records;
  }

  private byte[] hash(byte[] left, byte[] right) {
    return hash(sha256, left, right);
  }

  private static byte[] hash(MessageDigest sha, byte[] left, byte[] right) {
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  private static byte[] lengthChunk(int length) {
    byte[] chunk = new byte[32];
    chunk[0] = (byte) length;
    chunk[1] = (byte) (length >>> 8);
    chunk[2] = (byte) (length >>> 16);
    chunk[3] = (byte) (length >>> 24);
    return chunk;
  }

  private static byte[][] zeroHashes() {
    MessageDigest sha = newSha256();
    byte[][] zeros = new byte[DEPTH + 1][];
    zeros[0] = new byte[32];
    for (int i = 1; i <= DEPTH; i++) {
      zeros[i] = hash(sha, zeros[i - 1], zeros[i - 1]);
    }
    return zeros;
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
