package io.headersync.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.node.engine.EngineConfig;
import io.headersync.node.engine.EngineServer;
import io.headersync.node.engine.Jwt;
import io.headersync.node.engine.JwtSecret;
import io.headersync.node.rpc.server.RpcServerOptions;
import io.reactivex.disposables.Disposable;
import io.headersync.store.HeaderStore;
import io.headersync.sync.controller.Strategy;
import io.headersync.sync.follow.FollowConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.websocket.WebSocketService;
import org.web3j.protocol.websocket.events.NewHeadsNotification;

/**
 * The devnet in process, over real RLPx on loopback: three servers, a few thousand headers, 1 s
 * blocks stepped by hand. The syncing node must sync, then follow each new block within two block
 * times, end every reorg on the new branch with the old one no longer canonical (but still
 * stored), keep everything over a restart and follow on after it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DevnetTest {

  private static final Duration BLOCK_TIME = Duration.ofSeconds(1);
  private static final DevnetSettings SMALL = DevnetSettings.DEFAULT.withPeers(3).withHeaders(3_000)
      .withBlockTime(BLOCK_TIME).withFollow(0, 0).withReorgs(0, 1);

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Devnet.Output out = lines::add;

  @Test
  void syncsFollowsBlocksAndReorgsAndKeepsEverythingOverARestart(@TempDir Path dir) throws Exception {
    try (Devnet devnet = Devnet.start(SMALL.withDatadir(dir), out)) {
      devnet.awaitSynced();
      assertThat(devnet.node().head().number()).isEqualTo(3_000);
      assertThat(devnet.compareChains()).isEmpty();

      List<Long> lags = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        lags.add(follow(devnet, paced(devnet.producer()::newBlock)));
      }
      ChainEvent.Reorg shallow = paced(() -> devnet.producer().reorg(1));
      lags.add(follow(devnet, shallow));
      assertOnNewBranch(devnet.node().store(), shallow);
      ChainEvent.Reorg deep = paced(() -> devnet.producer().reorg(8));
      lags.add(follow(devnet, deep));
      assertOnNewBranch(devnet.node().store(), deep);
      assertThat(lags).as("lag of each followed change, ms").allSatisfy(lag -> assertThat(lag).isLessThanOrEqualTo(2 * BLOCK_TIME.toMillis()));
      assertThat(devnet.compareChains()).isEmpty();

      BlockHeader before = devnet.node().head();
      devnet.restartNode();
      assertThat(devnet.node().head()).as("head after a restart").isEqualTo(before);
      assertThat(devnet.compareChains()).isEmpty();
      follow(devnet, paced(devnet.producer()::newBlock));
      ChainEvent.Reorg afterRestart = paced(() -> devnet.producer().reorg(2));
      follow(devnet, afterRestart);
      assertOnNewBranch(devnet.node().store(), afterRestart);
      assertThat(devnet.compareChains()).isEmpty();
      assertThat(devnet.follow().followedReorgs()).isEqualTo(3);
    }
  }

  @Test
  void aReorgOfDepth64EndsOnTheNewBranch(@TempDir Path dir) throws Exception {
    try (Devnet devnet = Devnet.start(SMALL.withDatadir(dir), out)) {
      devnet.awaitSynced();
      follow(devnet, paced(devnet.producer()::newBlock));
      ChainEvent.Reorg deepest = paced(() -> devnet.producer().reorg(DevnetSettings.MAX_REORG_DEPTH));
      long lag = follow(devnet, deepest);
      assertOnNewBranch(devnet.node().store(), deepest);
      assertThat(deepest.depth()).isEqualTo(64);
      assertThat(lag).isLessThanOrEqualTo(2 * BLOCK_TIME.toMillis());
      assertThat(devnet.compareChains()).isEmpty();
    }
  }

  @Test
  void bodiesOfTheNewestBlocksAreKeptAndOlderOnesDropped(@TempDir Path dir) throws Exception {
    int kept = 2;
    try (Devnet devnet = Devnet.start(SMALL.withDatadir(dir), out, b -> b.follow(FollowConfig.DEFAULT.withBodiesKept(kept)))) {
      devnet.awaitSynced();
      List<BlockHeader> live = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ChainEvent.NewBlock block = paced(devnet.producer()::newBlock);
        follow(devnet, block);
        live.add(block.head());
      }
      HeaderStore store = devnet.node().store();
      for (int i = 0; i < live.size(); i++) {
        BlockHeader h = live.get(i);
        boolean newest = i >= live.size() - kept;
        assertThat(store.body(h.hash()).isPresent()).as("body of #%d kept", h.number()).isEqualTo(newest);
      }
    }
  }

  @Test
  void theWholeRunEndsWithEqualChains(@TempDir Path dir) throws Exception {
    DevnetSettings run = SMALL.withPeers(2).withHeaders(2_000).withBlockTime(Duration.ofMillis(500)).withReorgs(3, 3)
        .withFollow(3, 1).withDatadir(dir);
    try (Devnet devnet = Devnet.start(run, out)) {
      DevnetResult result = devnet.run();
      assertThat(result.failure()).as("failure; lines: %s", lines).isEmpty();
      assertThat(result.ok()).isTrue();
      assertThat(result.syncedHeaders()).isEqualTo(2_000);
      assertThat(result.followedBlocks()).isGreaterThanOrEqualTo(3);
      assertThat(result.followedReorgs()).isGreaterThanOrEqualTo(1);
      assertThat(result.chainsEqual()).isTrue();
      assertThat(lines).anyMatch(l -> l.startsWith("follow: reorg depth 3"));
    }
  }

  @Test
  void forkchoiceUpdatedToADevnetHeadMakesTheNodeSyncToIt(@TempDir Path dir) throws Exception {
    DevnetChain chain = DevnetChain.create(5, 2_000);
    JwtSecret secret = JwtSecret.generate(new SecureRandom());
    try (ServerStore servers = ServerStore.fill(chain, dir.resolve("servers"), true, n -> {});
        DevnetServers nets = new DevnetServers(chain.spec(), servers.store(), 2, 5);
        SyncingNode node = new SyncingNode(chain, dir.resolve("node"), nets.enodes(), Strategy.AUTO, BLOCK_TIME, 9,
            Optional.empty(), b -> b.engine(EngineConfig.DEFAULT.withAddress("127.0.0.1", 0), secret))) {
      EngineServer engine = node.runtime().engineServer().orElseThrow();
      Hash target = chain.historyHeader(1_500).hash();
      URI uri = URI.create("http://127.0.0.1:" + engine.address().getPort());
      String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_forkchoiceUpdatedV3\",\"params\":[{\"headBlockHash\":\""
          + target + "\",\"safeBlockHash\":\"" + Hash.ZERO + "\",\"finalizedBlockHash\":\"" + Hash.ZERO + "\"},null]}";
      long now = Clock.systemUTC().instant().getEpochSecond();

      HttpResponse<String> refused = post(uri, body, Jwt.sign(JwtSecret.generate(new SecureRandom()), now));
      assertThat(refused.statusCode()).as("a token signed with another secret").isEqualTo(401);
      assertThat(node.head().number()).isZero();

      HttpResponse<String> accepted = post(uri, body, Jwt.sign(secret, now));
      assertThat(accepted.statusCode()).isEqualTo(200);
      JsonNode status = new ObjectMapper().readTree(accepted.body()).path("result").path("payloadStatus").path("status");
      assertThat(status.asText()).isEqualTo("SYNCING");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!node.store().isCanonical(target) && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      assertThat(node.store().isCanonical(target)).as("the forkchoice head is canonical on the syncing node").isTrue();
      assertThat(node.head().hash()).isEqualTo(target);
      for (long n = 0; n <= 1_500; n += 97) {
        assertThat(node.store().canonicalHash(n)).contains(chain.historyHeader(n).hash());
      }
    }
  }

  @Test
  void aWeb3jNewHeadsSubscriptionSeesLiveBlocksAndTheNewBranchOfAReorg(@TempDir Path dir) throws Exception {
    RpcServerOptions ws = RpcServerOptions.DEFAULT.withWs("127.0.0.1", 0);
    try (Devnet devnet = Devnet.start(SMALL.withPeers(2).withHeaders(1_500).withDatadir(dir), out, b -> b.rpc(ws))) {
      devnet.awaitSynced();
      int port = devnet.node().runtime().rpcServer().orElseThrow().wsAddress().orElseThrow().getPort();
      WebSocketService service = new WebSocketService("ws://127.0.0.1:" + port, false);
      service.connect();
      Web3j web3 = Web3j.build(service);
      List<NewHeadsNotification> seen = new CopyOnWriteArrayList<>();
      Disposable subscription = web3.newHeadsNotifications().subscribe(seen::add);
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (devnet.node().heads().listenerCount() == 0 && System.nanoTime() < deadline) {
          TimeUnit.MILLISECONDS.sleep(10);
        }
        ChainEvent.NewBlock block = paced(devnet.producer()::newBlock);
        follow(devnet, block);
        ChainEvent.Reorg reorg = paced(() -> devnet.producer().reorg(2));
        follow(devnet, reorg);
        List<String> expected = new ArrayList<>(List.of(block.head().hash().toHex()));
        reorg.added().forEach(h -> expected.add(h.hash().toHex()));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < expected.size() && System.nanoTime() < deadline) {
          TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(seen.stream().map(n -> n.getParams().getResult().getHash()).toList())
            .as("newHeads: the new block, then the reorg's new branch in order").containsExactlyElementsOf(expected);
      } finally {
        subscription.dispose();
        web3.shutdown();
      }
    }
  }

  private static HttpResponse<String> post(URI uri, String body, String token) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private long lastStep;

  /**
   * Makes the next change one block time after the previous one at the earliest, as the devnet's
   * timer would: the syncing node's tip tracker limits how many announcements a peer may make per
   * block time, and a burst of changes faster than blocks come would be dropped as a flood.
   */
  private <E extends ChainEvent> E paced(java.util.function.Supplier<E> step) throws InterruptedException {
    long wait = lastStep + BLOCK_TIME.toNanos() - System.nanoTime();
    if (lastStep != 0 && wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    lastStep = System.nanoTime();
    return step.get();
  }

  /** Waits until {@code event} is followed; answers its lag in ms. */
  private long follow(Devnet devnet, ChainEvent event) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (FollowTracker.Followed f : devnet.checkFollowed()) {
        if (f.event().equals(event)) {
          return f.lagNanos() / 1_000_000;
        }
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    throw new AssertionError("not followed within 30 s: " + event.head() + "; syncing node head " + devnet.node().head()
        + "; " + devnet.node().followDiagnostics() + "; lines " + lines);
  }

  private static void assertOnNewBranch(HeaderStore node, ChainEvent.Reorg reorg) {
    for (BlockHeader h : reorg.added()) {
      assertThat(node.isCanonical(h.hash())).as("new branch %s canonical", h).isTrue();
    }
    for (BlockHeader h : reorg.removed()) {
      assertThat(node.isCanonical(h.hash())).as("old branch %s not canonical", h).isFalse();
    }
    assertThat(node.canonicalHash(reorg.forkPoint())).as("fork point").isPresent();
  }
}
