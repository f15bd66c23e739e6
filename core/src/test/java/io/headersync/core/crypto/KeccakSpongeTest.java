package io.headersync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

/**
 * The hand-written sponge against published digests and against Bouncy Castle's Keccak over every
 * length around the block boundaries, in one call and in random pieces.
 */
class KeccakSpongeTest {

  private static byte[] reference(int bits, byte[] data, int offset, int length) {
    KeccakDigest d = new KeccakDigest(bits);
    d.update(data, offset, length);
    byte[] out = new byte[bits / 8];
    d.doFinal(out, 0);
    return out;
  }

  @Test
  void publishedDigests() {
    byte[] empty = new byte[0];
    byte[] out = new byte[32];
    KeccakSponge.hash(32, empty, 0, 0, out, 0);
    assertThat(Hex.encodeBare(out)).isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    KeccakSponge.hash(32, abc, 0, abc.length, out, 0);
    assertThat(Hex.encodeBare(out)).isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    byte[] out512 = new byte[64];
    KeccakSponge.hash(64, empty, 0, 0, out512, 0);
    assertThat(Hex.encodeBare(out512)).isEqualTo("0eab42de4c3ceb9235fc91acffe746b29c29a8c366b7c60e4e67c466f36a4304"
        + "c00fa9caf9d87976ba469bcbe06713b435f091ef2769fb160cdab33d3670680e");
  }

  @Test
  void everyLengthAroundTheBlockBoundariesMatchesBouncyCastle() {
    Random random = new Random(5);
    byte[] data = new byte[700];
    random.nextBytes(data);
    for (int digest : new int[] {32, 64}) {
      byte[] out = new byte[digest + 3];
      for (int length = 0; length <= 560; length++) {
        int offset = random.nextInt(data.length - length + 1);
        KeccakSponge.hash(digest, data, offset, length, out, 3);
        byte[] expected = reference(digest * 8, data, offset, length);
        assertThat(java.util.Arrays.copyOfRange(out, 3, 3 + digest)).as("%d bytes, digest %d", length, digest)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void piecesCopiesAndResetsGiveTheSameDigests() {
    Random random = new Random(9);
    for (int round = 0; round < 300; round++) {
      byte[] data = new byte[random.nextInt(1200)];
      random.nextBytes(data);
      KeccakSponge sponge = random.nextBoolean() ? KeccakSponge.keccak256() : KeccakSponge.keccak512();
      int bits = sponge.digestLength() * 8;
      int at = 0;
      while (at < data.length) {
        int piece = Math.min(data.length - at, random.nextInt(300));
        sponge.update(data, at, piece);
        at += piece;
        // a fork digests what has been absorbed so far and leaves the running state alone
        assertThat(sponge.copy().digest()).isEqualTo(reference(bits, data, 0, at));
      }
      assertThat(sponge.digest()).isEqualTo(reference(bits, data, 0, data.length));
      sponge.update(data, 0, data.length);
      assertThat(sponge.digest()).as("a digest starts the state over").isEqualTo(reference(bits, data, 0, data.length));
    }
  }

  @Test
  void outOfRangeArgumentsAreRefused() {
    byte[] data = new byte[10];
    assertThatThrownBy(() -> KeccakSponge.hash(32, data, 5, 6, new byte[32], 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> KeccakSponge.hash(32, data, 0, 10, new byte[40], 9))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> KeccakSponge.hash(48, data, 0, 10, new byte[64], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeccakSponge.keccak256().update(data, -1, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
