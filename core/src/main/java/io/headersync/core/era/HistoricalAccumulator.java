package io.headersync.core.era;

import io.headersync.core.bytes.Hash;
import io.headersync.core.source.SourceFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The pre-merge historical accumulator: one epoch-record root per 8192 blocks, from genesis to
 * the merge, frozen since (mainnet: epochs 0 to 1896). It is a trust anchor: an era1 file, or a
 * single header with its proof, is canonical pre-merge history when its epoch root is listed
 * here.
 *
 * <p>The SSZ form is {@code Container(historical_epochs: List[Bytes32, 2048],
 * current_epoch: List[HeaderRecord, 8192])}: two 4-byte offsets, the roots, then the records of
 * the unfinished epoch (empty in the frozen mainnet accumulator).
 */
public final class HistoricalAccumulator {

  /** List limit of {@code historical_epochs}: more than the 1897 epochs mainnet ever had before the merge. */
  public static final int MAX_HISTORICAL_EPOCHS = 2048;
  private static final int FIXED_PART = 8;
  /** Largest well-formed file: the fixed part, the full root list and a full current epoch. */
  private static final long MAX_SIZE = FIXED_PART + 32L * MAX_HISTORICAL_EPOCHS
      + (long) HeaderRecord.SSZ_SIZE * EpochAccumulator.EPOCH_SIZE;

  private final byte[] roots; // epochCount × 32 bytes
  private final List<HeaderRecord> currentEpoch;

  private HistoricalAccumulator(byte[] roots, List<HeaderRecord> currentEpoch) {
    this.roots = roots;
    this.currentEpoch = currentEpoch;
  }

  /** Reads and checks {@code historical_hashes_accumulator.ssz}. */
  public static HistoricalAccumulator load(Path file) throws SourceFormatException, IOException {
    long size = Files.size(file);
    if (size > MAX_SIZE) {
      throw new SourceFormatException(file, MAX_SIZE, "file of " + size + " bytes is larger than any accumulator ("
          + MAX_SIZE + " bytes at most)");
    }
    return decode(Files.readAllBytes(file), file);
  }

  /** Decodes the SSZ bytes of an accumulator; {@code file} names the source in errors. */
  public static HistoricalAccumulator decode(byte[] ssz, Path file) throws SourceFormatException {
    if (ssz.length < FIXED_PART) {
      throw new SourceFormatException(file, 0, "truncated: " + ssz.length + " bytes, the two offsets need " + FIXED_PART);
    }
    long first = readU32(ssz, 0);
    long second = readU32(ssz, 4);
    if (first != FIXED_PART) {
      throw new SourceFormatException(file, 0, "offset of historical_epochs is " + first + ", expected " + FIXED_PART);
    }
    if (second < first || second > ssz.length) {
      throw new SourceFormatException(file, 4, "offset of current_epoch is " + second + ", expected "
          + first + ".." + ssz.length);
    }
    long rootBytes = second - first;
    if (rootBytes % 32 != 0) {
      throw new SourceFormatException(file, first, "historical_epochs holds " + rootBytes
          + " bytes, not a whole number of 32-byte roots");
    }
    if (rootBytes / 32 > MAX_HISTORICAL_EPOCHS) {
      throw new SourceFormatException(file, first, "historical_epochs holds " + rootBytes / 32
          + " roots, more than the limit " + MAX_HISTORICAL_EPOCHS);
    }
    long recordBytes = ssz.length - second;
    if (recordBytes % HeaderRecord.SSZ_SIZE != 0 || recordBytes / HeaderRecord.SSZ_SIZE > EpochAccumulator.EPOCH_SIZE) {
      throw new SourceFormatException(file, second, "current_epoch holds " + recordBytes
          + " bytes, not a whole number of 64-byte header records up to " + EpochAccumulator.EPOCH_SIZE);
    }
    byte[] roots = Arrays.copyOfRange(ssz, (int) first, (int) second);
    HeaderRecord[] current = new HeaderRecord[(int) (recordBytes / HeaderRecord.SSZ_SIZE)];
    for (int i = 0; i < current.length; i++) {
      int at = (int) second + i * HeaderRecord.SSZ_SIZE;
      current[i] = new HeaderRecord(Hash.of(ssz, at), HeaderRecord.readUInt256LittleEndian(ssz, at + 32));
    }
    return new HistoricalAccumulator(roots, List.of(current));
  }

  /** Number of finished epochs. */
  public int epochCount() {
    return roots.length / 32;
  }

  /** The root of epoch {@code epoch}, {@code 0 <= epoch < epochCount()}. */
  public Hash epochRoot(int epoch) {
    if (epoch < 0 || epoch >= epochCount()) {
      throw new IndexOutOfBoundsException("epoch " + epoch + " outside 0.." + (epochCount() - 1));
    }
    return Hash.of(roots, epoch * 32);
  }

  /** Records of the unfinished epoch (none in the frozen mainnet accumulator). */
  public List<HeaderRecord> currentEpoch() {
    return currentEpoch;
  }

  /** Checks {@code root} against the entry for {@code epoch}. */
  public EpochCheck verifyEpoch(int epoch, Hash root) {
    if (epoch < 0 || epoch >= epochCount()) {
      return new EpochCheck.OutsideAccumulator(epoch, epochCount());
    }
    Hash expected = epochRoot(epoch);
    return expected.equals(root) ? new EpochCheck.Verified(epoch, root) : new EpochCheck.Mismatch(epoch, expected, root);
  }

  /**
   * Checks that block {@code blockNumber} with hash {@code blockHash} is in the accumulator,
   * given its {@link EpochAccumulator#PROOF_LENGTH}-hash proof.
   */
  public EpochCheck verifyHeader(long blockNumber, Hash blockHash, List<Hash> proof) {
    if (blockNumber < 0 || blockNumber / EpochAccumulator.EPOCH_SIZE >= epochCount()) {
      return new EpochCheck.OutsideAccumulator((int) Math.min(Integer.MAX_VALUE,
          Math.floorDiv(blockNumber, EpochAccumulator.EPOCH_SIZE)), epochCount());
    }
    int epoch = (int) (blockNumber / EpochAccumulator.EPOCH_SIZE);
    int index = (int) (blockNumber % EpochAccumulator.EPOCH_SIZE);
    return verifyEpoch(epoch, EpochAccumulator.rootFromProof(blockHash, index, proof));
  }

  private static long readU32(byte[] b, int at) {
    return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
  }
}
