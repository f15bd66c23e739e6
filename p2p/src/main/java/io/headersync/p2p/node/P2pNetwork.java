package io.headersync.p2p.node;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ForkIdFilter;
import io.headersync.p2p.discovery.DiscoveryConfig;
import io.headersync.p2p.discovery.DiscoveryListener;
import io.headersync.p2p.discovery.DiscoveryNode;
import io.headersync.p2p.discovery.DiscoveryService;
import io.headersync.p2p.eth.EthProtocol;
import io.headersync.p2p.eth.StatusHandshake;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.peers.PeerSet;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.p2p.rlpx.RlpxTransport;
import io.headersync.p2p.rlpx.TrafficCounter;
import io.headersync.p2p.server.HeadAnnouncer;
import io.headersync.p2p.server.StoreRequestServer;
import io.headersync.store.HeaderStore;
import io.headersync.sync.api.PeerReporter;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.sync.time.EventLoopScheduler;
import io.headersync.sync.time.TaskScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's devp2p networking, wired: RLPx listening and dialing, the eth protocol whose Status
 * comes from the store, the server answering peers from the store, the peer set with its dial
 * loop, and (when enabled) discv4 feeding it candidates.
 *
 * <pre>{@code
 * try (P2pNetwork net = P2pNetwork.start(config, key, spec, store, syncLoop, scheduler, List.of(scheduler, tips))) {
 *   System.out.println(net.enode());
 *   net.announceHead(newHead);
 * }
 * }</pre>
 *
 * <p>Several networks may run in one JVM (each with its own key, store and ports); each has its
 * own I/O threads and dial loop.
 */
public final class P2pNetwork implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(P2pNetwork.class);
  private static final long START_TIMEOUT_SECONDS = 10;

  private final P2pConfig config;
  private final NodeKey key;
  private final EventLoopScheduler dialLoop;
  private final PeerSet peerSet;
  private final EthProtocol eth;
  private final RlpxTransport transport;
  private final HeadAnnouncer announcer;
  private final int listenPort;
  private final DiscoveryService discovery;

  private P2pNetwork(P2pConfig config, NodeKey key, EventLoopScheduler dialLoop, PeerSet peerSet, EthProtocol eth,
      RlpxTransport transport, HeadAnnouncer announcer, int listenPort, DiscoveryService discovery) {
    this.config = config;
    this.key = key;
    this.dialLoop = dialLoop;
    this.peerSet = peerSet;
    this.eth = eth;
    this.transport = transport;
    this.announcer = announcer;
    this.listenPort = listenPort;
    this.discovery = discovery;
  }

  /**
   * Starts listening, discovery and dialing.
   *
   * @param store what the node serves and tells in its Status; read only
   * @param syncLoop the sync event loop, where peer events are delivered
   * @param reporter told of peers' protocol offences (the request scheduler)
   * @param listeners told of eth peers arriving, leaving and announcing, on {@code syncLoop}
   * @throws UncheckedIOException naming the address when a port cannot be bound
   */
  public static P2pNetwork start(P2pConfig config, NodeKey key, ChainSpec spec, HeaderStore store, TaskScheduler syncLoop,
      PeerReporter reporter, List<PeerSetListener> listeners) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(key, "key");
    EventLoopScheduler dialLoop = new EventLoopScheduler("p2p-dial-" + key.nodeId().toHex().substring(0, 8));
    PeerSet peerSet = new PeerSet(config.peers(), config.lists(), key.nodeId(), dialLoop);
    listeners.forEach(peerSet::addListener);
    StatusHandshake status = new StatusHandshake(spec, store);
    EthProtocol eth = new EthProtocol(config.eth().withVersions(config.ethVersions()), status,
        new StoreRequestServer(store, config.server()), syncLoop, peerSet.events(), reporter, peerSet.roundTripProbe());
    RlpxTransport transport = new RlpxTransport(key, config.clientId(), List.of(eth), config.rlpx(), peerSet);
    InetSocketAddress bound;
    try {
      bound = transport.listen(new InetSocketAddress(config.listenHost(), config.port()))
          .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      transport.close();
      dialLoop.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new UncheckedIOException("cannot listen for RLPx on " + config.listenHost() + ":" + config.port() + ": "
          + cause.getMessage(), cause instanceof IOException io ? io : new IOException(cause));
    }
    DiscoveryService discovery = null;
    if (config.discovery()) {
      try {
        discovery = startDiscovery(config, key, spec, status, bound.getPort(), peerSet);
      } catch (RuntimeException e) {
        transport.close();
        dialLoop.close();
        throw e;
      }
    }
    P2pNetwork net = new P2pNetwork(config, key, dialLoop, peerSet, eth, transport,
        new HeadAnnouncer(eth, store, config.server()), bound.getPort(), discovery);
    config.staticPeers().forEach(peerSet::addStatic);
    config.bootnodes().forEach(peerSet::addCandidate);
    peerSet.start(transport::dial);
    LOG.info("devp2p node {} listening on {}:{} ({}), offering {}", net.enode(), config.listenHost(), bound.getPort(),
        config.discovery() ? "discovery on" : "discovery off", config.ethVersions());
    return net;
  }

  private static DiscoveryService startDiscovery(P2pConfig config, NodeKey key, ChainSpec spec, StatusHandshake status,
      int tcpPort, PeerSet peerSet) {
    InetAddress bind;
    try {
      bind = InetAddress.getByName(config.listenHost());
    } catch (UnknownHostException e) {
      throw new UncheckedIOException("cannot resolve the listen address " + config.listenHost(), e);
    }
    StatusHandshake.LocalHead head = status.localHead();
    DiscoveryConfig dc = DiscoveryConfig.builder().bindAddress(bind).udpPort(tcpPort).tcpPort(tcpPort)
        .forkId(new ForkIdFilter(spec).local(head.number(), head.timestamp())).build();
    List<DiscoveryNode> boot = new ArrayList<>();
    for (Enode e : config.bootnodes()) {
      try {
        boot.add(DiscoveryNode.fromEnode(e));
      } catch (IllegalArgumentException ex) {
        LOG.warn("bootnode {} skipped for discovery: {}", e, ex.getMessage());
      }
    }
    DiscoveryService service = DiscoveryService.start(dc, key, boot);
    service.addListener(new DiscoveryListener() {
      @Override
      public void nodeAdded(DiscoveryNode node) {
        if (node.tcpPort() > 0) {
          peerSet.addCandidate(new Enode(node.id(), node.ip().getHostAddress(), node.tcpPort(), node.udpPort()));
        }
      }
    });
    return service;
  }

  /** Our {@code enode://} URL, with the bound port. */
  public Enode enode() {
    int udp = discovery != null ? discovery.localAddress().getPort() : listenPort;
    return new Enode(key.nodeId(), config.enodeHost(), listenPort, udp);
  }

  public NodeId nodeId() {
    return key.nodeId();
  }

  /** The TCP port RLPx listens on (the one the system chose when 0 was asked). */
  public int listenPort() {
    return listenPort;
  }

  public PeerSet peerSet() {
    return peerSet;
  }

  public EthProtocol eth() {
    return eth;
  }

  /** Bytes read and written on every RLPx connection, handshakes included. */
  public TrafficCounter traffic() {
    return transport.traffic();
  }

  public Optional<DiscoveryService> discovery() {
    return Optional.ofNullable(discovery);
  }

  /**
   * Tells connected peers of a new canonical head (eth/68: NewBlockHashes; eth/69: a
   * BlockRangeUpdate at most once per 32 blocks).
   *
   * @return how many peers were told
   */
  public int announceHead(BlockHeader head) {
    return announcer.announceNewHead(head);
  }

  /** Stops dialing and discovery, disconnects every peer ({@code CLIENT_QUITTING}) and stops the threads. */
  @Override
  public void close() {
    peerSet.close();
    if (discovery != null) {
      discovery.stop();
    }
    transport.close();
    dialLoop.close();
  }
}
