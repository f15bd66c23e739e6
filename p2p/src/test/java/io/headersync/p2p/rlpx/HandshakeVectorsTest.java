package io.headersync.p2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hex;
import io.headersync.p2p.identity.NodeKey;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every RLPx handshake vector of EIP-8 and of geth's RLPx tests. */
class HandshakeVectorsTest {

  private Devp2pVectors v;
  private NodeKey staticA;
  private NodeKey staticB;
  private NodeKey ephemeralA;
  private NodeKey ephemeralB;

  @BeforeEach
  void load() {
    v = Devp2pVectors.load();
    staticA = NodeKey.of(v.key("Static Key A"));
    staticB = NodeKey.of(v.key("Static Key B"));
    ephemeralA = NodeKey.of(v.key("Ephemeral Key A"));
    ephemeralB = NodeKey.of(v.key("Ephemeral Key B"));
  }

  private RecipientHandshake recipientB() {
    return new RecipientHandshake(staticB, ephemeralB, v.nonce("Nonce B"), new SecureRandom());
  }

  private InitiatorHandshake initiatorA() {
    return new InitiatorHandshake(staticA, staticB.nodeId(), ephemeralA, v.nonce("Nonce A"), new SecureRandom());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"(Auth₁),false,4", "(Auth₂),true,4", "(Auth₃),true,56"})
  void recipientDecryptsEachAuth(String name, boolean eip8, long version) {
    RecipientHandshake.Received got = recipientB().readAuth(v.hex(name), eip8);

    assertThat(got.auth().initiatorId()).isEqualTo(staticA.nodeId());
    assertThat(got.auth().nonce()).isEqualTo(v.nonce("Nonce A"));
    assertThat(got.auth().version()).isEqualTo(version);
    assertThat(got.remoteEphemeralId()).isEqualTo(ephemeralA.nodeId());
    assertThat(got.eip8()).isEqualTo(eip8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"(Auth₂)", "(Auth₃)"})
  void eip8AuthCarriesTheSignatureGethRecorded(String name) {
    byte[] expected = Hex.decode(v.extra().get("handshake_decoded_expectations")
        .get("auth_signature_inside_Auth2_Auth3_plaintext").asText());

    assertThat(recipientB().readAuth(v.hex(name), true).auth().signature()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"(Ack₁),false,4", "(Ack₂),true,4", "(Ack₃),true,57"})
  void initiatorDecryptsEachAck(String name, boolean eip8, long version) {
    byte[] plain = HandshakePackets.open(staticA.privateKey(), v.hex(name), eip8);
    AckMessage ack = AckMessage.decode(plain, eip8);

    assertThat(ack.ephemeralId()).isEqualTo(ephemeralB.nodeId());
    assertThat(ack.nonce()).isEqualTo(v.nonce("Nonce B"));
    assertThat(ack.version()).isEqualTo(version);
  }

  @Test
  void recipientDerivesTheSecretsOfAuth2Ack2() {
    RecipientHandshake b = recipientB();
    RecipientHandshake.Received auth = b.readAuth(v.hex("(Auth₂)"), true);
    Secrets secrets = b.secrets(auth, v.hex("(Ack₂)"));

    assertThat(secrets.aesSecret()).isEqualTo(v.value("Node B derives", "aes-secret"));
    assertThat(secrets.macSecret()).isEqualTo(v.value("Node B derives", "mac-secret"));
    assertThat(secrets.remoteId()).isEqualTo(staticA.nodeId());
    MacState ingress = secrets.ingressMac();
    byte[] foo = "foo".getBytes(StandardCharsets.US_ASCII);
    ingress.update(foo, 0, foo.length);
    assertThat(ingress.digest()).isEqualTo(v.value("Running B's", "ingress-mac(\"foo\")"));
  }

  @Test
  void initiatorDerivesTheSameSecretsAndItsEgressMacMatchesTheRecipientsIngress() {
    InitiatorHandshake a = initiatorA();
    a.useSentAuth(v.hex("(Auth₂)"));
    Secrets secrets = a.readAck(v.hex("(Ack₂)"), true);

    assertThat(secrets.aesSecret()).isEqualTo(v.value("Node B derives", "aes-secret"));
    assertThat(secrets.macSecret()).isEqualTo(v.value("Node B derives", "mac-secret"));
    assertThat(secrets.remoteId()).isEqualTo(staticB.nodeId());
    MacState egress = secrets.egressMac();
    byte[] foo = "foo".getBytes(StandardCharsets.US_ASCII);
    egress.update(foo, 0, foo.length);
    assertThat(egress.digest()).isEqualTo(v.value("Running B's", "ingress-mac(\"foo\")"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"(Auth₁),false", "(Auth₂),true", "(Auth₃),true"})
  void readerCutsEachAuthFromAStreamFedOneByteAtATime(String name, boolean eip8) {
    byte[] packet = v.hex(name);
    RecipientHandshake b = recipientB();
    HandshakeMessageReader<RecipientHandshake.Received> reader =
        new HandshakeMessageReader<>(RecipientHandshake.legacyAuthPacketSize(), 2048, b::readAuth);
    ByteBuf in = Unpooled.buffer();
    RecipientHandshake.Received got = null;
    int fed = 0;
    while (got == null && fed < packet.length) {
      in.writeByte(packet[fed++]);
      got = reader.read(in);
    }
    in.writeBytes(new byte[] {1, 2, 3}); // the first frame may follow in the same read

    assertThat(got).isNotNull();
    assertThat(fed).isEqualTo(packet.length);
    assertThat(got.eip8()).isEqualTo(eip8);
    assertThat(got.authPacket()).isEqualTo(packet);
    assertThat(in.readableBytes()).isEqualTo(3);
  }

  @Test
  void readerRefusesASizePrefixOverTheCapBeforeTheBodyArrives() {
    RecipientHandshake b = recipientB();
    HandshakeMessageReader<RecipientHandshake.Received> reader =
        new HandshakeMessageReader<>(RecipientHandshake.legacyAuthPacketSize(), 2048, b::readAuth);
    ByteBuf in = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xF0});

    assertThatThrownBy(() -> reader.read(in))
        .isInstanceOfSatisfying(RlpxException.class, e -> assertThat(e.reason()).isEqualTo(RlpxException.Reason.HANDSHAKE_SIZE));
  }

  @Test
  void aTamperedAuthFailsToDecryptWithATypedError() {
    byte[] packet = v.hex("(Auth₂)");
    packet[100] ^= 1;

    assertThatThrownBy(() -> recipientB().readAuth(packet, true))
        .isInstanceOfSatisfying(RlpxException.class, e -> assertThat(e.reason()).isEqualTo(RlpxException.Reason.HANDSHAKE_DECRYPT));
  }

  @Test
  void aFreshHandshakeBetweenTwoKeysAgreesOnSecretsAndMacs() {
    SecureRandom random = new SecureRandom();
    InitiatorHandshake a = InitiatorHandshake.create(staticA, staticB.nodeId(), random);
    RecipientHandshake b = RecipientHandshake.create(staticB, random);
    byte[] auth = a.authPacket();
    RecipientHandshake.Received received = b.readAuth(auth, true);
    byte[] ack = b.ackPacket(received);
    Secrets sb = b.secrets(received, ack);
    Secrets sa = a.readAck(ack, true);

    assertThat(auth.length).isGreaterThan(RecipientHandshake.legacyAuthPacketSize());
    assertThat(ack.length).isGreaterThan(InitiatorHandshake.legacyAckPacketSize());
    assertThat(sa.aesSecret()).isEqualTo(sb.aesSecret());
    assertThat(sa.macSecret()).isEqualTo(sb.macSecret());
    assertThat(sa.egressMac().digest()).isEqualTo(sb.ingressMac().digest());
    assertThat(sa.ingressMac().digest()).isEqualTo(sb.egressMac().digest());
    assertThat(sa.remoteId()).isEqualTo(staticB.nodeId());
    assertThat(sb.remoteId()).isEqualTo(staticA.nodeId());
  }

  @Test
  void aLegacyAuthIsAnsweredWithALegacyAckTheInitiatorReads() {
    RecipientHandshake b = recipientB();
    RecipientHandshake.Received received = b.readAuth(v.hex("(Auth₁)"), false);
    byte[] ack = b.ackPacket(received);

    assertThat(ack.length).isEqualTo(InitiatorHandshake.legacyAckPacketSize());
    AckMessage decoded = AckMessage.decode(HandshakePackets.open(staticA.privateKey(), ack, false), false);
    assertThat(decoded.ephemeralId()).isEqualTo(ephemeralB.nodeId());
    assertThat(decoded.nonce()).isEqualTo(v.nonce("Nonce B"));
  }
}
