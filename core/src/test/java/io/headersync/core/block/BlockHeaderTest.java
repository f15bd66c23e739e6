package io.headersync.core.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hash;
import io.headersync.core.testdata.TestData;
import io.headersync.rlp.RlpException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockHeaderTest {

  @Test
  void mainnetHeadersDecodeReencodeAndHash() {
    List<TestData.HeaderLine> lines = TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz");
    assertThat(lines).hasSize(16384);
    for (TestData.HeaderLine line : lines) {
      BlockHeader h = BlockHeader.decode(line.rlp());
      assertThat(h.number()).isEqualTo(line.number());
      assertThat(h.hash()).isEqualTo(line.hash());
      assertThat(h.toBuilder().build().encoded()).isEqualTo(line.rlp());
      assertThat(h.shape()).isEqualTo(HeaderShape.LEGACY);
    }
  }

  @Test
  void everyShapeRoundTripsThroughTheBuilder() {
    BlockHeader.Builder b = BlockHeader.builder().number(7).gasLimit(30_000_000).timestamp(1_700_000_000)
        .difficulty(BigInteger.ONE).extraData(new byte[] {1, 2, 3}).nonce(-1L);
    assertThat(b.build().shape()).isEqualTo(HeaderShape.LEGACY);
    assertThat(b.baseFeePerGas(BigInteger.TEN).build().shape()).isEqualTo(HeaderShape.LONDON);
    assertThat(b.withdrawalsRoot(Hash.ZERO).build().shape()).isEqualTo(HeaderShape.SHANGHAI);
    assertThat(b.blobGas(131072, 0).parentBeaconBlockRoot(Hash.ZERO).build().shape()).isEqualTo(HeaderShape.CANCUN);
    BlockHeader prague = b.requestsHash(Hash.ZERO).build();
    assertThat(prague.shape()).isEqualTo(HeaderShape.PRAGUE);
    assertThat(prague.nonce()).isEqualTo(-1L);
    assertThat(BlockHeader.decode(prague.encoded()).toBuilder().build().encoded()).isEqualTo(prague.encoded());
  }

  @Test
  void truncatedHeaderIsATypedError() {
    byte[] rlp = BlockHeader.builder().build().encoded();
    byte[] cut = java.util.Arrays.copyOf(rlp, rlp.length - 3);
    assertThatThrownBy(() -> BlockHeader.decode(cut)).isInstanceOf(RlpException.class);
  }
}
