package io.headersync.p2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.p2p.identity.NodeKey;
import io.headersync.sync.api.Capability;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Hello, capability negotiation and snappy, each alone. */
class BaseMessagesTest {

  @Test
  void decodesTheEip8HelloWithAHigherVersionAndExtraElements() {
    byte[] hello = Devp2pVectors.load().hex("devp2p hello packet");
    // the vector is the Hello's RLP alone (no message id); version 0x37 and two trailing elements
    HelloMessage decoded = HelloMessage.decode(hello);

    assertThat(decoded.p2pVersion()).isEqualTo(0x37);
    assertThat(decoded.clientId()).isEqualTo("kneth/v0.91/plan9");
    assertThat(decoded.capabilities()).containsExactly(new Capability("eth", 61), new Capability("mork", 22));
    assertThat(decoded.listenPort()).isEqualTo(9999);
  }

  @Test
  void acceptsAListenPortWrittenWithLeadingZerosAndRefusesOneBeyondTcp() {
    var id = NodeKey.generate(new Random(5)).nodeId();
    // a zero port written as the single byte 0x00, as one widely used implementation does
    byte[] zeroByte = new io.headersync.rlp.RlpWriter().startList().writeLong(5).writeBytes("x".getBytes())
        .startList().endList().writeBytes(new byte[] {0}).writeBytes(id.publicKey()).endList().toByteArray();
    assertThat(HelloMessage.decode(zeroByte).listenPort()).isZero();

    byte[] tooLarge = new io.headersync.rlp.RlpWriter().startList().writeLong(5).writeBytes("x".getBytes())
        .startList().endList().writeBytes(new byte[] {1, 0, 0}).writeBytes(id.publicKey()).endList().toByteArray();
    assertThatThrownBy(() -> HelloMessage.decode(tooLarge))
        .isInstanceOfSatisfying(RlpxException.class, e -> assertThat(e.getMessage()).contains("listenPort"));
  }

  @Test
  void helloRoundTripsAndNamesTheBadField() {
    HelloMessage hello = new HelloMessage(5, "headersync/0.1", List.of(Capability.ETH_68, Capability.ETH_69), 30303,
        NodeKey.generate(new Random(4)).nodeId());
    assertThat(HelloMessage.decode(hello.encode())).isEqualTo(hello);

    byte[] truncated = new io.headersync.rlp.RlpWriter().startList().writeLong(5).writeBytes(new byte[] {'x'})
        .endList().toByteArray();
    assertThatThrownBy(() -> HelloMessage.decode(truncated))
        .isInstanceOfSatisfying(RlpxException.class, e -> {
          assertThat(e.reason()).isEqualTo(RlpxException.Reason.MALFORMED_MESSAGE);
          assertThat(e.getMessage()).contains("capabilities");
        });
  }

  @Test
  void negotiationKeepsTheHighestSharedVersionAndOrdersByName() {
    TestProtocol eth = new TestProtocol(17, Capability.ETH_68, Capability.ETH_69);
    TestProtocol snap = new TestProtocol(8, new Capability("snap", 1));
    TestProtocol aaa = new TestProtocol(3, new Capability("aaa", 2));

    List<SharedCapability> shared = CapabilityNegotiation.negotiate(List.of(snap, eth, aaa),
        List.of(Capability.ETH_68, new Capability("snap", 1), new Capability("aaa", 1), new Capability("les", 4)));

    assertThat(shared).extracting(SharedCapability::capability)
        .containsExactly(Capability.ETH_68, new Capability("snap", 1));
    assertThat(shared).extracting(SharedCapability::offset).containsExactly(0x10, 0x10 + 17);
    assertThat(shared.get(0).factory()).isSameAs(eth);

    List<SharedCapability> both = CapabilityNegotiation.negotiate(List.of(eth),
        List.of(Capability.ETH_69, Capability.ETH_68));
    assertThat(both).singleElement().satisfies(s -> assertThat(s.capability()).isEqualTo(Capability.ETH_69));
    assertThat(CapabilityNegotiation.negotiate(List.of(eth), List.of(new Capability("eth", 67)))).isEmpty();
  }

  @Test
  void snappyRoundTripsAndChecksTheAnnouncedLengthFirst() throws Exception {
    byte[] data = new byte[3000];
    new Random(1).nextBytes(data);
    assertThat(MessageCompression.decompress(MessageCompression.compress(data), 3000)).isEqualTo(data);

    byte[] claimsFourGiB = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 0x00};
    assertThatThrownBy(() -> MessageCompression.decompress(claimsFourGiB, 16 << 20))
        .isInstanceOfSatisfying(RlpxException.class,
            e -> assertThat(e.reason()).isEqualTo(RlpxException.Reason.MESSAGE_TOO_LARGE));
    assertThatThrownBy(() -> MessageCompression.decompress(Snappy.compress(new byte[3001]), 3000))
        .isInstanceOfSatisfying(RlpxException.class,
            e -> assertThat(e.reason()).isEqualTo(RlpxException.Reason.MESSAGE_TOO_LARGE));
    assertThatThrownBy(() -> MessageCompression.decompress(new byte[] {0x10, 0x00}, 3000))
        .isInstanceOfSatisfying(RlpxException.class,
            e -> assertThat(e.reason()).isEqualTo(RlpxException.Reason.BAD_COMPRESSION));
  }
}
