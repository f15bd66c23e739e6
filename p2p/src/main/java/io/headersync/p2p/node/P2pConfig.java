package io.headersync.p2p.node;

import io.headersync.p2p.eth.EthConfig;
import io.headersync.p2p.eth.EthVersion;
import io.headersync.p2p.peers.PeerLists;
import io.headersync.p2p.peers.PeerSetConfig;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.p2p.rlpx.RlpxConfig;
import io.headersync.p2p.server.ServerConfig;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link P2pNetwork} is told.
 *
 * @param listenHost the address RLPx (and discovery) listen on. Default {@code 0.0.0.0}, every
 *     interface, as other clients do
 * @param port the TCP port of RLPx, also discovery's UDP port. Default 30303, the devp2p
 *     convention; 0 picks a free port, which {@link P2pNetwork#listenPort()} then reports
 * @param advertisedHost the host written in our enode URL. Default null: the listen address when it
 *     is a specific one, otherwise {@code 127.0.0.1} (a node behind NAT must say its public address)
 * @param discovery whether discv4 runs. Default true; off, the node dials only its static peers and
 *     bootnodes and accepts whoever dials it
 * @param ethVersions the eth versions offered. Default eth/68 and eth/69, the session taking the
 *     highest both sides speak
 * @param clientId our client name in Hello
 * @param staticPeers nodes kept connected (redialed after every disconnect)
 * @param bootnodes discovery's entry points; also dialed over RLPx as candidates, so a node with
 *     discovery off still reaches them
 * @param lists trusted, allowed and blocked nodes
 * @param peers the peer set's limits
 * @param rlpx, eth, server the layers' own settings (their defaults are documented there)
 */
public record P2pConfig(
    String listenHost,
    int port,
    String advertisedHost,
    boolean discovery,
    List<EthVersion> ethVersions,
    String clientId,
    List<Enode> staticPeers,
    List<Enode> bootnodes,
    PeerLists lists,
    PeerSetConfig peers,
    RlpxConfig rlpx,
    EthConfig eth,
    ServerConfig server) {

  public static final String DEFAULT_CLIENT_ID = "headersync/v0.1.0/" + System.getProperty("os.name", "unknown")
      .toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "-" + System.getProperty("os.arch", "unknown") + "/java"
      + Runtime.version().feature();

  public static final P2pConfig DEFAULT = new P2pConfig("0.0.0.0", 30303, null, true,
      List.of(EthVersion.ETH68, EthVersion.ETH69), DEFAULT_CLIENT_ID, List.of(), List.of(), PeerLists.OPEN,
      PeerSetConfig.DEFAULT, RlpxConfig.DEFAULT, EthConfig.DEFAULT, ServerConfig.DEFAULT);

  public P2pConfig {
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(lists, "lists");
    Objects.requireNonNull(peers, "peers");
    Objects.requireNonNull(rlpx, "rlpx");
    Objects.requireNonNull(eth, "eth");
    Objects.requireNonNull(server, "server");
    ethVersions = List.copyOf(ethVersions);
    staticPeers = List.copyOf(staticPeers);
    bootnodes = List.copyOf(bootnodes);
    if (ethVersions.isEmpty()) {
      throw new IllegalArgumentException("at least one eth version must be offered");
    }
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
  }

  /** The host our enode URL names. */
  public String enodeHost() {
    if (advertisedHost != null) {
      return advertisedHost;
    }
    return listenHost.equals("0.0.0.0") || listenHost.equals("::") ? "127.0.0.1" : listenHost;
  }

  public P2pConfig withListen(String host, int value) {
    return new P2pConfig(host, value, advertisedHost, discovery, ethVersions, clientId, staticPeers, bootnodes, lists,
        peers, rlpx, eth, server);
  }

  public P2pConfig withAdvertisedHost(String value) {
    return new P2pConfig(listenHost, port, value, discovery, ethVersions, clientId, staticPeers, bootnodes, lists,
        peers, rlpx, eth, server);
  }

  public P2pConfig withDiscovery(boolean value) {
    return new P2pConfig(listenHost, port, advertisedHost, value, ethVersions, clientId, staticPeers, bootnodes, lists,
        peers, rlpx, eth, server);
  }

  public P2pConfig withEthVersions(List<EthVersion> value) {
    return new P2pConfig(listenHost, port, advertisedHost, discovery, value, clientId, staticPeers, bootnodes, lists,
        peers, rlpx, eth, server);
  }

  public P2pConfig withStaticPeers(List<Enode> value) {
    return new P2pConfig(listenHost, port, advertisedHost, discovery, ethVersions, clientId, value, bootnodes, lists,
        peers, rlpx, eth, server);
  }

  public P2pConfig withBootnodes(List<Enode> value) {
    return new P2pConfig(listenHost, port, advertisedHost, discovery, ethVersions, clientId, staticPeers, value, lists,
        peers, rlpx, eth, server);
  }

  public P2pConfig withLists(PeerLists value) {
    return new P2pConfig(listenHost, port, advertisedHost, discovery, ethVersions, clientId, staticPeers, bootnodes, value,
        peers, rlpx, eth, server);
  }

  public P2pConfig withPeers(PeerSetConfig value) {
    return new P2pConfig(listenHost, port, advertisedHost, discovery, ethVersions, clientId, staticPeers, bootnodes, lists,
        value, rlpx, eth, server);
  }

  public P2pConfig withRlpx(RlpxConfig value) {
    return new P2pConfig(listenHost, port, advertisedHost, discovery, ethVersions, clientId, staticPeers, bootnodes, lists,
        peers, value, eth, server);
  }

  public P2pConfig withEth(EthConfig value) {
    return new P2pConfig(listenHost, port, advertisedHost, discovery, ethVersions, clientId, staticPeers, bootnodes, lists,
        peers, rlpx, value, server);
  }

  public P2pConfig withServer(ServerConfig value) {
    return new P2pConfig(listenHost, port, advertisedHost, discovery, ethVersions, clientId, staticPeers, bootnodes, lists,
        peers, rlpx, eth, value);
  }
}
