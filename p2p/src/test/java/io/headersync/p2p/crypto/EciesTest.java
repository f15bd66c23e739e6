package io.headersync.p2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hex;
import io.headersync.p2p.identity.NodeKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EciesTest {

  private final NodeKey recipient = NodeKey.generate(new Random(11));
  private final SecureRandom random = new SecureRandom();

  @Test
  void roundTripsWithAndWithoutSharedMacData() throws Exception {
    byte[] message = "a message for the recipient".getBytes(StandardCharsets.UTF_8);
    for (byte[] shared : new byte[][] {new byte[0], {0x01, (byte) 0xA3}}) {
      byte[] sealed = Ecies.encrypt(recipient.nodeId().publicKey(), message, shared, random);

      assertThat(sealed).hasSize(message.length + Ecies.OVERHEAD);
      assertThat(sealed[0]).isEqualTo((byte) 0x04);
      assertThat(Ecies.decrypt(recipient.privateKey(), sealed, 0, sealed.length, shared)).isEqualTo(message);
    }
  }

  @Test
  void fixedEphemeralKeyAndIvGiveFixedOutput() throws Exception {
    BigInteger ephemeral = new BigInteger("1234567890abcdef", 16);
    byte[] iv = Hex.decode("000102030405060708090a0b0c0d0e0f");
    byte[] a = Ecies.encrypt(recipient.nodeId().publicKey(), new byte[] {1, 2, 3}, new byte[0], ephemeral, iv);
    byte[] b = Ecies.encrypt(recipient.nodeId().publicKey(), new byte[] {1, 2, 3}, new byte[0], ephemeral, iv);

    assertThat(a).isEqualTo(b);
    assertThat(java.util.Arrays.copyOfRange(a, 1, 65)).isEqualTo(Ecdh.publicKey(ephemeral));
    assertThat(java.util.Arrays.copyOfRange(a, 65, 81)).isEqualTo(iv);
  }

  @Test
  void everyAlteredByteFailsAuthentication() throws Exception {
    byte[] sealed = Ecies.encrypt(recipient.nodeId().publicKey(), new byte[40], new byte[] {7}, random);
    for (int i = 1; i < sealed.length; i++) {
      byte[] altered = sealed.clone();
      altered[i] ^= 0x01;
      assertThatThrownBy(() -> Ecies.decrypt(recipient.privateKey(), altered, 0, altered.length, new byte[] {7}))
          .as("byte %d", i)
          .isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void wrongKeyOrWrongSharedMacDataFails() throws Exception {
    byte[] sealed = Ecies.encrypt(recipient.nodeId().publicKey(), new byte[10], new byte[] {1}, random);
    NodeKey other = NodeKey.generate(new Random(12));

    assertThatThrownBy(() -> Ecies.decrypt(other.privateKey(), sealed, 0, sealed.length, new byte[] {1}))
        .isInstanceOf(CryptoException.class).hasMessageContaining("tag");
    assertThatThrownBy(() -> Ecies.decrypt(recipient.privateKey(), sealed, 0, sealed.length, new byte[] {2}))
        .isInstanceOf(CryptoException.class).hasMessageContaining("tag");
  }

  @Test
  void tooShortOrCompressedOrOffCurveInputsAreRefusedWithAReason() {
    byte[] shortMessage = new byte[Ecies.OVERHEAD - 1];
    shortMessage[0] = 0x04;
    assertThatThrownBy(() -> Ecies.decrypt(recipient.privateKey(), shortMessage, 0, shortMessage.length, new byte[0]))
        .isInstanceOf(CryptoException.class).hasMessageContaining("at least " + Ecies.OVERHEAD);

    byte[] compressed = new byte[Ecies.OVERHEAD];
    compressed[0] = 0x02;
    assertThatThrownBy(() -> Ecies.decrypt(recipient.privateKey(), compressed, 0, compressed.length, new byte[0]))
        .isInstanceOf(CryptoException.class).hasMessageContaining("uncompressed");

    byte[] offCurve = new byte[Ecies.OVERHEAD];
    offCurve[0] = 0x04;
    offCurve[1] = 0x01;
    assertThatThrownBy(() -> Ecies.decrypt(recipient.privateKey(), offCurve, 0, offCurve.length, new byte[0]))
        .isInstanceOf(CryptoException.class).hasMessageContaining("point");
  }

  @Test
  void ecdhAgreesFromBothSides() throws Exception {
    NodeKey a = NodeKey.generate(new Random(1));
    NodeKey b = NodeKey.generate(new Random(2));

    byte[] ab = Ecdh.agree(a.privateKey(), b.nodeId().publicKey());
    assertThat(ab).hasSize(32).isEqualTo(Ecdh.agree(b.privateKey(), a.nodeId().publicKey()));
    assertThat(Ecdh.publicKey(a.privateKey())).isEqualTo(a.nodeId().publicKey());
  }

  @Test
  void ecdhRefusesAPointOffTheCurve() {
    byte[] bogus = new byte[64];
    bogus[63] = 5;
    assertThatThrownBy(() -> Ecdh.agree(BigInteger.TWO, bogus)).isInstanceOf(CryptoException.class);
  }
}
