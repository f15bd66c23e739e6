package io.headersync.sync.stages;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.trie.TrieRoot;
import io.headersync.store.Checkpoint;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.BodiesClient;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import io.headersync.sync.testing.ManualScheduler;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodiesStageTest {

  /** Block n carries n typed transactions; its header commits to them. */
  private static BlockBody body(long n) {
    List<byte[]> txs = new ArrayList<>();
    for (int i = 0; i < n % 4; i++) {
      txs.add(new byte[] {0x02, (byte) 0xc1, (byte) (0x80 + i % 0x30)});
    }
    return new BlockBody(txs, List.of(), null);
  }

  private static List<BlockHeader> chain(int head) {
    List<BlockHeader> out = new ArrayList<>();
    Hash parent = Hash.ZERO;
    for (int n = 0; n <= head; n++) {
      BlockHeader h = BlockHeader.builder().parentHash(parent).number(n).difficulty(BigInteger.ONE).gasLimit(30_000_000)
          .timestamp(1000 + 12L * n).ommersHash(Keccak.EMPTY_LIST).transactionsRoot(TrieRoot.ofOrdered(body(n).transactions()))
          .build();
      out.add(h);
      parent = h.hash();
    }
    return out;
  }

  private static final class Client implements BodiesClient {
    record Asked(BodiesRequest request, RequestListener<List<BlockBody>> listener) {}

    final List<Asked> asked = new ArrayList<>();
    final List<String> reports = new ArrayList<>();

    @Override
    public RequestTicket requestBodies(BodiesRequest request, RequestOptions options, RequestListener<List<BlockBody>> listener) {
      asked.add(new Asked(request, listener));
      return new RequestTicket() {
        @Override public long id() { return asked.size(); }
        @Override public boolean cancel() { return true; }
      };
    }

    @Override
    public void reportPeer(PeerId peer, Offence offence, String detail) {
      reports.add(peer + ":" + offence);
    }
  }

  @Test
  void storesMatchingBodiesReportsAWrongOneAndAsksForTheRestAgain() {
    List<BlockHeader> chain = chain(12);
    InMemoryHeaderStore store = InMemoryHeaderStore.create(chain.getFirst().hash());
    WriteBatch w = new WriteBatch();
    chain.forEach(h -> w.putCanonicalHeader(h, BigInteger.valueOf(h.number() + 1)));
    store.commit(w.setCheckpoint(HeadersStage.ID, 12));
    ManualScheduler loop = new ManualScheduler();
    Client client = new Client();
    BodiesStage bodies = new BodiesStage(store, client, loop, BlockRange.of(3, 10), 4, Duration.ofSeconds(1));
    Pipeline p = new Pipeline(store, loop, List.of(new TotalDifficultyStage(store, 100), bodies));
    p.start();
    loop.runDue();
    assertThat(client.asked).singleElement().satisfies(a -> assertThat(a.request().hashes())
        .containsExactly(chain.get(3).hash(), chain.get(4).hash(), chain.get(5).hash(), chain.get(6).hash()));

    // "bad" sends block 3's body right and block 4's wrong: 3 is kept, 4.. asked again.
    client.asked.getLast().listener().onResponse(new PeerResponse<>(PeerId.of("bad"), List.of(body(3), body(5), body(5))));
    loop.runDue();
    assertThat(client.reports).containsExactly("bad:WRONG_DATA");
    assertThat(store.body(chain.get(3).hash())).hasValueSatisfying(b -> assertThat(b).isEqualTo(body(3).encode()));
    assertThat(store.body(chain.get(4).hash())).isEmpty();
    assertThat(store.checkpoint(BodiesStage.ID)).contains(Checkpoint.at(3));
    assertThat(client.asked.getLast().request().hashes().getFirst()).isEqualTo(chain.get(4).hash());

    while (p.state() != Pipeline.State.DONE) {
      BodiesRequest r = client.asked.getLast().request();
      List<BlockBody> answer = new ArrayList<>();
      for (Hash hash : r.hashes()) {
        answer.add(body(store.blockNumber(hash).getAsLong()));
      }
      client.asked.getLast().listener().onResponse(new PeerResponse<>(PeerId.of("good"), answer));
      loop.runDue();
    }
    for (long n = 3; n <= 10; n++) {
      assertThat(store.body(chain.get((int) n).hash())).as("body %d", n).isPresent();
    }
    assertThat(store.body(chain.get(11).hash())).isEmpty();
    assertThat(store.checkpoint(BodiesStage.ID)).contains(Checkpoint.at(10));
    assertThat(bodies.bodiesStored()).isEqualTo(8);
    assertThat(bodies.bodiesRejected()).isEqualTo(1);
  }
}
