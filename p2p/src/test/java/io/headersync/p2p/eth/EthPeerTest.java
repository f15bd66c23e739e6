package io.headersync.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.p2p.eth.EthMessage.AnnouncedBlock;
import io.headersync.p2p.eth.EthMessage.BlockHeaders;
import io.headersync.p2p.eth.EthMessage.BlockRangeUpdate;
import io.headersync.p2p.eth.EthMessage.NewBlockHashes;
import io.headersync.p2p.eth.EthMessage.Transactions;
import io.headersync.p2p.rlpx.ProtocolHandler;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerError;
import io.headersync.sync.api.PeerHandle;
import io.headersync.testkit.chain.SyntheticBodies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An eth peer (end a, a fresh node) talking to a serving node (end b, the whole synthetic chain in
 * an in-memory store) over an in-memory channel pair: answers compared with the chain computed
 * independently, and the ways a peer is penalised and dropped.
 */
class EthPeerTest {

  private final EthFixture f = new EthFixture();
  private final InMemoryHeaderStore served = f.fullStore(n -> n != 1500);

  private ChannelPair connect(EthVersion version) {
    ChannelPair pair = new ChannelPair(version.capability())
        .open(f.protocol(EthConfig.DEFAULT, f.freshStore()), f.remoteProtocol(EthConfig.DEFAULT, served));
    f.settle(pair);
    assertThat(f.listener.connected).hasSize(1);
    return pair;
  }

  private PeerHandle peer() {
    return f.listener.connected.getFirst();
  }

  private List<BlockHeader> headers(ChannelPair pair, HeadersRequest request) {
    Captured<List<BlockHeader>> out = new Captured<>();
    out.sending = true;
    peer().requestHeaders(request, out);
    out.sending = false;
    f.settle(pair);
    assertThat(out.error).as("error").isNull();
    assertThat(out.response.peer()).isEqualTo(peer().id());
    return out.response.value();
  }

  /** The chain's headers at {@code numbers}, computed without the server. */
  private List<Hash> expected(long... numbers) {
    List<Hash> out = new ArrayList<>();
    for (long n : numbers) {
      out.add(f.chain.header(n).hash());
    }
    return out;
  }

  private static List<Hash> hashes(List<BlockHeader> headers) {
    return headers.stream().map(BlockHeader::hash).toList();
  }

  @ParameterizedTest
  @EnumSource(EthVersion.class)
  void theStatusExchangeAnnouncesThePeerWithTheChainStateItClaims(EthVersion version) {
    connect(version);
    PeerHandle peer = peer();
    assertThat(peer.capabilities()).containsExactly(version.capability());
    assertThat(peer.chainState().headHash()).isEqualTo(f.chain.header(EthFixture.HEAD).hash());
    if (version == EthVersion.ETH68) {
      assertThat(peer.chainState().totalDifficulty()).contains(f.td(EthFixture.HEAD));
      assertThat(peer.chainState().headNumber()).isEmpty();
    } else {
      assertThat(peer.chainState().servedRange()).contains(new BlockRange(0, EthFixture.HEAD));
      assertThat(peer.chainState().totalDifficulty()).isEmpty();
    }
    assertThat(peer.measuredRoundTrip()).isEmpty();
    assertThat(f.remoteListener.connected).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(EthVersion.class)
  void headersByNumberAscending(EthVersion version) {
    ChannelPair pair = connect(version);
    List<BlockHeader> got = headers(pair, HeadersRequest.ascending(100, 50));
    long[] numbers = new long[50];
    for (int i = 0; i < 50; i++) {
      numbers[i] = 100 + i;
    }
    assertThat(hashes(got)).isEqualTo(expected(numbers));
    assertThat(got.getFirst().encoded()).isEqualTo(f.chain.header(100).encoded());
  }

  @Test
  void headersByHashWithSkipInReverse() {
    ChannelPair pair = connect(EthVersion.ETH69);
    Hash origin = f.chain.header(2000).hash();
    List<BlockHeader> got = headers(pair, new HeadersRequest(BlockOrigin.hash(origin), 5, 7, true));
    assertThat(hashes(got)).isEqualTo(expected(2000, 1992, 1984, 1976, 1968));
  }

  @Test
  void headersByHashWithSkipForwardStopAtTheHead() {
    ChannelPair pair = connect(EthVersion.ETH68);
    Hash origin = f.chain.header(2990).hash();
    List<BlockHeader> got = headers(pair, new HeadersRequest(BlockOrigin.hash(origin), 10, 3, false));
    assertThat(hashes(got)).isEqualTo(expected(2990, 2994, 2998));
  }

  @Test
  void reverseHeadersStopAtGenesis() {
    ChannelPair pair = connect(EthVersion.ETH68);
    List<BlockHeader> got = headers(pair, new HeadersRequest(BlockOrigin.number(5), 10, 1, true));
    assertThat(hashes(got)).isEqualTo(expected(5, 3, 1));
  }

  @Test
  void anUnknownOriginHashGetsAnEmptyAnswer() {
    ChannelPair pair = connect(EthVersion.ETH68);
    List<BlockHeader> got = headers(pair, new HeadersRequest(BlockOrigin.hash(Hash.fromHex("0x" + "ab".repeat(32))), 4, 0, false));
    assertThat(got).isEmpty();
  }

  @Test
  void bodiesAreAPrefixEndingBeforeTheFirstMissingBody() {
    ChannelPair pair = connect(EthVersion.ETH69);
    List<Hash> asked = expected(1497, 1498, 1499, 1500, 1501);
    Captured<List<BlockBody>> out = new Captured<>();
    peer().requestBodies(new BodiesRequest(asked), out);
    f.settle(pair);
    List<BlockBody> bodies = out.response.value();
    assertThat(bodies).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(bodies.get(i).encode()).isEqualTo(SyntheticBodies.bodyFor(f.chain.header(1497 + i)).encode());
    }
  }

  @Test
  void aResponseWithAnUnknownRequestIdIsReportedAndPastTheAllowanceTheePeerIsDropped() {
    ChannelPair pair = connect(EthVersion.ETH68);
    EthCodec codec = new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT);
    byte[] stray = codec.encode(new BlockHeaders(987_654, List.of(f.chain.header(7))));
    for (int i = 0; i < EthConfig.DEFAULT.unsolicitedAllowance(); i++) {
      pair.b.send(EthMessageType.BLOCK_HEADERS.code(), stray);
      f.settle(pair);
    }
    assertThat(EthFixture.offences(f.reports, Offence.WRONG_DATA).lines()).hasSize(3).allMatch(l -> l.contains("987654"));
    assertThat(pair.a.sentDisconnect()).isEmpty();

    pair.b.send(EthMessageType.BLOCK_HEADERS.code(), stray);
    f.settle(pair);
    assertThat(pair.a.sentDisconnect()).contains(DisconnectReason.BREACH_OF_PROTOCOL);
    assertThat(f.listener.events).last().isEqualTo("disconnected " + pair.a.remoteId().toPeerId() + " BREACH_OF_PROTOCOL");
  }

  @Test
  void disconnectFailsEveryPendingRequestOnTheLoop() {
    // The remote completes Status, then never answers anything.
    EthCodec codec = new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT);
    StatusHandshake remoteStatus = new StatusHandshake(f.spec, served);
    ChannelPair pair = new ChannelPair(EthVersion.ETH68.capability());
    pair.open(f.protocol(EthConfig.DEFAULT, f.freshStore()), silent());
    pair.b.send(0, codec.encode(remoteStatus.localStatus(EthVersion.ETH68)));
    f.settle(pair);

    Captured<List<BlockHeader>> first = new Captured<>();
    Captured<List<BlockBody>> second = new Captured<>();
    peer().requestHeaders(HeadersRequest.ascending(1, 10), first);
    peer().requestBodies(new BodiesRequest(expected(1)), second);
    f.settle(pair);
    assertThat(first.calls + second.calls).isZero();
    assertThat(((EthPeer) peer()).pendingRequests()).isEqualTo(2);

    peer().disconnect(DisconnectReason.USELESS_PEER);
    f.settle(pair);
    assertThat(first.error.kind()).isEqualTo(PeerError.Kind.DISCONNECTED);
    assertThat(second.error.kind()).isEqualTo(PeerError.Kind.DISCONNECTED);
    assertThat(((EthPeer) peer()).pendingRequests()).isZero();
    assertThat(f.listener.events).last().asString().endsWith("USELESS_PEER");

    Captured<List<BlockHeader>> late = new Captured<>();
    late.sending = true;
    peer().requestHeaders(HeadersRequest.ascending(1, 1), late);
    late.sending = false;
    f.settle(pair);
    assertThat(late.error.kind()).isEqualTo(PeerError.Kind.DISCONNECTED);
  }

  @Test
  void theInFlightCapRefusesRequestsBeyondIt() {
    EthCodec codec = new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT);
    ChannelPair pair = new ChannelPair(EthVersion.ETH68.capability());
    pair.open(f.protocol(EthConfig.DEFAULT, f.freshStore()), silent());
    pair.b.send(0, codec.encode(new StatusHandshake(f.spec, served).localStatus(EthVersion.ETH68)));
    f.settle(pair);
    List<Captured<List<BlockHeader>>> all = new ArrayList<>();
    for (int i = 0; i <= EthConfig.DEFAULT.maxInFlightRequests(); i++) {
      Captured<List<BlockHeader>> c = new Captured<>();
      all.add(c);
      peer().requestHeaders(HeadersRequest.ascending(i, 1), c);
    }
    f.settle(pair);
    assertThat(((EthPeer) peer()).pendingRequests()).isEqualTo(EthConfig.DEFAULT.maxInFlightRequests());
    assertThat(all.getLast().error.kind()).isEqualTo(PeerError.Kind.SEND_FAILED);
    assertThat(all.subList(0, all.size() - 1)).allMatch(c -> c.calls == 0);
  }

  @Test
  void announcementsReachTheListenerAndMoveTheHead() {
    ChannelPair pair = connect(EthVersion.ETH68);
    EthCodec codec = new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT);
    Hash h = Hash.fromHex("0x" + "11".repeat(32));
    pair.b.send(EthMessageType.NEW_BLOCK_HASHES.code(), codec.encode(new NewBlockHashes(List.of(new AnnouncedBlock(h, 3001)))));
    f.settle(pair);
    assertThat(f.listener.announcements).singleElement().satisfies(a -> {
      assertThat(a.hash()).isEqualTo(h);
      assertThat(a.number()).isEqualTo(3001);
    });
    assertThat(peer().chainState().headHash()).isEqualTo(h);
    assertThat(peer().chainState().headNumber()).hasValue(3001);
    assertThat(f.listener.stateChanges).hasSize(1);
  }

  @Test
  void aBlockRangeUpdateChangesTheServedRangeAndABackwardsRangeIsABreach() {
    ChannelPair pair = connect(EthVersion.ETH69);
    EthCodec codec = new EthCodec(EthVersion.ETH69, EthLimits.DEFAULT);
    Hash h = Hash.fromHex("0x" + "22".repeat(32));
    pair.b.send(EthMessageType.BLOCK_RANGE_UPDATE.code(), codec.encode(new BlockRangeUpdate(100, 3100, h)));
    f.settle(pair);
    assertThat(peer().chainState().servedRange()).contains(new BlockRange(100, 3100));
    assertThat(f.listener.stateChanges).hasSize(1);

    // earliest > latest: hand-encoded, since the record refuses to hold it
    byte[] backwards = new io.headersync.rlp.RlpWriter().startList().writeLong(50).writeLong(10)
        .writeBytes(h.toArray()).endList().toByteArray();
    pair.b.send(EthMessageType.BLOCK_RANGE_UPDATE.code(), backwards);
    f.settle(pair);
    assertThat(pair.a.sentDisconnect()).contains(DisconnectReason.BREACH_OF_PROTOCOL);
  }

  @Test
  void aPeerFloodingAnnouncementsIsDroppedAndItsAnnouncementsStayBounded() {
    ChannelPair pair = connect(EthVersion.ETH68);
    EthCodec codec = new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT);
    int burst = EthConfig.DEFAULT.announcementRate().burst();
    for (int i = 0; i < 10_000; i++) {
      Hash h = Hash.fromHex(String.format("0x%064x", i + 1));
      pair.b.send(EthMessageType.NEW_BLOCK_HASHES.code(),
          codec.encode(new NewBlockHashes(List.of(new AnnouncedBlock(h, 4000 + i)))));
    }
    long before = f.loop.eventsRun();
    f.settle(pair);
    assertThat(pair.a.sentDisconnect()).contains(DisconnectReason.BREACH_OF_PROTOCOL);
    assertThat(f.listener.announcements).hasSize(burst);
    // One loop task per accepted announcement, plus the report and the disconnect: nothing queued per flooded message.
    assertThat(f.loop.eventsRun() - before).isLessThanOrEqualTo(burst + 4);
    assertThat(f.reports).anyMatch(r -> r.startsWith("BAD_MESSAGE") && r.contains("FLOOD"));
  }

  @Test
  void aPeerFloodingMessagesIsDropped() {
    EthConfig config = EthConfig.DEFAULT.withRates(new EthConfig.RateLimit(100, 10), EthConfig.DEFAULT.announcementRate());
    ChannelPair pair = new ChannelPair(EthVersion.ETH69.capability())
        .open(f.protocol(config, f.freshStore()), f.remoteProtocol(EthConfig.DEFAULT, served));
    f.settle(pair);
    EthCodec codec = new EthCodec(EthVersion.ETH69, EthLimits.DEFAULT);
    byte[] gossip = codec.encode(new Transactions(List.of(new byte[] {0x02, 0x01})));
    for (int i = 0; i < 98; i++) {
      pair.b.send(EthMessageType.TRANSACTIONS.code(), gossip);
    }
    f.settle(pair);
    assertThat(pair.a.sentDisconnect()).isEmpty();
    pair.b.send(EthMessageType.TRANSACTIONS.code(), gossip);
    pair.b.send(EthMessageType.TRANSACTIONS.code(), gossip);
    f.settle(pair);
    assertThat(pair.a.sentDisconnect()).contains(DisconnectReason.BREACH_OF_PROTOCOL);
  }

  @Test
  void aMalformedMessageDropsThePeerWithBreachOfProtocol() {
    ChannelPair pair = connect(EthVersion.ETH69);
    pair.b.send(EthMessageType.BLOCK_HEADERS.code(), new byte[] {(byte) 0xc5, 0x01, (byte) 0xc2});
    f.settle(pair);
    assertThat(pair.a.sentDisconnect()).contains(DisconnectReason.BREACH_OF_PROTOCOL);
    assertThat(f.listener.disconnects()).isEqualTo(1);
  }

  @Test
  void newBlockHashesHaveNoPlaceInEth69() {
    ChannelPair pair = connect(EthVersion.ETH69);
    byte[] eth68Announcement = new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT)
        .encode(new NewBlockHashes(List.of(new AnnouncedBlock(Hash.ZERO, 1))));
    pair.b.send(EthMessageType.NEW_BLOCK_HASHES.code(), eth68Announcement);
    f.settle(pair);
    assertThat(pair.a.sentDisconnect()).contains(DisconnectReason.BREACH_OF_PROTOCOL);
  }

  private static ProtocolHandler silent() {
    return new ProtocolHandler() {
      @Override
      public void onMessage(int code, byte[] payload) {}

      @Override
      public void onClosed(DisconnectReason reason, boolean byRemote) {}
    };
  }
}
