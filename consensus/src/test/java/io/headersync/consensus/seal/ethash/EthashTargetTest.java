package io.headersync.consensus.seal.ethash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The difficulty check on synthetic headers: the mix digest is computed and written in (it
 * is not part of the seal hash), so only the result-versus-target comparison decides.
 */
class EthashTargetTest {

  private static final Ethash ETHASH = new Ethash(new EthashCaches(1));

  private static BlockHeader withComputedMix(BigInteger difficulty, long nonce) {
    BlockHeader h = BlockHeader.builder().number(42).difficulty(difficulty).gasLimit(5000).timestamp(1_438_270_000L)
        .nonce(nonce).build();
    EthashResult r = ETHASH.hashimotoLight(h.number(), h.sealHash(), h.nonce());
    return h.toBuilder().mixHash(r.mixDigest()).build();
  }

  @Test
  void resultUnderTheTargetPasses() throws InvalidHeaderException {
    ETHASH.verify(withComputedMix(BigInteger.ONE, 5)); // target 2^256: any result is under it
  }

  @Test
  void resultOverTheTargetIsRejected() {
    BlockHeader h = withComputedMix(BigInteger.ONE.shiftLeft(200), 5); // target 2^56: odds of passing 2^-200
    assertThatThrownBy(() -> ETHASH.verify(h)).isInstanceOfSatisfying(InvalidHeaderException.class, e -> {
      assertThat(e.rule()).isEqualTo("ethash proof of work");
      assertThat(e.field()).isEqualTo("nonce");
      assertThat(e.expected()).contains("0x" + BigInteger.ONE.shiftLeft(56).toString(16));
    });
  }

  @Test
  void theTargetBoundaryIsInclusive() {
    BigInteger difficulty = BigInteger.valueOf(1_000_003);
    BigInteger target = BigInteger.ONE.shiftLeft(256).divide(difficulty);
    assertThat(Ethash.meetsTarget(bytes32(target), difficulty)).isTrue();
    assertThat(Ethash.meetsTarget(bytes32(target.add(BigInteger.ONE)), difficulty)).isFalse();
    assertThat(Ethash.meetsTarget(bytes32(BigInteger.ZERO), difficulty)).isTrue();
    assertThat(Ethash.meetsTarget(bytes32(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)), BigInteger.ONE)).isTrue();
    assertThat(Ethash.meetsTarget(bytes32(BigInteger.ONE.shiftLeft(255)), BigInteger.TWO)).isTrue();
    assertThat(Ethash.meetsTarget(bytes32(BigInteger.ONE.shiftLeft(255).add(BigInteger.ONE)), BigInteger.TWO)).isFalse();
  }

  private static byte[] bytes32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }

  @Test
  void aWrongMixHashIsRejectedBeforeTheTarget() {
    BlockHeader h = withComputedMix(BigInteger.ONE, 5).toBuilder().mixHash(Hash.ZERO).build();
    assertThatThrownBy(() -> ETHASH.verify(h)).isInstanceOfSatisfying(InvalidHeaderException.class,
        e -> assertThat(e.rule()).isEqualTo("ethash mix digest"));
  }

  @Test
  void zeroDifficultyAndHugeNumbersAreTypedErrors() {
    BlockHeader noPow = BlockHeader.builder().number(7).build();
    assertThatThrownBy(() -> ETHASH.verify(noPow)).isInstanceOfSatisfying(InvalidHeaderException.class,
        e -> assertThat(e.field()).isEqualTo("difficulty"));
    BlockHeader far = BlockHeader.builder().number(EthashParams.MAX_EPOCH * EthashParams.EPOCH_LENGTH).difficulty(BigInteger.ONE).build();
    assertThatThrownBy(() -> ETHASH.verify(far)).isInstanceOfSatisfying(InvalidHeaderException.class,
        e -> assertThat(e.rule()).isEqualTo("ethash epoch limit"));
  }
}
