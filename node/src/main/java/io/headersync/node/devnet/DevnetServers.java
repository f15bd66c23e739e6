package io.headersync.node.devnet;

import io.headersync.core.chain.ChainSpec;
import io.headersync.p2p.eth.EthVersion;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.p2p.node.P2pConfig;
import io.headersync.p2p.node.P2pNetwork;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.store.HeaderStore;
import io.headersync.sync.time.EventLoopScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devnet's serving nodes: each a full devp2p node of its own ({@link P2pNetwork}: key, RLPx
 * port on loopback chosen by the system, eth protocol, peer set, server), all serving the one
 * {@link ServerStore}. Servers can be stopped and started again while the devnet runs (the soak
 * run does), with the same key and port, so the syncing node redials them as static peers.
 *
 * <p>They offer eth/68 only: an eth/69 server announces a new head only once per 32 blocks (after
 * the merge the consensus client tells a node its head, and eth/69 leaves block announcements out),
 * and the devnet has no consensus client; eth/68's NewBlockHashes for every block stands in for it.
 * Discovery is off: the syncing node has them as static peers.
 */
public final class DevnetServers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DevnetServers.class);

  private final ChainSpec spec;
  private final HeaderStore store;
  private final List<NodeKey> keys = new ArrayList<>();
  private final List<P2pNetwork> running = new ArrayList<>();
  /** Each server's port, kept over a restart so the syncing node's static peer entry stays right. */
  private final List<Integer> ports = new ArrayList<>();
  /** Where the servers deliver peer events; nothing listens (servers do not sync). */
  private final EventLoopScheduler loop = new EventLoopScheduler("devnet-servers");

  /**
   * Starts {@code count} servers with keys made from {@code seed} (the same seed gives the same
   * node ids, not the same ports).
   */
  public DevnetServers(ChainSpec spec, HeaderStore store, int count, long seed) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.store = Objects.requireNonNull(store, "store");
    if (count < 1) {
      throw new IllegalArgumentException("a devnet needs at least one server, got " + count);
    }
    Random random = new Random(seed);
    try {
      for (int i = 0; i < count; i++) {
        keys.add(NodeKey.generate(random));
        running.add(start(keys.get(i), 0));
        ports.add(running.get(i).listenPort());
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private P2pNetwork start(NodeKey key, int port) {
    P2pConfig config = P2pConfig.DEFAULT.withListen("127.0.0.1", port).withDiscovery(false)
        .withEthVersions(List.of(EthVersion.ETH68));
    return P2pNetwork.start(config, key, spec, store, loop, (peer, offence, detail) ->
        LOG.warn("devnet server: peer {} {}: {}", peer, offence, detail), List.of());
  }

  public synchronized int count() {
    return keys.size();
  }

  /** The enode URLs of the servers running now. */
  public synchronized List<Enode> enodes() {
    return running.stream().filter(Objects::nonNull).map(P2pNetwork::enode).toList();
  }

  /** The enode URL of server {@code index}, when it runs. */
  public synchronized Optional<Enode> enode(int index) {
    return Optional.ofNullable(running.get(index)).map(P2pNetwork::enode);
  }

  public synchronized boolean isRunning(int index) {
    return running.get(index) != null;
  }

  /** Stops server {@code index} (its peers see it disconnect); nothing happens when it is stopped. */
  public synchronized void stop(int index) {
    P2pNetwork net = running.set(index, null);
    if (net != null) {
      net.close();
    }
  }

  /** Starts server {@code index} again, on the port it had; answers its enode. */
  public synchronized Enode restart(int index) {
    if (running.get(index) == null) {
      running.set(index, start(keys.get(index), ports.get(index)));
    }
    return running.get(index).enode();
  }

  /** Tells every running server's peers of the servers' new head. */
  public synchronized void announce(ChainEvent event) {
    for (P2pNetwork net : running) {
      if (net != null) {
        net.announceHead(event.head());
      }
    }
  }

  /** Eth sessions open on all running servers together. */
  public synchronized int sessions() {
    return running.stream().filter(Objects::nonNull).mapToInt(n -> n.eth().activeSessions().size()).sum();
  }

  @Override
  public synchronized void close() {
    for (int i = 0; i < running.size(); i++) {
      stop(i);
    }
    loop.close();
  }
}
