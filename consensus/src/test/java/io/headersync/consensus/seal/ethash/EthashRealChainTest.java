package io.headersync.consensus.seal.ethash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.seal.SealMode;
import io.headersync.consensus.seal.SealVerifier;
import io.headersync.consensus.seal.SealVerifierConfig;
import io.headersync.consensus.seal.SealVerifiers;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.chain.SealEngine;
import io.headersync.core.testdata.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Real proof of work: every mainnet header 0..16383 and Sepolia header 0..40959 passes mode
 * {@code full}, and a header with one bit of its nonce flipped is rejected.
 *
 * <p>Mainnet runs in full by default (about half a minute on two idle cores). Sepolia's
 * 40,960 headers take two and a half times as long, so by default every 16th header and every
 * header within 128 blocks of the epoch boundary at 30,000 is verified;
 * {@code -Dheadersync.seal.full=true} verifies all of them.
 */
class EthashRealChainTest {

  private static final boolean ALL_SEPOLIA = Boolean.getBoolean("headersync.seal.full");
  private static final int BATCH = 512;

  @Test
  void mainnetHeadersVerifyInFull() throws InvalidHeaderException {
    List<BlockHeader> headers = decode(TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz"));
    assertThat(headers).hasSize(16384);
    verifyInBatches(ChainSpecs.preset("mainnet"), headers);
  }

  @Test
  void sepoliaHeadersVerifyAcrossTheFirstEpochBoundary() throws InvalidHeaderException {
    List<BlockHeader> all = decode(TestData.headerLines("sepolia/sepolia-headers-0-40959.txt.gz"));
    assertThat(all).hasSize(40960);
    List<BlockHeader> chosen = new ArrayList<>();
    for (BlockHeader h : all) {
      if (ALL_SEPOLIA || h.number() % 16 == 0 || Math.abs(h.number() - 30_000) <= 128) {
        chosen.add(h);
      }
    }
    verifyInBatches(ChainSpecs.preset("sepolia"), chosen);
  }

  @Test
  void aFlippedNonceIsRejected() {
    List<TestData.HeaderLine> mainnet = TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz");
    List<TestData.HeaderLine> sepolia = TestData.headerLines("sepolia/sepolia-headers-0-40959.txt.gz");
    Ethash ethash = new Ethash(new EthashCaches(2));
    for (BlockHeader real : List.of(BlockHeader.decode(mainnet.get(12_345).rlp()), BlockHeader.decode(sepolia.get(30_001).rlp()))) {
      BlockHeader forged = real.toBuilder().nonce(real.nonce() ^ 1L).build();
      assertThatThrownBy(() -> ethash.verify(forged))
          .isInstanceOfSatisfying(InvalidHeaderException.class, e -> {
            assertThat(e.number()).isEqualTo(real.number());
            assertThat(e.rule()).isEqualTo("ethash mix digest");
            assertThat(e.field()).isEqualTo("mixHash");
            assertThat(e.found()).isEqualTo(real.mixHash().toHex());
          });
    }
  }

  @Test
  void aFlippedNonceInABatchIsFoundInFullMode() {
    List<BlockHeader> headers = new ArrayList<>(decode(TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz")).subList(100, 200));
    BlockHeader real = headers.get(37);
    headers.set(37, real.toBuilder().nonce(real.nonce() ^ (1L << 40)).build());
    ChainSpec mainnet = ChainSpecs.preset("mainnet");
    try (SealVerifier v = SealVerifiers.forChain(mainnet, SealMode.FULL, SealVerifierConfig.DEFAULT.withThreads(2),
        new SplittableRandom(1))) {
      assertThatThrownBy(() -> v.verifyBatch(headers))
          .isInstanceOfSatisfying(InvalidHeaderException.class, e -> assertThat(e.number()).isEqualTo(real.number()));
    }
  }

  private static void verifyInBatches(ChainSpec chain, List<BlockHeader> headers) throws InvalidHeaderException {
    assertThat(chain.sealEngine()).isInstanceOf(SealEngine.Ethash.class);
    try (SealVerifier v = SealVerifiers.forChain(chain, SealMode.FULL, SealVerifierConfig.DEFAULT, new SplittableRandom(7))) {
      for (int from = 0; from < headers.size(); from += BATCH) {
        v.verifyBatch(headers.subList(from, Math.min(headers.size(), from + BATCH)));
      }
    }
  }

  private static List<BlockHeader> decode(List<TestData.HeaderLine> lines) {
    List<BlockHeader> out = new ArrayList<>(lines.size());
    for (TestData.HeaderLine l : lines) {
      out.add(BlockHeader.decode(l.rlp()).withKnownHash(l.hash()));
    }
    return out;
  }
}
