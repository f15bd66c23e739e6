package io.headersync.node.rpc;

import java.util.List;
import java.util.Optional;

/** The peer set, for {@code net_peerCount}, {@code admin_peers} and {@code admin_nodeInfo}. Called from RPC worker threads. */
public interface PeersSource {

  /** A node with no networking (an offline store being served). */
  PeersSource NONE = new PeersSource() {
    @Override
    public List<PeerInfo> peers() {
      return List.of();
    }

    @Override
    public Optional<NodeInfo> nodeInfo() {
      return Optional.empty();
    }
  };

  /** Connected peers (a snapshot). */
  List<PeerInfo> peers();

  default int peerCount() {
    return peers().size();
  }

  /** This node's identity, or empty when it has no p2p stack running. */
  Optional<NodeInfo> nodeInfo();
}
