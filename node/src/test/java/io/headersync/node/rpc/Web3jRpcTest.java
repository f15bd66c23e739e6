package io.headersync.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.crypto.Keccak;
import io.headersync.node.rpc.server.RpcServer;
import io.headersync.node.rpc.server.RpcServerOptions;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.testkit.chain.ForkWeight;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.SyntheticBodies;
import io.reactivex.disposables.Disposable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSyncing;
import org.web3j.protocol.http.HttpService;
import org.web3j.protocol.websocket.WebSocketService;
import org.web3j.protocol.websocket.events.NewHeadsNotification;

/** The RPC server as web3j, a client written elsewhere, sees it over HTTP and WebSocket. */
class Web3jRpcTest {

  private static final long HEAD = TestChains.FIRST + 20;

  private final LazyHeaderChain chain = TestChains.cancun(7, 40);
  private InMemoryHeaderStore store;
  private final HeadEventHub hub = new HeadEventHub();
  private final AtomicReference<SyncProgress> progress = new AtomicReference<>(SyncProgress.synced(HEAD));
  private RpcServer server;
  private final List<Web3j> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    // Even blocks have their bodies stored, odd ones only headers.
    store = TestChains.store(chain, HEAD, n -> n % 2 == 0);
    RpcBackend backend = RpcBackend.of(store, 1, 1).withHeads(hub).withSync(progress::get);
    server = RpcServer.start(RpcServerOptions.DEFAULT.withHttp("127.0.0.1", 0).withWs("127.0.0.1", 0), backend);
  }

  @AfterEach
  void stop() {
    clients.forEach(Web3j::shutdown);
    server.close();
  }

  private Web3j http() {
    Web3j w = Web3j.build(new HttpService("http://127.0.0.1:" + server.httpAddress().orElseThrow().getPort()));
    clients.add(w);
    return w;
  }

  private Web3j ws() throws Exception {
    WebSocketService service = new WebSocketService("ws://127.0.0.1:" + server.wsAddress().orElseThrow().getPort(), false);
    service.connect();
    Web3j w = Web3j.build(service);
    clients.add(w);
    return w;
  }

  @Test
  void blockNumberChainIdAndNetVersion() throws Exception {
    Web3j w = http();
    assertThat(w.ethBlockNumber().send().getBlockNumber()).isEqualTo(BigInteger.valueOf(HEAD));
    assertThat(w.ethChainId().send().getChainId()).isEqualTo(BigInteger.ONE);
    assertThat(w.netVersion().send().getNetVersion()).isEqualTo("1");
    assertThat(w.web3ClientVersion().send().getWeb3ClientVersion()).startsWith("headersync/");
  }

  @Test
  void blocksByNumberAndTagCarryTheHeaderFieldsAndTheBodyWhenStored() throws Exception {
    Web3j w = http();
    EthBlock.Block latest = w.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
    BlockHeader head = chain.header(HEAD);
    assertThat(latest.getHash()).isEqualTo(head.hash().toHex());
    assertThat(latest.getNumber()).isEqualTo(BigInteger.valueOf(HEAD));
    assertThat(latest.getParentHash()).isEqualTo(head.parentHash().toHex());
    assertThat(latest.getStateRoot()).isEqualTo(head.stateRoot().toHex());
    assertThat(latest.getTransactionsRoot()).isEqualTo(head.transactionsRoot().toHex());
    assertThat(latest.getGasUsed()).isEqualTo(BigInteger.valueOf(head.gasUsed()));
    assertThat(latest.getTimestamp()).isEqualTo(BigInteger.valueOf(head.timestamp()));
    assertThat(latest.getBaseFeePerGas()).isEqualTo(head.baseFeePerGas());
    assertThat(latest.getTotalDifficulty()).isEqualTo(chain.totalDifficulty(HEAD));
    assertThat(latest.getExtraData()).isEqualTo(io.headersync.core.bytes.Hex.encode(head.extraData()));
    assertThat(latest.getMixHash()).isEqualTo(head.mixHash().toHex());
    assertThat(latest.getWithdrawalsRoot()).isEqualTo(head.withdrawalsRoot().toHex());
    assertThat(latest.getBlobGasUsed()).isEqualTo(BigInteger.valueOf(head.blobGasUsed()));
    assertThat(latest.getParentBeaconBlockRoot()).isEqualTo(head.parentBeaconBlockRoot().toHex());

    // HEAD is even: its body is stored, so transactions are listed by envelope hash and size is known.
    BlockBody body = SyntheticBodies.bodyFor(head);
    List<String> expectedTxs = body.transactions().stream().map(tx -> Keccak.keccak256(tx).toHex()).toList();
    assertThat(latest.getTransactions()).extracting(t -> (String) t.get()).containsExactlyElementsOf(expectedTxs);
    assertThat(latest.getWithdrawals()).hasSize(body.withdrawals().size());
    assertThat(latest.getSize()).isPositive();

    // An odd block has no body here: no transactions list, no size.
    EthBlock.Block odd = w.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(HEAD - 1)), false)
        .send().getBlock();
    assertThat(odd.getHash()).isEqualTo(chain.header(HEAD - 1).hash().toHex());
    assertThat(odd.getSizeRaw()).isNull();

    EthBlock.Block earliest = w.ethGetBlockByNumber(DefaultBlockParameterName.EARLIEST, false).send().getBlock();
    assertThat(earliest.getNumber()).isEqualTo(BigInteger.valueOf(TestChains.FIRST));

    assertThat(w.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(HEAD + 1)), false).send().getBlock())
        .as("above the head").isNull();
  }

  @Test
  void blockByHashFindsCanonicalBlocksAndAnswersNullForUnknownOnes() throws Exception {
    Web3j w = http();
    BlockHeader h = chain.header(TestChains.FIRST + 5);
    EthBlock.Block b = w.ethGetBlockByHash(h.hash().toHex(), true).send().getBlock();
    assertThat(b.getNumber()).isEqualTo(BigInteger.valueOf(h.number()));
    assertThat(b.getHash()).isEqualTo(h.hash().toHex());
    assertThat(w.ethGetBlockByHash(chain.header(HEAD + 1).hash().toHex(), false).send().getBlock()).isNull();
  }

  @Test
  void syncingReportsFalseOrProgress() throws Exception {
    Web3j w = http();
    assertThat(w.ethSyncing().send().isSyncing()).isFalse();
    progress.set(SyncProgress.syncing(100, HEAD, HEAD + 1000));
    EthSyncing.Result r = w.ethSyncing().send().getResult();
    assertThat(r.isSyncing()).isTrue();
    EthSyncing.Syncing s = (EthSyncing.Syncing) r;
    assertThat(s.getStartingBlock()).isEqualTo("0x64");
    assertThat(s.getCurrentBlock()).isEqualTo("0x" + Long.toHexString(HEAD));
    assertThat(s.getHighestBlock()).isEqualTo("0x" + Long.toHexString(HEAD + 1000));
  }

  @Test
  void theSameMethodsAnswerOverWebSocket() throws Exception {
    Web3j w = ws();
    assertThat(w.ethBlockNumber().send().getBlockNumber()).isEqualTo(BigInteger.valueOf(HEAD));
    assertThat(w.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getHash())
        .isEqualTo(chain.header(HEAD).hash().toHex());
  }

  @Test
  void newHeadsSeesNewBlocksThenTheNewBranchOfAReorgInOrder() throws Exception {
    Web3j w = ws();
    List<NewHeadsNotification> seen = new CopyOnWriteArrayList<>();
    Disposable sub = w.newHeadsNotifications().subscribe(seen::add);
    try {
      // web3j subscribes asynchronously; wait until the server holds the subscription.
      awaitTrue(() -> hub.listenerCount() == 1);
      BlockHeader a1 = TestChains.append(store, chain, HEAD + 1, false);
      hub.publish(HeadEvent.extended(a1));
      BlockHeader a2 = TestChains.append(store, chain, HEAD + 2, false);
      hub.publish(HeadEvent.extended(a2));

      // A three-block branch replaces the two new blocks.
      LazyHeaderChain fork = chain.fork(HEAD, 3, ForkWeight.ANY, 99);
      store.unwindTo(HEAD);
      List<BlockHeader> added = new ArrayList<>();
      for (long n = HEAD + 1; n <= HEAD + 3; n++) {
        added.add(TestChains.append(store, fork, n, false));
      }
      hub.publish(new HeadEvent.Reorg(List.of(a1, a2), added));

      awaitTrue(() -> seen.size() >= 5);
      List<String> hashes = seen.stream().map(n -> n.getParams().getResult().getHash()).toList();
      assertThat(hashes).containsExactly(a1.hash().toHex(), a2.hash().toHex(),
          added.get(0).hash().toHex(), added.get(1).hash().toHex(), added.get(2).hash().toHex());
      assertThat(seen.get(2).getParams().getResult().getParentHash()).isEqualTo(chain.header(HEAD).hash().toHex());
      assertThat(seen.get(4).getParams().getResult().getNumber()).isEqualTo("0x" + Long.toHexString(HEAD + 3));
    } finally {
      sub.dispose();
    }
    awaitTrue(() -> hub.listenerCount() == 0);
  }

  static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
