package io.headersync.p2p.discovery.enr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hex;
import io.headersync.core.chain.ForkId;
import io.headersync.core.crypto.Keccak;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.rlp.RlpWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnrTest {

  // The example record of EIP-778 / enr.md, with its signing key.
  private static final String SPEC_TEXT = "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R33Ls8RRcy5wBgmlkgnY0gmlwhH8AAAGJc2VjcDI1NmsxoQPKY0yuDUmstAHYpMa2_oxVtw0RW_QAdpzBQA8yWM0xOIN1ZHCCdl8";
  private static final NodeKey SPEC_KEY = NodeKey.of(Hex.decode("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291"));

  @Test
  void specExampleDecodesVerifiesAndRoundTrips() throws Exception {
    Enr enr = Enr.fromText(SPEC_TEXT);
    assertThat(enr.seq()).isEqualTo(1);
    assertThat(enr.nodeId()).isEqualTo(SPEC_KEY.nodeId());
    assertThat(enr.nodeId().kademliaId().toHex()).endsWith("a448f24c6d18e575453db13171562b71999873db5b286df957af199ec94617f7");
    assertThat(enr.ip()).contains(InetAddress.getByName("127.0.0.1"));
    assertThat(enr.udp()).hasValue(30303);
    assertThat(enr.tcp()).isEmpty();
    assertThat(enr.keys()).containsExactly("id", "ip", "secp256k1", "udp");
    assertThat(Hex.encodeBare(enr.signature())).isEqualTo(
        "7098ad865b00a582051940cb9cf36836572411a47278783077011599ed5cd16b76f2635f4e234738f30813a89eb9137e3e3df5266e3a1f11df72ecf1145ccb9c");
    assertThat(enr.toText()).isEqualTo(SPEC_TEXT);
    assertThat(Enr.decode(enr.encoded())).isEqualTo(enr);
  }

  @Test
  void signingTheSpecContentWithTheSpecKeyReproducesTheRecordByteForByte() throws Exception {
    Enr signed = Enr.builder().seq(1).ip(InetAddress.getByName("127.0.0.1")).udp(30303).sign(SPEC_KEY);
    assertThat(signed.toText()).isEqualTo(SPEC_TEXT);
  }

  @Test
  void builtRecordsCarryEveryStandardEntryAndTheEthForkId() throws Exception {
    NodeKey key = NodeKey.generate(new Random(9));
    ForkId forkId = ForkId.of(0xfc64ec04, 1_150_000);
    Enr enr = Enr.builder().seq(-1L).ip(InetAddress.getByName("10.0.0.1")).ip(InetAddress.getByName("2001:db8::1"))
        .tcp(30303).udp(30301).udp6(30302).eth(forkId).sign(key);
    Enr back = Enr.decode(enr.encoded());
    assertThat(back.seq()).isEqualTo(-1L);
    assertThat(back.nodeId()).isEqualTo(key.nodeId());
    assertThat(back.ip()).contains(InetAddress.getByName("10.0.0.1"));
    assertThat(back.ip6()).contains(InetAddress.getByName("2001:db8::1"));
    assertThat(back.tcp()).hasValue(30303);
    assertThat(back.tcp6()).hasValue(30303);
    assertThat(back.udp6()).hasValue(30302);
    assertThat(back.eth()).contains(forkId);
  }

  @Test
  void ethEntryIgnoresExtraListElements() throws Exception {
    byte[] entry = new RlpWriter().startList().startList().writeBytes(new byte[] {1, 2, 3, 4}).writeLong(5).writeLong(9).endList()
        .writeLong(7).endList().toByteArray();
    Enr enr = Enr.builder().raw("eth", entry).sign(SPEC_KEY);
    assertThat(Enr.decode(enr.encoded()).eth()).contains(new ForkId(new byte[] {1, 2, 3, 4}, 5));
  }

  @Test
  void aChangedByteBreaksTheSignature() throws Exception {
    byte[] rlp = Enr.fromText(SPEC_TEXT).encoded();
    rlp[rlp.length - 1] ^= 1; // the udp port
    assertThatThrownBy(() -> Enr.decode(rlp))
        .isInstanceOfSatisfying(EnrException.class, e -> assertThat(e.reason()).isEqualTo(EnrException.Reason.BAD_SIGNATURE));
  }

  @Test
  void oversizeUnsortedAndForeignSchemeRecordsAreRefused() throws Exception {
    assertThatThrownBy(() -> Enr.decode(new byte[301]))
        .isInstanceOfSatisfying(EnrException.class, e -> assertThat(e.reason()).isEqualTo(EnrException.Reason.TOO_LARGE));
    byte[] key = V4Scheme.compress(SPEC_KEY.nodeId().publicKey());
    assertThat(signedRaw("udp", "id", "secp256k1", key)).satisfies(r -> assertThatThrownBy(() -> Enr.decode(r))
        .isInstanceOfSatisfying(EnrException.class, e -> assertThat(e.reason()).isEqualTo(EnrException.Reason.KEYS_NOT_SORTED)));
    assertThat(signedRaw("id", "v5", "secp256k1", key)).satisfies(r -> assertThatThrownBy(() -> Enr.decode(r))
        .isInstanceOfSatisfying(EnrException.class, e -> assertThat(e.reason()).isEqualTo(EnrException.Reason.UNSUPPORTED_SCHEME)));
    assertThatThrownBy(() -> Enr.fromText("enr:!!"))
        .isInstanceOfSatisfying(EnrException.class, e -> assertThat(e.reason()).isEqualTo(EnrException.Reason.BAD_TEXT));
    assertThatThrownBy(() -> Enr.decode(new byte[] {(byte) 0xC1, 0x01}))
        .isInstanceOfSatisfying(EnrException.class, e -> assertThat(e.reason()).isEqualTo(EnrException.Reason.MALFORMED));
  }

  @Test
  void aRecordSignedByAnotherKeyThanItsOwnIsRefused() throws Exception {
    byte[] otherKey = V4Scheme.compress(NodeKey.generate(new Random(4)).nodeId().publicKey());
    byte[] r = signedRaw("id", "v4", "secp256k1", otherKey);
    assertThatThrownBy(() -> Enr.decode(r))
        .isInstanceOfSatisfying(EnrException.class, e -> assertThat(e.reason()).isEqualTo(EnrException.Reason.BAD_SIGNATURE));
  }

  /** {@code [sig, 1, k1, v1, "secp256k1", key]} signed by the spec key, in the order given. */
  private static byte[] signedRaw(String k1, String v1, String keyName, byte[] key) {
    RlpWriter content = new RlpWriter().startList();
    writeBody(content, k1, v1, keyName, key);
    byte[] sig = V4Scheme.sign(Keccak.keccak256(content.endList().toByteArray()).unsafeArray(), SPEC_KEY);
    RlpWriter record = new RlpWriter().startList().writeBytes(sig);
    writeBody(record, k1, v1, keyName, key);
    return record.endList().toByteArray();
  }

  private static void writeBody(RlpWriter w, String k1, String v1, String keyName, byte[] key) {
    w.writeLong(1).writeBytes(k1.getBytes(StandardCharsets.US_ASCII));
    if (k1.equals("udp")) {
      w.writeLong(Long.parseLong("30303"));
      w.writeBytes(v1.getBytes(StandardCharsets.US_ASCII)).writeBytes("v4".getBytes(StandardCharsets.US_ASCII));
    } else {
      w.writeBytes(v1.getBytes(StandardCharsets.US_ASCII));
    }
    w.writeBytes(keyName.getBytes(StandardCharsets.US_ASCII)).writeBytes(key);
  }
}
