package io.headersync.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.block.Block;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ForkId;
import io.headersync.p2p.eth.EthMessage.AnnouncedBlock;
import io.headersync.p2p.eth.EthMessage.BlockBodies;
import io.headersync.p2p.eth.EthMessage.BlockHeaders;
import io.headersync.p2p.eth.EthMessage.BlockRangeUpdate;
import io.headersync.p2p.eth.EthMessage.GetBlockBodies;
import io.headersync.p2p.eth.EthMessage.GetBlockHeaders;
import io.headersync.p2p.eth.EthMessage.GetPooledTransactions;
import io.headersync.p2p.eth.EthMessage.GetReceipts;
import io.headersync.p2p.eth.EthMessage.NewBlock;
import io.headersync.p2p.eth.EthMessage.NewBlockHashes;
import io.headersync.p2p.eth.EthMessage.NewPooledTransactionHashes;
import io.headersync.p2p.eth.EthMessage.PooledTransactions;
import io.headersync.p2p.eth.EthMessage.Receipts;
import io.headersync.p2p.eth.EthMessage.Status68;
import io.headersync.p2p.eth.EthMessage.Status69;
import io.headersync.p2p.eth.EthMessage.Transactions;
import io.headersync.p2p.eth.EthProtocolException.Reason;
import io.headersync.rlp.RlpWriter;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.testkit.chain.SyntheticBodies;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Round trips of every message in every version that has it; version gating; caps; bad values. */
class EthCodecTest {

  private static final EthFixture F = new EthFixture();
  private static final Hash H1 = Hash.fromHex("0x" + "01".repeat(32));
  private static final Hash H2 = Hash.fromHex("0x" + "02".repeat(32));

  /** One sample of every message type, for {@code version}. */
  static List<EthMessage> samples(EthVersion version) {
    BlockHeader h5 = F.chain.header(5);
    BlockHeader h6 = F.chain.header(6);
    BlockBody body = SyntheticBodies.bodyFor(h5);
    List<EthMessage> all = new ArrayList<>(List.of(
        version == EthVersion.ETH68
            ? new Status68(68, 1, new BigInteger("58750003716598352816469"), H1, H2, ForkId.of(0xfc64ec04, 1_150_000))
            : new Status69(69, -1L, H2, ForkId.of(0x9f3d2254, 1_746_612_311L), 0, 22_000_000, H1),
        new Transactions(List.of(new byte[] {0x02, 0x05, 0x06}, new RlpWriter().startList().writeLong(1).endList().toByteArray())),
        new GetBlockHeaders(-1L, BlockOrigin.hash(H1), 192, 0, true),
        new GetBlockHeaders(7, BlockOrigin.number(19_000_000), 1, -1L, false),
        new BlockHeaders(Long.MIN_VALUE, List.of(h5, h6)),
        new BlockHeaders(3, List.of()),
        new GetBlockBodies(9, List.of(H1, H2)),
        new BlockBodies(10, List.of(body, BlockBody.EMPTY_LEGACY)),
        new NewPooledTransactionHashes(new byte[] {0, 2}, List.of(110L, 300_000L), List.of(H1, H2)),
        new GetPooledTransactions(11, List.of(H2)),
        new PooledTransactions(12, List.of(new byte[] {(byte) 0x83, 0x02, 0x01, 0x02})),
        new GetReceipts(13, List.of(H1)),
        new Receipts(14, List.of(new RlpWriter().startList().endList().toByteArray()))));
    if (version == EthVersion.ETH68) {
      all.add(new NewBlockHashes(List.of(new AnnouncedBlock(H1, 100), new AnnouncedBlock(H2, 101))));
      all.add(new NewBlock(new Block(h5, body), BigInteger.valueOf(123_456)));
    } else {
      all.add(new BlockRangeUpdate(0, 22_000_001, H2));
    }
    return all;
  }

  @ParameterizedTest
  @EnumSource(EthVersion.class)
  void everyMessageRoundTrips(EthVersion version) throws EthProtocolException {
    EthCodec codec = new EthCodec(version, EthLimits.DEFAULT);
    List<EthMessage> samples = samples(version);
    assertThat(samples.stream().map(EthMessage::type).distinct())
        .containsExactlyInAnyOrder(java.util.Arrays.stream(EthMessageType.values()).filter(t -> t.existsIn(version))
            .toArray(EthMessageType[]::new));
    for (EthMessage m : samples) {
      byte[] encoded = codec.encode(m);
      EthMessage decoded = codec.decode(m.type().code(), encoded);
      assertThat(decoded.getClass()).isEqualTo(m.getClass());
      assertThat(codec.encode(decoded)).as(m.type().toString()).isEqualTo(encoded);
    }
  }

  @Test
  void fieldsSurviveTheRoundTrip() throws EthProtocolException {
    EthCodec codec = new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT);
    GetBlockHeaders g = new GetBlockHeaders(-1L, BlockOrigin.hash(H1), 192, 0, true);
    assertThat(codec.decode(0x03, codec.encode(g))).isEqualTo(g);
    Status68 s = (Status68) samples(EthVersion.ETH68).getFirst();
    assertThat(codec.decode(0x00, codec.encode(s))).isEqualTo(s);
    BlockHeaders hs = (BlockHeaders) codec.decode(0x04, codec.encode(new BlockHeaders(Long.MIN_VALUE, List.of(F.chain.header(5)))));
    assertThat(hs.requestId()).isEqualTo(Long.MIN_VALUE);
    assertThat(hs.headers().getFirst().hash()).isEqualTo(F.chain.header(5).hash());
    EthCodec codec69 = new EthCodec(EthVersion.ETH69, EthLimits.DEFAULT);
    Status69 s69 = (Status69) samples(EthVersion.ETH69).getFirst();
    assertThat(codec69.decode(0x00, codec69.encode(s69))).isEqualTo(s69);
    assertThat(s69.networkId()).isEqualTo(-1L); // 2^64-1 on the wire
  }

  @Test
  void messagesOfOneVersionAreUnknownInTheOther() {
    EthCodec eth69 = new EthCodec(EthVersion.ETH69, EthLimits.DEFAULT);
    EthCodec eth68 = new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT);
    byte[] hashes = eth68.encode(new NewBlockHashes(List.of(new AnnouncedBlock(H1, 1))));
    expect(Reason.UNKNOWN_MESSAGE, () -> eth69.decode(0x01, hashes));
    expect(Reason.UNKNOWN_MESSAGE, () -> eth69.decode(0x07, hashes));
    byte[] range = eth69.encode(new BlockRangeUpdate(1, 2, H1));
    expect(Reason.UNKNOWN_MESSAGE, () -> eth68.decode(0x11, range));
    expect(Reason.UNKNOWN_MESSAGE, () -> eth68.decode(0x0b, range));
    expect(Reason.UNKNOWN_MESSAGE, () -> eth68.decode(0x7f, range));
    assertThatThrownBy(() -> eth69.encode(new NewBlockHashes(List.of()))).isInstanceOf(IllegalArgumentException.class);
    // An eth/69 Status is not decodable as eth/68's: the fields do not line up.
    expect(Reason.MALFORMED, () -> eth68.decode(0x00, eth69.encode(samples(EthVersion.ETH69).getFirst())));
  }

  @Test
  void countsAboveTheCapsAreRefusedBeforeDecoding() {
    EthLimits small = new EthLimits(2, 2, 3, 2, 2);
    EthCodec codec = new EthCodec(EthVersion.ETH68, small);
    EthCodec unlimited = new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT);
    BlockHeader h = F.chain.header(1);
    expect(Reason.OVER_LIMIT, () -> codec.decode(0x04, unlimited.encode(new BlockHeaders(1, List.of(h, h, h)))));
    expect(Reason.OVER_LIMIT, () -> codec.decode(0x06, unlimited.encode(new BlockBodies(1, Collections.nCopies(3, BlockBody.EMPTY_LEGACY)))));
    expect(Reason.OVER_LIMIT, () -> codec.decode(0x05, unlimited.encode(new GetBlockBodies(1, Collections.nCopies(4, H1)))));
    expect(Reason.OVER_LIMIT, () -> codec.decode(0x01, unlimited.encode(new NewBlockHashes(
        Collections.nCopies(3, new AnnouncedBlock(H1, 1))))));
    expect(Reason.OVER_LIMIT, () -> codec.decode(0x02, unlimited.encode(new Transactions(
        Collections.nCopies(3, new byte[] {0x01, 0x02})))));
  }

  @Test
  void aHugeListHeaderCostsNoAllocation() {
    // A GetBlockBodies claiming 4 GB of hashes in 12 bytes: refused by its length prefix alone.
    byte[] lie = {(byte) 0xca, 0x01, (byte) 0xfb, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 0, 0, 0, 0, 0};
    expect(Reason.MALFORMED, () -> new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT).decode(0x05, lie));
  }

  @Test
  void badValuesAreTypedErrors() {
    EthCodec codec = new EthCodec(EthVersion.ETH69, EthLimits.DEFAULT);
    byte[] reverseTwo = new RlpWriter().startList().writeLong(1).startList().writeLong(5).writeLong(1).writeLong(0)
        .writeLong(2).endList().endList().toByteArray();
    expect(Reason.INVALID_VALUE, () -> codec.decode(0x03, reverseTwo));
    byte[] backwards = new RlpWriter().startList().writeLong(9).writeLong(8).writeBytes(H1.toArray()).endList().toByteArray();
    expect(Reason.INVALID_VALUE, () -> codec.decode(0x11, backwards));
    byte[] trailing = new RlpWriter().startList().writeLong(1).writeLong(2).writeBytes(H1.toArray()).writeLong(0).endList()
        .toByteArray();
    expect(Reason.MALFORMED, () -> codec.decode(0x11, trailing));
    byte[] uneven = new RlpWriter().startList().writeBytes(new byte[] {0, 2}).startList().writeLong(1).endList()
        .startList().writeBytes(H1.toArray()).endList().endList().toByteArray();
    expect(Reason.INVALID_VALUE, () -> codec.decode(0x08, uneven));
    expect(Reason.MALFORMED, () -> codec.decode(0x04, new byte[0]));
    expect(Reason.MALFORMED, () -> codec.decode(0x04, new byte[] {(byte) 0xc1}));
  }

  private static void expect(Reason reason, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(EthProtocolException.class, e -> {
      assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
      assertThat(e.disconnectReason()).isEqualTo(io.headersync.sync.api.DisconnectReason.BREACH_OF_PROTOCOL);
    });
  }
}
