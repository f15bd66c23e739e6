package io.headersync.core.era;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.headersync.core.bytes.Hash;
import io.headersync.core.source.SourceFormatException;
import io.headersync.core.testdata.TestData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HistoricalAccumulatorTest {

  private static final Path NAME = Path.of("acc.ssz");

  @Test
  void mainnetAccumulatorHasEveryPreMergeEpoch() throws Exception {
    HistoricalAccumulator acc =
        HistoricalAccumulator.load(TestData.require("mainnet/portal/accumulator/historical_hashes_accumulator.ssz"));
    assertThat(acc.epochCount()).isEqualTo(1897); // epochs 0..1896: the merge was block 15537393 of epoch 1896
    assertThat(acc.currentEpoch()).isEmpty();
    // era1 files are named after the first bytes of their epoch root
    assertThat(acc.epochRoot(0).toHex()).startsWith("0x5ec1ffb8");
    assertThat(acc.epochRoot(1).toHex()).startsWith("0xa5364e9a");

    Hash root = acc.epochRoot(24);
    assertThat(acc.verifyEpoch(24, root)).isEqualTo(new EpochCheck.Verified(24, root));
    assertThat(acc.verifyEpoch(1897, root)).isEqualTo(new EpochCheck.OutsideAccumulator(1897, 1897));
    assertThat(acc.verifyEpoch(-1, root).verified()).isFalse();
    EpochCheck mismatch = acc.verifyEpoch(25, root);
    assertThat(mismatch).isEqualTo(new EpochCheck.Mismatch(25, acc.epochRoot(25), root));
    AccumulatorMismatchException e = catchThrowableOfType(AccumulatorMismatchException.class, mismatch::orThrow);
    assertThat(e.check()).isEqualTo(mismatch);
    assertThat(e.getMessage()).contains("epoch 25").contains("does not match");
  }

  @Test
  void decodesAHandMadeAccumulatorWithACurrentEpoch() throws Exception {
    ByteBuffer b = le(8 + 64 + 64);
    b.putInt(8).putInt(8 + 64);
    b.put(filled(1)).put(filled(2));
    b.put(filled(3)).put(new byte[] {7}).put(new byte[31]);
    HistoricalAccumulator acc = HistoricalAccumulator.decode(b.array(), NAME);
    assertThat(acc.epochCount()).isEqualTo(2);
    assertThat(acc.epochRoot(1)).isEqualTo(Hash.wrap(filled(2)));
    assertThat(acc.currentEpoch()).containsExactly(new HeaderRecord(Hash.wrap(filled(3)), java.math.BigInteger.valueOf(7)));
  }

  @Test
  void malformedAccumulatorsNameTheOffsetAndReason() {
    assertRefused(new byte[5], 0, "truncated: 5 bytes, the two offsets need 8");
    assertRefused(le(8).putInt(4).putInt(8).array(), 0, "offset of historical_epochs is 4, expected 8");
    assertRefused(le(8).putInt(8).putInt(40).array(), 4, "offset of current_epoch is 40, expected 8..8");
    assertRefused(le(8 + 33).putInt(8).putInt(8 + 33).array(), 8,
        "historical_epochs holds 33 bytes, not a whole number of 32-byte roots");
    assertRefused(le(8 + 32 + 10).putInt(8).putInt(8 + 32).array(), 40,
        "current_epoch holds 10 bytes, not a whole number of 64-byte header records up to 8192");
    int tooMany = 32 * 2049;
    assertRefused(le(8 + tooMany).putInt(8).putInt(8 + tooMany).array(), 8,
        "historical_epochs holds 2049 roots, more than the limit 2048");
  }

  private static void assertRefused(byte[] ssz, long offset, String reason) {
    SourceFormatException e = catchThrowableOfType(SourceFormatException.class, () -> HistoricalAccumulator.decode(ssz, NAME));
    assertThat(e.file()).isEqualTo(NAME);
    assertThat(e.offset()).isEqualTo(offset);
    assertThat(e.reason()).isEqualTo(reason);
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] filled(int value) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }
}
