package io.headersync.consensus.seal.ethash;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.bytes.Hash;
import org.junit.jupiter.api.Test;

class EthashParamsTest {

  @Test
  void sizesFollowThePrimeRule() {
    for (long epoch : new long[] {0, 1, 2, 100, 517, 2047}) {
      long cache = EthashParams.cacheSize(epoch);
      long full = EthashParams.datasetSize(epoch);
      assertThat(cache % 64).isZero();
      assertThat(full % 128).isZero();
      assertThat(EthashParams.isPrime(cache / 64)).isTrue();
      assertThat(EthashParams.isPrime(full / 128)).isTrue();
      // The largest such size not above the linear bound: the next candidate up is over it or not prime.
      assertThat(cache).isLessThanOrEqualTo((1L << 24) + (1L << 17) * epoch - 64);
      for (long c = cache + 128; c <= (1L << 24) + (1L << 17) * epoch - 64; c += 128) {
        assertThat(EthashParams.isPrime(c / 64)).isFalse();
      }
    }
  }

  /** Values of the specification's table, spot-checked against the computed rule. */
  @Test
  void knownSizes() {
    assertThat(EthashParams.cacheSize(0)).isEqualTo(16776896L);
    assertThat(EthashParams.datasetSize(0)).isEqualTo(1073739904L);
    assertThat(EthashParams.cacheSize(1)).isEqualTo(16907456L);
    assertThat(EthashParams.datasetSize(1)).isEqualTo(1082130304L);
  }

  @Test
  void seedsChainByKeccak() {
    assertThat(EthashParams.seedHash(0)).isEqualTo(Hash.ZERO);
    assertThat(EthashParams.seedHash(1))
        .isEqualTo(Hash.fromHex("290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563"));
    assertThat(EthashParams.epoch(29_999)).isZero();
    assertThat(EthashParams.epoch(30_000)).isOne();
  }

  @Test
  void primality() {
    assertThat(EthashParams.isPrime(2)).isTrue();
    assertThat(EthashParams.isPrime(262139)).isTrue();
    assertThat(EthashParams.isPrime(1)).isFalse();
    assertThat(EthashParams.isPrime(262143)).isFalse(); // 3 · 87381
  }
}
