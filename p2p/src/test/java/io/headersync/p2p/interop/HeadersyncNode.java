package io.headersync.p2p.interop;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.chain.ChainSpec;
import io.headersync.p2p.eth.EthConfig;
import io.headersync.p2p.eth.EthProtocol;
import io.headersync.p2p.eth.EthVersion;
import io.headersync.p2p.eth.RoundTripProbe;
import io.headersync.p2p.eth.StatusHandshake;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.p2p.rlpx.RlpxConfig;
import io.headersync.p2p.rlpx.RlpxTransport;
import io.headersync.p2p.rlpx.SessionListener;
import io.headersync.p2p.server.ServerConfig;
import io.headersync.p2p.server.StoreRequestServer;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerError;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.PeerResponseListener;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.sync.controller.SyncController;
import io.headersync.sync.controller.SyncControllerConfig;
import io.headersync.sync.controller.SyncStatus;
import io.headersync.sync.controller.TargetTrust;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.peers.RequestScheduler;
import io.headersync.sync.peers.SchedulerConfig;
import io.headersync.sync.time.EventLoopScheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A headersync node wired the way the product wires one, for the interop tests: RLPx over Netty
 * offering eth/68 only, the Status from {@code store}, requests answered from {@code store}, the
 * request scheduler told of every peer, and a sync controller over {@code store} on demand. The
 * test can wait on the peer-set events and use a peer directly as well.
 */
final class HeadersyncNode implements AutoCloseable {

  static final String CLIENT_ID = "headersync/interop-test";

  private final EventLoopScheduler loop = new EventLoopScheduler("interop-sync-loop");
  private final RequestScheduler scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, loop);
  private final CompletableFuture<PeerHandle> firstPeer = new CompletableFuture<>();
  private final List<String> peerEvents = new CopyOnWriteArrayList<>();
  private final List<String> reports = new CopyOnWriteArrayList<>();
  private final ChainSpec spec;
  private final HeaderStore store;
  private final NodeKey key;
  private final RlpxTransport transport;

  HeadersyncNode(ChainSpec spec, HeaderStore store, long keySeed) {
    this.spec = spec;
    this.store = store;
    this.key = NodeKey.generate(new Random(keySeed));
    EthProtocol eth = new EthProtocol(EthConfig.DEFAULT.withVersions(List.of(EthVersion.ETH68)),
        new StatusHandshake(spec, store), new StoreRequestServer(store, ServerConfig.DEFAULT), loop,
        new PeerSetListener() {
          @Override
          public void peerConnected(PeerHandle peer) {
            peerEvents.add("connected " + peer.id());
            scheduler.peerConnected(peer);
            firstPeer.complete(peer);
          }

          @Override
          public void peerDisconnected(PeerId peer, DisconnectReason reason) {
            peerEvents.add("disconnected " + peer + " " + reason);
            scheduler.peerDisconnected(peer, reason);
          }

          @Override
          public void peerChainStateChanged(PeerId peer, PeerChainState state) {
            scheduler.peerChainStateChanged(peer, state);
          }
        },
        (peer, offence, detail) -> {
          reports.add(offence + " " + peer + ": " + detail);
          scheduler.reportPeer(peer, offence, detail);
        },
        RoundTripProbe.NONE);
    this.transport = new RlpxTransport(key, CLIENT_ID, List.of(eth), RlpxConfig.DEFAULT, SessionListener.ADMIT_ALL);
  }

  /** Listens on loopback; answers our enode. */
  Enode listen() {
    InetSocketAddress bound = transport.listen(new InetSocketAddress("127.0.0.1", 0)).orTimeout(10, TimeUnit.SECONDS).join();
    return new Enode(key.nodeId(), "127.0.0.1", bound.getPort());
  }

  void dial(Enode enode) {
    transport.dial(enode).orTimeout(15, TimeUnit.SECONDS).join();
  }

  /** The first peer whose Status was accepted. */
  PeerHandle awaitPeer(Duration timeout, String context) {
    try {
      return firstPeer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    } catch (RuntimeException e) {
      throw new AssertionError("no eth peer within " + timeout + "; peer events " + peerEvents + ", reports "
          + reports + "\n" + context, e);
    }
  }

  List<String> peerEvents() {
    return List.copyOf(peerEvents);
  }

  List<String> reports() {
    return List.copyOf(reports);
  }

  /**
   * Syncs the store toward {@code target} (trusted) with the product's sync controller and request
   * scheduler over the connected peers, checking every header by the chain spec's rules; answers
   * the controller's status once it is synced or has failed.
   */
  SyncStatus sync(SyncTarget target, Duration timeout) {
    CompletableFuture<SyncStatus> done = new CompletableFuture<>();
    SyncController[] controller = new SyncController[1];
    loop.execute(() -> {
      controller[0] = SyncController.builder(SyncControllerConfig.DEFAULT, store, loop, new HeaderValidator(spec))
          .scheduler(scheduler)
          .build();
      controller[0].setListener(new SyncController.Listener() {
        @Override
        public void synced(BlockRef head) {
          done.complete(controller[0].status());
        }

        @Override
        public void failed(RuntimeException cause) {
          done.complete(controller[0].status());
        }
      });
      controller[0].syncTo(target, TargetTrust.TRUSTED);
    });
    try {
      return await(done, timeout, "a sync to " + target);
    } finally {
      loop.execute(() -> {
        if (controller[0] != null) {
          controller[0].close();
        }
      });
    }
  }

  static List<BlockHeader> headers(PeerHandle peer, HeadersRequest request, Duration timeout) {
    CompletableFuture<List<BlockHeader>> answer = new CompletableFuture<>();
    peer.requestHeaders(request, listener(answer));
    return await(answer, timeout, request.toString());
  }

  static List<BlockBody> bodies(PeerHandle peer, BodiesRequest request, Duration timeout) {
    CompletableFuture<List<BlockBody>> answer = new CompletableFuture<>();
    peer.requestBodies(request, listener(answer));
    return await(answer, timeout, request.hashes().size() + " bodies");
  }

  private static <T> PeerResponseListener<T> listener(CompletableFuture<T> answer) {
    return new PeerResponseListener<>() {
      @Override
      public void onResponse(PeerResponse<T> response) {
        answer.complete(response.value());
      }

      @Override
      public void onError(PeerError error) {
        answer.completeExceptionally(new AssertionError("peer error: " + error));
      }
    };
  }

  private static <T> T await(CompletableFuture<T> answer, Duration timeout, String what) {
    try {
      return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    } catch (RuntimeException e) {
      throw new AssertionError("no answer to " + what + " within " + timeout, e);
    }
  }

  @Override
  public void close() {
    transport.close();
    // The scheduler lives on the loop: close it there, then stop the loop.
    CompletableFuture.runAsync(scheduler::close, loop::execute).orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    loop.close();
  }
}
