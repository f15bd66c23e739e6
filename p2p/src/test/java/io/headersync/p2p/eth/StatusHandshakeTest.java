package io.headersync.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ForkId;
import io.headersync.p2p.eth.EthMessage.Status68;
import io.headersync.p2p.eth.EthMessage.Status69;
import io.headersync.p2p.eth.EthProtocolException.Reason;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.PeerChainState;
import java.math.BigInteger;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Our Status from the store's head, and the judgement of the peer's, alone and over a session. */
class StatusHandshakeTest {

  private final EthFixture f = new EthFixture();
  private final InMemoryHeaderStore full = f.fullStore(n -> false);
  private final StatusHandshake local = new StatusHandshake(f.spec, full);
  private final Hash head = f.chain.header(EthFixture.HEAD).hash();
  /** What a node at block 3000 of this chain announces: Homestead (1000) passed, Byzantium next. */
  private final ForkId forkId = ForkId.of(f.spec, EthFixture.HEAD, f.chain.header(EthFixture.HEAD).timestamp());

  @Test
  void eth68StatusCarriesTotalDifficultyHeadGenesisAndForkId() {
    Status68 s = (Status68) local.localStatus(EthVersion.ETH68);
    assertThat(s.version()).isEqualTo(68);
    assertThat(s.networkId()).isEqualTo(EthFixture.NETWORK_ID);
    assertThat(s.totalDifficulty()).isEqualTo(f.td(EthFixture.HEAD));
    assertThat(s.head()).isEqualTo(head);
    assertThat(s.genesis()).isEqualTo(f.chain.header(0).hash());
    assertThat(s.forkId()).isEqualTo(forkId);
    assertThat(s.forkId().next()).isEqualTo(5_000_000L);
  }

  @Test
  void eth69StatusCarriesTheServedRangeAndNoTotalDifficulty() {
    Status69 s = (Status69) local.localStatus(EthVersion.ETH69);
    assertThat(s.version()).isEqualTo(69);
    assertThat(s.networkId()).isEqualTo(EthFixture.NETWORK_ID);
    assertThat(s.genesis()).isEqualTo(f.chain.header(0).hash());
    assertThat(s.forkId()).isEqualTo(forkId);
    assertThat(s.earliest()).isZero();
    assertThat(s.latest()).isEqualTo(EthFixture.HEAD);
    assertThat(s.latestHash()).isEqualTo(head);
  }

  @Test
  void aFreshNodeAnnouncesTheGenesisForkId() {
    Status69 s = (Status69) new StatusHandshake(f.spec, f.freshStore()).localStatus(EthVersion.ETH69);
    assertThat(s.forkId().next()).isEqualTo(1000L);
    assertThat(s.latest()).isZero();
    assertThat(s.latestHash()).isEqualTo(f.chain.header(0).hash());
  }

  @Test
  void aCompatiblePeerYieldsItsChainState() throws EthProtocolException {
    PeerChainState s68 = local.validate(EthVersion.ETH68, status68(68, EthFixture.NETWORK_ID, f.spec.genesisHash(), forkId));
    assertThat(s68).isEqualTo(PeerChainState.eth68(head, BigInteger.TEN));
    PeerChainState s69 = local.validate(EthVersion.ETH69,
        new Status69(69, EthFixture.NETWORK_ID, f.spec.genesisHash(), forkId, 5, 2000, head));
    assertThat(s69).isEqualTo(PeerChainState.eth69(new BlockRange(5, 2000), head));
    // A peer still at genesis is syncing, not incompatible.
    ForkId genesisId = ForkId.of(f.spec, 0, f.chain.header(0).timestamp());
    local.validate(EthVersion.ETH68, status68(68, EthFixture.NETWORK_ID, f.spec.genesisHash(), genesisId));
  }

  @Test
  void wrongNetworkGenesisForkIdOrVersionIsRefusedWithSubprotocolError() {
    Hash genesis = f.spec.genesisHash();
    expect(Reason.NETWORK_MISMATCH, () -> local.validate(EthVersion.ETH68, status68(68, 1, genesis, forkId)));
    expect(Reason.GENESIS_MISMATCH, () -> local.validate(EthVersion.ETH68, status68(68, EthFixture.NETWORK_ID, head, forkId)));
    expect(Reason.FORK_ID_REJECTED,
        () -> local.validate(EthVersion.ETH68, status68(68, EthFixture.NETWORK_ID, genesis, ForkId.of(0x12345678, 0))));
    // A peer at genesis that does not know the fork we passed at block 1000.
    ForkId stale = ForkId.of(ForkId.of(f.spec, 0, 0).hash(), 0);
    expect(Reason.FORK_ID_REJECTED, () -> local.validate(EthVersion.ETH68, status68(68, EthFixture.NETWORK_ID, genesis, stale)));
    expect(Reason.VERSION_MISMATCH, () -> local.validate(EthVersion.ETH68, status68(67, EthFixture.NETWORK_ID, genesis, forkId)));
    expect(Reason.VERSION_MISMATCH, () -> local.validate(EthVersion.ETH69,
        new Status69(68, EthFixture.NETWORK_ID, genesis, forkId, 0, 1, head)));
  }

  @Test
  void anEth69StatusOnAnEth68SessionIsUnexpected() {
    Status69 s = new Status69(69, EthFixture.NETWORK_ID, f.spec.genesisHash(), forkId, 0, 1, head);
    expect(Reason.UNEXPECTED_MESSAGE, () -> local.validate(EthVersion.ETH68, s));
  }

  @Test
  void aPeerOnAnotherNetworkIsDisconnectedAndNeverAnnounced() {
    ChainSpec otherNetwork = new ChainSpec("other", 7, 7, f.spec.genesis(), f.spec.forkActivations(), null,
        f.spec.blobSchedules(), f.spec.sealEngine(), f.spec.bootnodes());
    ChannelPair pair = new ChannelPair(EthVersion.ETH69.capability())
        .open(f.protocol(EthConfig.DEFAULT, f.freshStore()), f.protocol(EthConfig.DEFAULT, otherNetwork, full));
    f.settle(pair);
    assertThat(pair.a.sentDisconnect()).contains(DisconnectReason.SUBPROTOCOL_ERROR);
    assertThat(f.listener.connected).isEmpty();
    assertThat(f.listener.events).isEmpty();
  }

  @Test
  void aPeerThatSendsNoStatusIsDroppedAfterTheTimeout() {
    ChannelPair pair = new ChannelPair(EthVersion.ETH68.capability());
    pair.open(f.protocol(EthConfig.DEFAULT, f.freshStore()), new io.headersync.p2p.rlpx.ProtocolHandler() {
      @Override
      public void onMessage(int code, byte[] payload) {}

      @Override
      public void onClosed(DisconnectReason reason, boolean byRemote) {}
    });
    f.settle(pair);
    f.loop.runFor(EthConfig.DEFAULT.statusTimeout().minus(Duration.ofMillis(1)));
    f.settle(pair);
    assertThat(pair.a.sentDisconnect()).isEmpty();
    f.loop.runFor(Duration.ofMillis(1));
    f.settle(pair);
    assertThat(pair.a.sentDisconnect()).contains(DisconnectReason.TIMEOUT);
    assertThat(pair.a.sentCodes).containsExactly(EthMessageType.STATUS.code());
  }

  @Test
  void anythingBeforeStatusIsABreach() {
    ChannelPair pair = new ChannelPair(EthVersion.ETH68.capability());
    pair.open(f.protocol(EthConfig.DEFAULT, f.freshStore()), new io.headersync.p2p.rlpx.ProtocolHandler() {
      @Override
      public void onMessage(int code, byte[] payload) {}

      @Override
      public void onClosed(DisconnectReason reason, boolean byRemote) {}
    });
    pair.b.send(EthMessageType.GET_BLOCK_HEADERS.code(), new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT)
        .encode(new EthMessage.GetBlockHeaders(1, io.headersync.sync.api.BlockOrigin.number(0), 1, 0, false)));
    f.settle(pair);
    assertThat(pair.a.sentDisconnect()).contains(DisconnectReason.BREACH_OF_PROTOCOL);
  }

  @Test
  void aSecondStatusIsABreach() {
    ChannelPair pair = new ChannelPair(EthVersion.ETH68.capability())
        .open(f.protocol(EthConfig.DEFAULT, f.freshStore()), f.remoteProtocol(EthConfig.DEFAULT, full));
    f.settle(pair);
    pair.b.send(0, new EthCodec(EthVersion.ETH68, EthLimits.DEFAULT).encode(local.localStatus(EthVersion.ETH68)));
    f.settle(pair);
    assertThat(pair.a.sentDisconnect()).contains(DisconnectReason.BREACH_OF_PROTOCOL);
    assertThat(f.listener.events).containsExactly("connected " + pair.a.remoteId().toPeerId(),
        "disconnected " + pair.a.remoteId().toPeerId() + " BREACH_OF_PROTOCOL");
  }

  private Status68 status68(int version, long networkId, Hash genesis, ForkId id) {
    return new Status68(version, networkId, BigInteger.TEN, head, genesis, id);
  }

  private static void expect(Reason reason, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(EthProtocolException.class, e -> {
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.disconnectReason()).isEqualTo(reason == Reason.UNEXPECTED_MESSAGE
          ? DisconnectReason.BREACH_OF_PROTOCOL : DisconnectReason.SUBPROTOCOL_ERROR);
    });
  }
}
