package io.headersync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hex;
import io.headersync.core.testdata.TestData;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Secp256k1Test {

  private static final BigInteger HALF_N = Secp256k1.N.shiftRight(1);

  @Test
  void privateKeyOneHasTheGeneratorAsPublicKeyAndItsWellKnownAddress() {
    byte[] pub = Secp256k1.publicKey(BigInteger.ONE);
    assertThat(Hex.encodeBare(pub)).isEqualTo(
        "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
            + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
    assertThat(Secp256k1.address(pub)).isEqualTo(Address.fromHex("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"));
  }

  /** The example transaction of EIP-155: its signing hash, key and signature (v = 37 on chain 1). */
  @Test
  void eip155ExampleSignatureIsReproducedAndRecovered() throws SignatureException {
    BigInteger key = new BigInteger("4646464646464646464646464646464646464646464646464646464646464646", 16);
    byte[] hash = Hex.decode("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    BigInteger r = new BigInteger("18515461264373351373200002665853028612451056578545711640558177340181847433846");
    BigInteger s = new BigInteger("46948507304638947509940763649030358759909902576025900602547168820602576006531");
    int recoveryId = 37 - 35 - 2 * 1;

    Secp256k1.Signature sig = Secp256k1.sign(hash, key);
    assertThat(sig).isEqualTo(new Secp256k1.Signature(r, s, recoveryId));
    Address signer = Secp256k1.recoverAddress(hash, new Secp256k1.Signature(r, s, recoveryId));
    assertThat(signer).isEqualTo(Address.fromHex("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"));
    assertThat(signer).isEqualTo(Secp256k1.address(Secp256k1.publicKey(key)));
  }

  /** EIP-8's discovery packets are signed by a given key: recovering from them must find it. */
  @Test
  void discoveryPacketsOfEip8RecoverTheirSigningKey() throws IOException, SignatureException {
    Path file = TestData.require("vectors/devp2p/eip8-vectors.json");
    JsonNode vectors = new ObjectMapper().readTree(file.toFile()).get("vectors");
    BigInteger key = null;
    int checked = 0;
    for (JsonNode v : vectors) {
      String name = v.get("name").asText();
      if (name.startsWith("discv4 packet signing key")) {
        key = new BigInteger(1, Hex.decode(v.get("hex").asText()));
      } else if (name.matches("^(ping|pong|findnode|neighbours) packet.*")) {
        byte[] data = Hex.decode(v.get("hex").asText());
        // hash(32) ‖ signature(65) ‖ type ‖ payload; the signature covers keccak(type ‖ payload).
        assertThat(key).as("the signing key precedes the packets").isNotNull();
        assertThat(Keccak.keccak256(data, 32, data.length - 32).unsafeArray()).isEqualTo(Arrays.copyOf(data, 32));
        byte[] signed = Keccak.keccak256(data, 97, data.length - 97).unsafeArray();
        Secp256k1.Signature sig = Secp256k1.Signature.fromCompact(data, 32);
        assertThat(Secp256k1.recoverPublicKey(signed, sig)).as(name).isEqualTo(Secp256k1.publicKey(key));
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(4);
  }

  @Test
  void signAndRecoverRoundTripWithLowS() throws SignatureException {
    SplittableRandom random = new SplittableRandom(225);
    for (int i = 0; i < 50; i++) {
      BigInteger key = new BigInteger(256, new java.util.Random(random.nextLong())).mod(Secp256k1.N.subtract(BigInteger.ONE))
          .add(BigInteger.ONE);
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      Secp256k1.Signature sig = Secp256k1.sign(hash, key);
      assertThat(sig.s()).isLessThanOrEqualTo(HALF_N);
      assertThat(Secp256k1.sign(hash, key)).as("deterministic").isEqualTo(sig);
      Secp256k1.Signature parsed = Secp256k1.Signature.fromCompact(sig.toCompact(), 0);
      assertThat(parsed).isEqualTo(sig);
      assertThat(Secp256k1.recoverPublicKey(hash, parsed)).isEqualTo(Secp256k1.publicKey(key));
      // The same signature over another hash recovers some other key.
      hash[0] ^= 1;
      assertThat(Secp256k1.recoverAddress(hash, sig)).isNotEqualTo(Secp256k1.address(Secp256k1.publicKey(key)));
    }
  }

  @Test
  void highSIsAcceptedForRecoveryWithTheFlippedRecoveryId() throws SignatureException {
    BigInteger key = BigInteger.valueOf(0xC11C);
    byte[] hash = Keccak.keccak256(new byte[] {1, 2, 3}).toArray();
    Secp256k1.Signature low = Secp256k1.sign(hash, key);
    Secp256k1.Signature high = new Secp256k1.Signature(low.r(), Secp256k1.N.subtract(low.s()), low.recoveryId() ^ 1);
    assertThat(Secp256k1.recoverPublicKey(hash, high)).isEqualTo(Secp256k1.publicKey(key));
  }

  @Test
  void outOfRangeSignaturesAreRejectedWithTheFieldNamed() {
    byte[] compact = new byte[65];
    compact[31] = 1; // r = 1
    compact[63] = 1; // s = 1
    compact[64] = 4;
    assertThatThrownBy(() -> Secp256k1.Signature.fromCompact(compact, 0))
        .isInstanceOf(SignatureException.class).hasMessageContaining("recovery id");
    compact[64] = 0;
    compact[31] = 0;
    assertThatThrownBy(() -> Secp256k1.Signature.fromCompact(compact, 0))
        .isInstanceOf(SignatureException.class).hasMessageContaining("r must be");
    byte[] nBytes = Hex.decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    System.arraycopy(nBytes, 0, compact, 32, 32);
    compact[31] = 1;
    assertThatThrownBy(() -> Secp256k1.Signature.fromCompact(compact, 0))
        .isInstanceOf(SignatureException.class).hasMessageContaining("s must be");
    assertThatThrownBy(() -> Secp256k1.Signature.fromCompact(new byte[64], 0))
        .isInstanceOf(SignatureException.class).hasMessageContaining("65 bytes");
  }

  @Test
  void anRThatIsNoCurvePointRecoversNothing() {
    // x = 5 is not the x coordinate of any point of secp256k1 (5^3 + 7 = 132 is not a square mod p).
    Secp256k1.Signature sig = new Secp256k1.Signature(BigInteger.valueOf(5), BigInteger.ONE, 0);
    assertThatThrownBy(() -> Secp256k1.recoverPublicKey(new byte[32], sig))
        .isInstanceOf(SignatureException.class).hasMessageContaining("no public key");
  }

  @Test
  void badKeysAndHashesAreRefused() {
    assertThatThrownBy(() -> Secp256k1.publicKey(BigInteger.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secp256k1.publicKey(Secp256k1.N)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secp256k1.sign(new byte[31], BigInteger.ONE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32-byte");
    assertThatThrownBy(() -> Secp256k1.address(new byte[65])).isInstanceOf(IllegalArgumentException.class);
  }
}
