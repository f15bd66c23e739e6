package io.headersync.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The producer and the follow judge on in-memory stores, no network. */
class BlockProducerTest {

  private final DevnetChain chain = DevnetChain.create(3, 40);
  private final InMemoryHeaderStore servers = filled();
  private final List<ChainEvent> announced = new ArrayList<>();

  private InMemoryHeaderStore filled() {
    InMemoryHeaderStore store = InMemoryHeaderStore.create(chain.spec().genesisHash());
    WriteBatch batch = new WriteBatch();
    for (long n = 0; n <= chain.historyHead(); n++) {
      batch.putCanonicalHeader(chain.historyHeader(n), chain.totalDifficulty());
    }
    store.commit(batch);
    return store;
  }

  @Test
  void everyKthStepIsAReorgThatReplacesTheLastBlocksWithABranchOneLonger() {
    BlockProducer producer = new BlockProducer(chain, servers, 3, 2, announced::add);
    ChainEvent first = producer.step();
    ChainEvent second = producer.step();
    ChainEvent third = producer.step();
    assertThat(first).isInstanceOf(ChainEvent.NewBlock.class);
    assertThat(second).isInstanceOf(ChainEvent.NewBlock.class);
    ChainEvent.Reorg reorg = (ChainEvent.Reorg) third;
    assertThat(reorg.depth()).isEqualTo(2);
    assertThat(reorg.forkPoint()).isEqualTo(40);
    assertThat(reorg.removed()).containsExactly(first.head(), second.head());
    assertThat(reorg.head().number()).isEqualTo(43);
    for (BlockHeader h : reorg.removed()) {
      assertThat(servers.isCanonical(h.hash())).isFalse();
    }
    for (BlockHeader h : reorg.added()) {
      assertThat(servers.isCanonical(h.hash())).isTrue();
      assertThat(servers.body(h.hash())).as("body of %s", h).isPresent();
    }
    assertThat(announced).containsExactly(first, second, third);
  }

  @Test
  void liveBlocksPassTheChainRulesAndCommitToTheirBodies() throws Exception {
    BlockProducer producer = new BlockProducer(chain, servers, 0, 1, announced::add);
    HeaderValidator rules = new HeaderValidator(chain.spec());
    BlockHeader parent = producer.head();
    for (int i = 0; i < 5; i++) {
      BlockHeader child = producer.newBlock().head();
      rules.validate(child, parent, chain.totalDifficulty());
      assertThat(servers.body(child.hash())).contains(chain.body(child));
      parent = child;
    }
    ChainEvent.Reorg deep = producer.reorg(4);
    BlockHeader below = servers.canonicalHeader(deep.forkPoint()).orElseThrow();
    for (BlockHeader h : deep.added()) {
      rules.validate(h, below, chain.totalDifficulty());
      below = h;
    }
  }

  @Test
  void aBlockReplacedBeforeItWasSeenIsNeitherFollowedNorPending() {
    BlockProducer producer = new BlockProducer(chain, servers, 0, 1, announced::add);
    FollowTracker follow = new FollowTracker();
    InMemoryHeaderStore node = filled();
    ChainEvent.NewBlock block = producer.newBlock();
    follow.announced(block, 0);
    ChainEvent.Reorg reorg = producer.reorg(1);
    follow.announced(reorg, 10);
    assertThat(follow.pendingCount()).isEqualTo(1);
    assertThat(follow.check(node, 20)).isEmpty();

    WriteBatch batch = new WriteBatch();
    reorg.added().forEach(h -> batch.putCanonicalHeader(h, chain.totalDifficulty()));
    node.commit(batch);
    List<FollowTracker.Followed> followed = follow.check(node, 1_000);
    assertThat(followed).hasSize(1);
    assertThat(followed.getFirst().event()).isEqualTo(reorg);
    assertThat(followed.getFirst().lagNanos()).isEqualTo(990);
    assertThat(follow.followedReorgs()).isEqualTo(1);
    assertThat(follow.followedBlocks()).isZero();
  }
}
