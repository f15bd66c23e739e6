package io.headersync.testkit.chain;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Address;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.chain.BlobSchedule;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Headers shaped like mainnet's after the merge: every field filled with a value of realistic
 * size. Roots, prevRandao, beacon root and (Prague) requests hash are random; each bloom bit is
 * set with probability 1/2, 1/4 or 1/8 (busy blocks have dense blooms); the fee recipient is one
 * of a small pool, as block builders are; extra data is a printable tag of 4–24 bytes; difficulty
 * and nonce are zero and the ommers hash is that of an empty list. The gas limit climbs from 30M
 * towards the target by at most what the limit rule allows (parent / 1024 − 1) per block; gas used
 * is uniform between 5% and 95% of the limit, so the base fee, computed by EIP-1559 from the
 * parent, wanders around its start. Blobs per block are uniform up to the fork's maximum and
 * excess blob gas follows EIP-4844 from the parent. Blocks are 12 seconds apart.
 *
 * <p>A Cancun header comes out at 580–620 bytes (600 on average), a Prague one 33 bytes more.
 *
 * @param shape the header shape (and blob schedule)
 * @param firstTimestamp timestamp of the first header
 * @param firstTotalDifficulty total difficulty of the chain at its first header (mainnet's
 *     terminal total difficulty by default: nothing is added after the merge)
 * @param targetGasLimit the gas limit the chain climbs to
 */
public record PostMergeRecipe(Shape shape, long firstTimestamp, BigInteger firstTotalDifficulty, long targetGasLimit)
    implements HeaderRecipe {

  /** Mainnet's terminal total difficulty. */
  public static final BigInteger MAINNET_TTD = new BigInteger("58750000000000000000000");

  private static final long SLOT_SECONDS = 12;
  private static final long FIRST_GAS_LIMIT = 30_000_000;
  private static final BigInteger FIRST_BASE_FEE = BigInteger.valueOf(7_000_000_000L);
  private static final List<Address> FEE_RECIPIENTS = IntStream.range(0, 16)
      .mapToObj(i -> Address.of(Arrays.copyOfRange(
          Keccak.keccak256(("fee recipient " + i).getBytes(StandardCharsets.US_ASCII)).toArray(), 12, 32)))
      .toList();

  /** Which fork's header shape to make. */
  public enum Shape {
    /** 20 fields; blobs: target 3, max 6 (EIP-4844). */
    CANCUN(new BlobSchedule(3, 6, 3_338_477)),
    /** 21 fields (requests hash); blobs: target 6, max 9 (EIP-7691). */
    PRAGUE(new BlobSchedule(6, 9, 5_007_716));

    private final BlobSchedule blobs;

    Shape(BlobSchedule blobs) {
      this.blobs = blobs;
    }

    public BlobSchedule blobs() {
      return blobs;
    }
  }

  public PostMergeRecipe {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(firstTotalDifficulty, "firstTotalDifficulty");
    if (targetGasLimit < FIRST_GAS_LIMIT) {
      throw new IllegalArgumentException("target gas limit below the starting 30M: " + targetGasLimit);
    }
  }

  /** Mainnet-like defaults: a 2024-era timestamp, mainnet's TTD, a 36M gas limit target. */
  public static PostMergeRecipe mainnetLike(Shape shape) {
    return new PostMergeRecipe(shape, 1_710_338_135L, MAINNET_TTD, 36_000_000L);
  }

  @Override
  public BlockHeader first(long number, SplittableRandom random) {
    BlockHeader.Builder b = BlockHeader.builder().parentHash(RandomBytes.hash(random)).number(number)
        .timestamp(firstTimestamp).gasLimit(FIRST_GAS_LIMIT).baseFeePerGas(FIRST_BASE_FEE);
    return fill(b, FIRST_GAS_LIMIT, 0, random);
  }

  @Override
  public BlockHeader child(BlockHeader parent, SplittableRandom random) {
    long parentLimit = parent.gasLimit();
    long maxStep = parentLimit / 1024 - 1;
    long gasLimit = parentLimit < targetGasLimit ? parentLimit + Math.min(maxStep, targetGasLimit - parentLimit) : parentLimit;
    BigInteger baseFee = Eip1559.childBaseFee(parent.baseFeePerGas(), parentLimit, parent.gasUsed());
    long excess = Math.max(0, parent.excessBlobGas() + parent.blobGasUsed() - shape.blobs().targetBlobGas());
    BlockHeader.Builder b = BlockHeader.builder().parentHash(parent.hash()).number(parent.number() + 1)
        .timestamp(parent.timestamp() + SLOT_SECONDS).gasLimit(gasLimit).baseFeePerGas(baseFee);
    return fill(b, gasLimit, excess, random);
  }

  private BlockHeader fill(BlockHeader.Builder b, long gasLimit, long excessBlobGas, SplittableRandom random) {
    long gasUsed = gasLimit / 20 + (long) (random.nextDouble() * (gasLimit * 9 / 10));
    long blobs = random.nextInt(shape.blobs().max() + 1);
    b.beneficiary(FEE_RECIPIENTS.get(random.nextInt(FEE_RECIPIENTS.size())))
        .stateRoot(RandomBytes.hash(random))
        .transactionsRoot(RandomBytes.hash(random))
        .receiptsRoot(RandomBytes.hash(random))
        .logsBloom(RandomBytes.bloom(random, 1 + random.nextInt(3)))
        .difficulty(BigInteger.ZERO)
        .gasUsed(gasUsed)
        .extraData(RandomBytes.tag(random, 4 + random.nextInt(21)))
        .mixHash(RandomBytes.hash(random))
        .nonce(0)
        .withdrawalsRoot(RandomBytes.hash(random))
        .blobGas(blobs * BlobSchedule.GAS_PER_BLOB, excessBlobGas)
        .parentBeaconBlockRoot(RandomBytes.hash(random));
    if (shape == Shape.PRAGUE) {
      b.requestsHash(RandomBytes.hash(random));
    }
    return b.build();
  }

  @Override
  public BigInteger firstTotalDifficulty(BlockHeader first) {
    return firstTotalDifficulty;
  }

  /**
   * The same recipe: after the merge every fork has the same total difficulty, so only
   * {@link ForkWeight#ANY} can be honoured.
   */
  @Override
  public HeaderRecipe forFork(ForkWeight weight) {
    if (weight != ForkWeight.ANY) {
      throw new IllegalArgumentException(
          "post-merge forks all have the same total difficulty; a " + weight + " fork cannot be made, use ANY");
    }
    return this;
  }
}
