package io.headersync.p2p.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.p2p.eth.EthMessage.GetBlockBodies;
import io.headersync.p2p.eth.EthMessage.GetBlockHeaders;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import io.headersync.testkit.chain.SyntheticBodies;
import io.headersync.testkit.chain.WithBodiesRecipe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The serving limits and the walk over the canonical chain, against a chain computed independently. */
class StoreRequestServerTest {

  private static final long HEAD = 1200;
  private static final LazyHeaderChain chain = ChainBuilder.withRecipe(
      new WithBodiesRecipe(PostMergeRecipe.mainnetLike(PostMergeRecipe.Shape.CANCUN))).seed(3).length(HEAD).build();
  private static final LazyHeaderChain fork = chain.fork(1100, 50, io.headersync.testkit.chain.ForkWeight.ANY, 77);
  private final InMemoryHeaderStore store = InMemoryHeaderStore.create(chain.header(0).hash());
  private final StoreRequestServer server = new StoreRequestServer(store, ServerConfig.DEFAULT);

  StoreRequestServerTest() {
    WriteBatch batch = new WriteBatch();
    for (long n = 0; n <= HEAD; n++) {
      BlockHeader h = chain.header(n);
      batch.putCanonicalHeader(h, chain.totalDifficulty(n));
      if (n < 100) {
        batch.putBody(h.hash(), SyntheticBodies.bodyFor(h).encode());
      }
    }
    // A side branch the store holds but is not canonical.
    for (long n = 1101; n <= 1110; n++) {
      batch.putHeader(fork.header(n), fork.totalDifficulty(n));
    }
    store.commit(batch);
  }

  private List<Hash> served(GetBlockHeaders request) {
    return server.headers(request).stream().map(b -> BlockHeader.decode(b).hash()).toList();
  }

  private List<Hash> chainAt(long first, long step, int count) {
    List<Hash> out = new ArrayList<>();
    for (long n = first, i = 0; i < count; n += step, i++) {
      out.add(chain.header(n).hash());
    }
    return out;
  }

  @Test
  void atMost1024HeadersHoweverManyAreAsked() {
    assertThat(served(new GetBlockHeaders(1, BlockOrigin.number(0), 5000, 0, false))).isEqualTo(chainAt(0, 1, 1024));
    // limit is unsigned on the wire: 2^64-1 is a very large request, not a negative one
    assertThat(served(new GetBlockHeaders(1, BlockOrigin.number(10), -1L, 0, false))).hasSize(1024);
    assertThat(served(new GetBlockHeaders(1, BlockOrigin.number(10), 0, 0, false))).isEmpty();
  }

  @Test
  void theByteLimitEndsTheAnswerAfterTheHeaderThatCrossesIt() {
    int threeHeaders = 0;
    for (int n = 0; n < 3; n++) {
      threeHeaders += chain.header(n).encoded().length;
    }
    // Three headers stay one byte under the limit, so a fourth is sent, which crosses it.
    StoreRequestServer small = new StoreRequestServer(store, new ServerConfig(1024, threeHeaders + 1, 1024, 1 << 21, 32));
    assertThat(small.headers(new GetBlockHeaders(1, BlockOrigin.number(0), 100, 0, false))).hasSize(4);
    StoreRequestServer exact = new StoreRequestServer(store, new ServerConfig(1024, threeHeaders, 1024, 1 << 21, 32));
    assertThat(exact.headers(new GetBlockHeaders(1, BlockOrigin.number(0), 100, 0, false))).hasSize(3);
  }

  @Test
  void skipAndReverseByNumberAndByHash() {
    assertThat(served(new GetBlockHeaders(1, BlockOrigin.number(100), 4, 9, false))).isEqualTo(chainAt(100, 10, 4));
    assertThat(served(new GetBlockHeaders(1, BlockOrigin.hash(chain.header(100).hash()), 4, 9, true)))
        .isEqualTo(chainAt(100, -10, 4));
    assertThat(served(new GetBlockHeaders(1, BlockOrigin.number(25), 100, 9, true))).isEqualTo(chainAt(25, -10, 3));
    assertThat(served(new GetBlockHeaders(1, BlockOrigin.number(HEAD - 5), 100, 2, false))).isEqualTo(chainAt(HEAD - 5, 3, 2));
    // a skip near 2^64 ends the walk after the origin
    assertThat(served(new GetBlockHeaders(1, BlockOrigin.number(7), 3, -2L, false))).isEqualTo(chainAt(7, 1, 1));
    assertThat(served(new GetBlockHeaders(1, BlockOrigin.number(HEAD + 1), 3, 0, false))).isEmpty();
  }

  @Test
  void consecutiveRunsMatchTheChainInBothDirectionsUpToTheEnds() {
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < 300; i++) {
      long origin = random.nextInt((int) HEAD + 20);
      int limit = 1 + random.nextInt(random.nextBoolean() ? 8 : 1100);
      boolean reverse = random.nextBoolean();
      int expected = origin > HEAD ? 0 : (int) Math.min(Math.min(limit, 1024), reverse ? origin + 1 : HEAD - origin + 1);
      assertThat(served(new GetBlockHeaders(1, BlockOrigin.number(origin), limit, 0, reverse)))
          .as("origin %d, limit %d, reverse %s", origin, limit, reverse)
          .isEqualTo(chainAt(origin, reverse ? -1 : 1, expected));
    }
    assertThat(served(new GetBlockHeaders(1, BlockOrigin.hash(chain.header(HEAD).hash()), 1024, 0, true)))
        .isEqualTo(chainAt(HEAD, -1, 1024));
  }

  @Test
  void aReverseRunIsCutByBytesCountedFromItsOrigin() {
    int threeHeaders = 0;
    for (long n = 500; n > 497; n--) {
      threeHeaders += chain.header(n).encoded().length;
    }
    StoreRequestServer small = new StoreRequestServer(store, new ServerConfig(1024, threeHeaders + 1, 1024, 1 << 21, 32));
    assertThat(small.headers(new GetBlockHeaders(1, BlockOrigin.number(500), 100, 0, true))
        .stream().map(b -> BlockHeader.decode(b).hash()).toList()).isEqualTo(chainAt(500, -1, 4));
  }

  @Test
  void onlyCanonicalHeadersAreServed() {
    Hash sideBranch = fork.header(1105).hash();
    assertThat(store.header(sideBranch)).isPresent();
    assertThat(served(new GetBlockHeaders(1, BlockOrigin.hash(sideBranch), 3, 0, true))).isEmpty();
    assertThat(served(new GetBlockHeaders(1, BlockOrigin.number(1105), 1, 0, false))).containsExactly(chain.header(1105).hash());
  }

  @Test
  void bodiesArePrefixesWithinTheLimits() {
    List<Hash> asked = List.of(chain.header(97).hash(), chain.header(98).hash(), chain.header(99).hash(),
        chain.header(100).hash(), chain.header(5).hash());
    List<byte[]> bodies = server.bodies(new GetBlockBodies(1, asked));
    assertThat(bodies).hasSize(3);
    assertThat(bodies.get(2)).isEqualTo(SyntheticBodies.bodyFor(chain.header(99)).encode());
    StoreRequestServer two = new StoreRequestServer(store, new ServerConfig(1024, 1 << 21, 2, 1 << 21, 32));
    assertThat(two.bodies(new GetBlockBodies(1, asked))).hasSize(2);
    assertThat(server.bodies(new GetBlockBodies(1, List.of(chain.header(100).hash(), chain.header(1).hash())))).isEmpty();
  }
}
