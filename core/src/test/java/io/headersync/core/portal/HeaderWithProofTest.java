package io.headersync.core.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.era.EpochCheck;
import io.headersync.core.era.HistoricalAccumulator;
import io.headersync.core.testdata.TestData;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeaderWithProofTest {

  @Test
  void splitsAHandMadeValueAtItsOffsets() throws Exception {
    byte[] header = BlockHeader.builder().number(5).difficulty(BigInteger.TEN).build().encoded();
    byte[] value = value(header, new byte[] {1, 2, 3});
    HeaderWithProof hwp = HeaderWithProof.decode(value);
    assertThat(hwp.headerRlp()).isEqualTo(header);
    assertThat(hwp.proof()).containsExactly(1, 2, 3);
    assertThat(hwp.header().number()).isEqualTo(5);
    assertThat(hwp.hasPreMergeProof()).isFalse();
    ContentFormatException e = catchThrowableOfType(ContentFormatException.class, hwp::preMergeProof);
    assertThat(e.offset()).isEqualTo(8 + header.length);
    assertThat(e.reason()).contains("3 bytes is not a pre-merge accumulator proof (480 bytes)");
  }

  @Test
  void malformedValuesNameTheOffsetAndReason() {
    assertRefused(new byte[7], 0, "truncated: 7 bytes, the two offsets need 8");
    assertRefused(le(8).putInt(12).putInt(12).array(), 0, "header offset is 12, expected 8");
    assertRefused(le(10).putInt(8).putInt(11).array(), 4, "proof offset is 11, expected 8..10");
    assertRefused(le(10).putInt(8).putInt(7).array(), 4, "proof offset is 7, expected 8..10");
    assertRefused(le(8 + 8193).putInt(8).putInt(8 + 8193).array(), 8, "header of 8193 bytes exceeds the limit 8192");
    assertRefused(le(8 + 1025).putInt(8).putInt(8).array(), 8, "proof of 1025 bytes exceeds the limit 1024");
  }

  @Test
  void headerThatIsNotRlpIsATypedError() throws Exception {
    HeaderWithProof hwp = HeaderWithProof.decode(value(new byte[] {(byte) 0xf9, 0x01}, new byte[0]));
    ContentFormatException e = catchThrowableOfType(ContentFormatException.class, hwp::header);
    assertThat(e.offset()).isGreaterThanOrEqualTo(8);
    assertThat(e.reason()).startsWith("header is not a valid block header");
  }

  @Test
  void tamperedProofOrHeaderFailsAgainstTheAccumulator() throws Exception {
    HistoricalAccumulator acc =
        HistoricalAccumulator.load(TestData.require("mainnet/portal/accumulator/historical_hashes_accumulator.ssz"));
    byte[] value = PortalTestFiles.hexFields(TestData.require("mainnet/portal/headers_with_proof/1000010.yaml"))
        .get("content_value");
    HeaderWithProof good = HeaderWithProof.decode(value);
    assertThat(good.verifyPreMerge(acc)).isInstanceOf(EpochCheck.Verified.class);

    byte[] proofFlipped = value.clone();
    proofFlipped[proofFlipped.length - 100] ^= 1;
    EpochCheck check = HeaderWithProof.decode(proofFlipped).verifyPreMerge(acc);
    assertThat(check).isInstanceOf(EpochCheck.Mismatch.class);
    assertThat(check.epoch()).isEqualTo(122);

    byte[] header = good.headerRlp();
    byte[] extra = Arrays.copyOf(header, header.length); // change the last byte of the nonce
    extra[extra.length - 1] ^= 1;
    byte[] tampered = value(extra, good.proof());
    assertThat(HeaderWithProof.decode(tampered).verifyPreMerge(acc).verified()).isFalse();
  }

  private static void assertRefused(byte[] value, long offset, String reason) {
    ContentFormatException e = catchThrowableOfType(ContentFormatException.class, () -> HeaderWithProof.decode(value));
    assertThat(e.offset()).isEqualTo(offset);
    assertThat(e.reason()).isEqualTo(reason);
  }

  private static byte[] value(byte[] header, byte[] proof) {
    return le(8 + header.length + proof.length).putInt(8).putInt(8 + header.length).put(header).put(proof).array();
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
