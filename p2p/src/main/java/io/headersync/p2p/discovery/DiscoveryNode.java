package io.headersync.p2p.discovery;

import io.headersync.p2p.discovery.wire.Endpoint;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.rlpx.Enode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A node found by discovery, or given as a bootnode: its id, the address its discovery answers
 * on, and the TCP port RLPx listens on (0 when unknown).
 */
public record DiscoveryNode(NodeId id, InetAddress ip, int udpPort, int tcpPort) {

  public DiscoveryNode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ip, "ip");
    if (udpPort < 1 || udpPort > 0xFFFF) {
      throw new IllegalArgumentException("udp port must be 1 to 65535, got " + udpPort);
    }
    if (tcpPort < 0 || tcpPort > 0xFFFF) {
      throw new IllegalArgumentException("tcp port must be 0 to 65535, got " + tcpPort);
    }
  }

  /**
   * The discovery address of an enode URL's node: its {@code discport} (or its TCP port) on its
   * host. A DNS host name is resolved here, which blocks; bootnode lists normally give IPs.
   *
   * @throws IllegalArgumentException when the host does not resolve or the UDP port is 0
   */
  public static DiscoveryNode fromEnode(Enode enode) {
    try {
      return new DiscoveryNode(enode.id(), InetAddress.getByName(enode.host()), enode.udpPort(), enode.tcpPort());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("enode host \"" + enode.host() + "\" does not resolve: " + enode, e);
    }
  }

  /** Parses an enode URL ({@link Enode#parse}) into a discovery address. */
  public static DiscoveryNode parse(String enodeUrl) {
    return fromEnode(Enode.parse(enodeUrl));
  }

  /** Where discovery packets for this node go. */
  public InetSocketAddress udpAddress() {
    return new InetSocketAddress(ip, udpPort);
  }

  /** Where RLPx connects, when the node listens on TCP. */
  public InetSocketAddress tcpAddress() {
    return new InetSocketAddress(ip, tcpPort);
  }

  Endpoint endpoint() {
    return new Endpoint(ip, udpPort, tcpPort);
  }

  static DiscoveryNode of(NodeId id, Endpoint endpoint) {
    return new DiscoveryNode(id, endpoint.ip(), endpoint.udpPort(), endpoint.tcpPort());
  }

  /** The enode URL of this node ({@code ?discport=} when the ports differ). */
  public String toEnodeUrl() {
    String host = ip.getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    String base = "enode://" + id.toHex() + "@" + host + ":" + tcpPort;
    return tcpPort == udpPort ? base : base + "?discport=" + udpPort;
  }

  @Override
  public String toString() {
    return id + "@" + ip.getHostAddress() + ":" + udpPort;
  }
}
