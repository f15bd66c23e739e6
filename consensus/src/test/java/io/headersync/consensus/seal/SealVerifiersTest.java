package io.headersync.consensus.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.seal.clique.CliqueSealVerifier;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.chain.SealEngine;
import io.headersync.core.testdata.TestData;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SealVerifiersTest {

  private static final SealVerifierConfig ONE_THREAD = SealVerifierConfig.DEFAULT.withThreads(1);

  private static ChainSpec chain(SealEngine engine, BlockHeader genesis) {
    return new ChainSpec("test", 1, 1, genesis, Map.of(), null, Map.of(), engine, List.of());
  }

  @Test
  void ethashChainsCheckProofOfWorkUntilTheMerge() throws InvalidHeaderException {
    BlockHeader real = BlockHeader.decode(TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz").get(3).rlp());
    BlockHeader forged = real.toBuilder().nonce(real.nonce() + 1).build();
    try (SealVerifier v = SealVerifiers.forChain(ChainSpecs.preset("mainnet"), SealMode.FULL, ONE_THREAD, new SplittableRandom(1))) {
      v.verify(real);
      assertThatThrownBy(() -> v.verify(forged)).isInstanceOf(InvalidHeaderException.class);
      assertThatThrownBy(() -> v.verifyBatch(List.of(real, forged))).isInstanceOf(InvalidHeaderException.class);
      // Past the merge (difficulty 0) there is no proof of work to check.
      v.verify(forged.toBuilder().difficulty(BigInteger.ZERO).build());
      assertThat(v.mode()).isEqualTo(SealMode.FULL);
    }
  }

  @Test
  void offAndSeallessChainsCheckNothing() throws InvalidHeaderException {
    BlockHeader junk = BlockHeader.builder().number(5).difficulty(BigInteger.TEN).build();
    try (SealVerifier off = SealVerifiers.forChain(ChainSpecs.preset("mainnet"), SealMode.OFF)) {
      off.verify(junk);
      off.verifyBatch(List.of(junk));
      assertThat(off.mode()).isEqualTo(SealMode.OFF);
    }
    try (SealVerifier none = SealVerifiers.forChain(chain(new SealEngine.None(), BlockHeader.builder().build()), SealMode.FULL)) {
      none.verify(junk);
      none.verifyBatch(List.of(junk, junk));
    }
  }

  @Test
  void cliqueChainsGetTheCliqueVerifier() {
    BlockHeader genesis = BlockHeader.builder().extraData(new byte[32 + 20 + 65]).build();
    try (SealVerifier v = SealVerifiers.forChain(chain(new SealEngine.Clique(15, 30_000), genesis), new SealMode.Sampled(10))) {
      assertThat(v).isInstanceOf(CliqueSealVerifier.class);
    }
    BlockHeader badGenesis = BlockHeader.builder().extraData(new byte[32 + 7 + 65]).build();
    assertThatThrownBy(() -> SealVerifiers.forChain(chain(new SealEngine.Clique(15, 30_000), badGenesis), SealMode.FULL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chain test").hasMessageContaining("extraData");
  }

  @Test
  void configRefusesNonsense() {
    assertThatThrownBy(() -> new SealVerifierConfig(0, 3, 10)).hasMessageContaining("threads");
    assertThatThrownBy(() -> new SealVerifierConfig(1, 0, 10)).hasMessageContaining("ethash");
    assertThatThrownBy(() -> new SealVerifierConfig(1, 3, 0)).hasMessageContaining("clique");
    assertThat(SealVerifierConfig.DEFAULT.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(SealVerifierConfig.DEFAULT.ethashCacheEpochs()).isEqualTo(3);
  }
}
