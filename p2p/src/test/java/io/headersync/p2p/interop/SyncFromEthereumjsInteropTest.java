package io.headersync.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.chain.ForkId;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.store.BlockRef;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.controller.SyncController;
import io.headersync.sync.controller.SyncStatus;
import io.headersync.sync.download.SyncTarget;
import io.headersync.testkit.chain.SyntheticBodies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ethereumjs serves a chain; headersync dials it over RLPx, agrees on eth/68 with snappy,
 * exchanges Status (each side computing the fork id on its own) and downloads every header: once
 * through the eth peer directly, once through the product's sync controller and request scheduler
 * (every header checked by the chain's rules and stored); it also asks by hash with skip and
 * reverse, and for bodies. Every answer is compared with the chain.
 */
class SyncFromEthereumjsInteropTest {

  private static final long HEAD = 3000;
  private static final int BATCH = 512;
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void headersyncDownloadsTheWholeChainFromEthereumjs(@TempDir Path dir) {
    InteropChain chain = InteropChain.of(HEAD, 5);
    try (ScriptRun ethereumjs = serveChain(chain, dir, 51);
        HeadersyncNode node = new HeadersyncNode(chain.spec(), chain.genesisStore(), 52)) {

      JsonNode ready = ethereumjs.await("ready", WAIT);
      assertThat(ready.path("headers").asLong()).isEqualTo(HEAD + 1);
      assertForkId(ready.path("status").path("forkId"), chain.forkId(), "ethereumjs computes the same fork id");

      node.dial(Enode.parse(ready.path("enode").asText()));
      PeerHandle peer = node.awaitPeer(WAIT, ethereumjs.diagnostics());

      assertThat(peer.capabilities()).contains(Capability.ETH_68);
      assertThat(peer.chainState().headHash()).isEqualTo(chain.head().hash());
      assertThat(peer.chainState().totalDifficulty()).contains(chain.headTotalDifficulty());
      JsonNode hello = ethereumjs.await("hello", WAIT);
      assertThat(hello.path("clientId").asText()).isEqualTo(HeadersyncNode.CLIENT_ID);
      assertThat(hello.path("protocolVersion").asInt()).as("devp2p v5: snappy on").isEqualTo(5);
      assertThat(hello.path("snappy").asBoolean()).isTrue();
      JsonNode ourStatus = ethereumjs.await("status", WAIT);
      assertThat(ourStatus.path("version").asInt()).isEqualTo(68);
      assertThat(ourStatus.path("networkId").asLong()).isEqualTo(InteropChain.NETWORK_ID);
      assertThat(ourStatus.path("genesisHash").asText()).isEqualTo(chain.genesisHash().toString());
      assertThat(ourStatus.path("bestHash").asText()).as("a fresh node's head is its genesis")
          .isEqualTo(chain.genesisHash().toString());
      assertForkId(ourStatus.path("forkId"), chain.forkId(), "the fork id ethereumjs decoded from our Status");

      List<BlockHeader> downloaded = new ArrayList<>();
      for (long from = 1; from <= HEAD; from += BATCH) {
        int count = (int) Math.min(BATCH, HEAD - from + 1);
        List<BlockHeader> batch = HeadersyncNode.headers(peer, HeadersRequest.ascending(from, count), WAIT);
        assertThat(batch).as("headers from %d", from).hasSize(count);
        downloaded.addAll(batch);
      }
      assertThat(downloaded).hasSize((int) HEAD);
      Hash parent = chain.genesisHash();
      for (BlockHeader header : downloaded) {
        BlockHeader expected = chain.headers().header(header.number());
        assertThat(header.hash()).as("header %d", header.number()).isEqualTo(expected.hash());
        assertThat(header.encoded()).isEqualTo(expected.encoded());
        assertThat(header.parentHash()).isEqualTo(parent);
        parent = header.hash();
      }
      assertThat(downloaded.getLast().number()).isEqualTo(HEAD);
      assertThat(ethereumjs.events("served")).as("one GetBlockHeaders per batch")
          .hasSize((int) ((HEAD + BATCH - 1) / BATCH));
      assertThat(node.reports()).as("no peer offences").isEmpty();
    }
  }

  @Test
  void headersyncSyncsFromEthereumjsThroughItsSyncControllerAndScheduler(@TempDir Path dir) {
    InteropChain chain = InteropChain.of(HEAD, 8);
    InMemoryHeaderStore store = chain.genesisStore();
    try (ScriptRun ethereumjs = serveChain(chain, dir, 81);
        HeadersyncNode node = new HeadersyncNode(chain.spec(), store, 82)) {

      node.dial(Enode.parse(ethereumjs.await("ready", WAIT).path("enode").asText()));
      node.awaitPeer(WAIT, ethereumjs.diagnostics());
      SyncStatus status = node.sync(SyncTarget.of(chain.head().hash(), HEAD), Duration.ofSeconds(60));

      assertThat(status.state()).as(status + "\n" + ethereumjs.diagnostics()).isEqualTo(SyncController.State.SYNCED);
      assertThat(store.head().map(BlockRef::number)).contains(HEAD);
      for (long n = 0; n <= HEAD; n++) {
        assertThat(store.canonicalHash(n)).as("canonical hash %d", n).contains(chain.headers().header(n).hash());
      }
      assertThat(store.totalDifficulty(HEAD, chain.head().hash())).contains(chain.headTotalDifficulty());
      assertThat(ethereumjs.events("served")).as("the sync asked ethereumjs").isNotEmpty();
      assertThat(node.reports()).as("no peer offences").isEmpty();
    }
  }

  @Test
  void ethereumjsAnswersByHashWithSkipAndReverseAndServesBodies(@TempDir Path dir) {
    long head = 600;
    InteropChain chain = InteropChain.of(head, 6);
    try (ScriptRun ethereumjs = serveChain(chain, dir, 61);
        HeadersyncNode node = new HeadersyncNode(chain.spec(), chain.genesisStore(), 62)) {

      node.dial(Enode.parse(ethereumjs.await("ready", WAIT).path("enode").asText()));
      PeerHandle peer = node.awaitPeer(WAIT, ethereumjs.diagnostics());

      Hash at500 = chain.headers().header(500).hash();
      Hash at17 = chain.headers().header(17).hash();
      record Ask(HeadersRequest request, Optional<Long> originNumber) {}
      List<Ask> asks = List.of(
          new Ask(new HeadersRequest(BlockOrigin.hash(at500), 40, 9, true), Optional.of(500L)),
          new Ask(new HeadersRequest(BlockOrigin.hash(at17), 64, 2, false), Optional.of(17L)),
          new Ask(new HeadersRequest(BlockOrigin.number(590), 30, 0, false), Optional.of(590L)),
          new Ask(new HeadersRequest(BlockOrigin.number(3), 10, 1, true), Optional.of(3L)),
          new Ask(new HeadersRequest(BlockOrigin.hash(Hash.ZERO), 5, 0, false), Optional.empty()));
      for (Ask ask : asks) {
        List<String> got = HeadersyncNode.headers(peer, ask.request(), WAIT).stream()
            .map(h -> h.hash().toString()).toList();
        assertThat(got).as(ask.request().toString())
            .isEqualTo(chain.expectedHashes(ask.originNumber(), ask.request().limit(), ask.request().skip(),
                ask.request().reverse()));
      }

      List<Hash> wanted = LongStream.of(1, 2, 300, 599).mapToObj(n -> chain.headers().header(n).hash()).toList();
      List<BlockBody> bodies = HeadersyncNode.bodies(peer, new BodiesRequest(wanted), WAIT);
      assertThat(bodies).hasSize(wanted.size());
      for (int i = 0; i < wanted.size(); i++) {
        BlockHeader header = chain.headers().header(chain.headers().numberOf(wanted.get(i)).orElseThrow());
        assertThat(Hex.encode(bodies.get(i).encode())).as("body of %d", header.number())
            .isEqualTo(Hex.encode(SyntheticBodies.bodyFor(header).encode()));
      }
      assertThat(node.reports()).isEmpty();
    }
  }

  private static ScriptRun serveChain(InteropChain chain, Path dir, long keySeed) {
    long head = chain.headNumber();
    return EthereumJs.get().start("serve-chain.mjs", EthereumJs.config()
        .put("privateKey", NodeKey.generate(new Random(keySeed)).toHex())
        .put("headersFile", chain.writeHeaders(dir.resolve("headers.txt"), 0, head).toString())
        .put("bodiesFile", chain.writeBodies(dir.resolve("bodies.txt"), 0, head).toString())
        .put("genesisHash", chain.genesisHash().toString())
        .put("td", chain.headTotalDifficulty().toString())
        .set("chainConfig", chain.gethConfig()), Duration.ofSeconds(90));
  }

  private static void assertForkId(JsonNode seen, ForkId expected, String what) {
    assertThat(seen.path("hash").asText()).as(what + " (hash)").isEqualTo(Hex.encode(expected.hash4()));
    assertThat(Long.parseUnsignedLong(seen.path("next").asText())).as(what + " (next)").isEqualTo(expected.next());
  }
}
