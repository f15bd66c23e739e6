package io.headersync.p2p.discovery.wire;

import io.headersync.p2p.identity.NodeId;
import java.util.Objects;

/** One entry of a Neighbors packet: {@code [ip, udp-port, tcp-port, node-id]}. */
public record Neighbor(Endpoint endpoint, NodeId id) {

  public Neighbor {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(id, "id");
  }
}
