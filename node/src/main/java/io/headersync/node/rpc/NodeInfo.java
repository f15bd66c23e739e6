package io.headersync.node.rpc;

import java.util.List;
import java.util.Objects;

/**
 * This node as {@code admin_nodeInfo} describes it.
 *
 * @param id the node id (hex of the 64-byte public key, without {@code 0x})
 * @param name the client name sent in hellos
 * @param enode the {@code enode://} URL peers can dial
 * @param ip the advertised IP address
 * @param discoveryPort the UDP discovery port (0 when discovery is off)
 * @param listenerPort the TCP port RLPx listens on
 * @param caps the sub-protocols offered, as {@code name/version}
 */
public record NodeInfo(String id, String name, String enode, String ip, int discoveryPort, int listenerPort,
    List<String> caps) {

  public NodeInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(enode, "enode");
    Objects.requireNonNull(ip, "ip");
    caps = List.copyOf(caps);
  }
}
