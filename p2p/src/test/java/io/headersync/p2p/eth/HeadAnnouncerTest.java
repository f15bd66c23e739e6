package io.headersync.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.p2p.server.HeadAnnouncer;
import io.headersync.p2p.server.ServerConfig;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.BlockRange;
import org.junit.jupiter.api.Test;

/**
 * New local heads announced by the serving side (end b) to the peer at end a: NewBlockHashes on
 * eth/68 (never for a block the peer already knows), BlockRangeUpdate on eth/69 at most once per
 * 32 blocks.
 */
class HeadAnnouncerTest {

  private final EthFixture f = new EthFixture();
  private final InMemoryHeaderStore served = f.fullStore(n -> false);

  @Test
  void eth68PeersGetNewBlockHashesOncePerBlock() {
    EthProtocol server = f.remoteProtocol(EthConfig.DEFAULT, served);
    ChannelPair pair = new ChannelPair(EthVersion.ETH68.capability()).open(f.protocol(EthConfig.DEFAULT, f.freshStore()), server);
    f.settle(pair);
    HeadAnnouncer announcer = new HeadAnnouncer(server, served, ServerConfig.DEFAULT);

    // The head the peer was told of in Status is known to it already.
    assertThat(announcer.announceNewHead(f.chain.header(EthFixture.HEAD))).isZero();
    BlockHeader next = f.chain.header(2999);
    assertThat(announcer.announceNewHead(next)).isEqualTo(1);
    assertThat(announcer.announceNewHead(next)).isZero();
    f.settle(pair);
    assertThat(f.listener.announcements).singleElement().satisfies(a -> {
      assertThat(a.hash()).isEqualTo(next.hash());
      assertThat(a.number()).isEqualTo(2999);
    });
  }

  @Test
  void eth69PeersGetARangeUpdateOncePerEpoch() {
    EthProtocol server = f.remoteProtocol(EthConfig.DEFAULT, served);
    ChannelPair pair = new ChannelPair(EthVersion.ETH69.capability()).open(f.protocol(EthConfig.DEFAULT, f.freshStore()), server);
    f.settle(pair);
    HeadAnnouncer announcer = new HeadAnnouncer(server, served, ServerConfig.DEFAULT);
    assertThat(announcer.announceNewHead(f.chain.header(2900))).isEqualTo(1);
    assertThat(announcer.announceNewHead(f.chain.header(2931))).isZero();
    assertThat(announcer.announceNewHead(f.chain.header(2932))).isEqualTo(1);
    f.settle(pair);
    assertThat(f.listener.stateChanges).hasSize(2);
    assertThat(f.listener.connected.getFirst().chainState().servedRange()).contains(new BlockRange(0, 2932));
    assertThat(f.listener.connected.getFirst().chainState().headHash()).isEqualTo(f.chain.header(2932).hash());
  }
}
