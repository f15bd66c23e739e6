package io.headersync.p2p.discovery;

import io.headersync.p2p.discovery.enr.Enr;
import io.headersync.p2p.identity.NodeId;

/**
 * Told what discovery learns. Called on the discovery event loop: implementations must return
 * quickly and never block (hand work to another executor).
 */
public interface DiscoveryListener {

  /** A node entered the routing table: a candidate to dial. */
  default void nodeAdded(DiscoveryNode node) {}

  /** A node left the routing table after failing a liveness check. */
  default void nodeRemoved(NodeId id) {}

  /** A node's record arrived (newer than any known before). */
  default void recordUpdated(Enr record) {}
}
