package io.headersync.p2p.discovery;

import io.headersync.core.bytes.Hash;
import io.headersync.p2p.discovery.table.KademliaTable;
import io.headersync.p2p.discovery.table.TableEntry;
import io.headersync.p2p.discovery.wire.Neighbor;
import io.headersync.p2p.identity.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One iterative Kademlia lookup: keep the nodes heard of sorted by distance to the target, ask
 * {@code alpha} of the 16 closest that were not asked yet, fold their answers in, and stop when
 * every one of the 16 closest has been asked and nothing is in flight. Nodes that do not answer
 * drop out of the result. Runs on the protocol's loop.
 */
final class Lookup {

  private final DiscoveryProtocol protocol;
  private final NodeId target;
  private final int alpha;
  private final TreeMap<Hash, DiscoveryNode> seen;
  private final Set<NodeId> asked = new HashSet<>();
  private final Set<NodeId> answered = new HashSet<>();
  private final CompletableFuture<List<DiscoveryNode>> result = new CompletableFuture<>();
  private int inFlight;

  Lookup(DiscoveryProtocol protocol, NodeId target, int alpha) {
    this.protocol = protocol;
    this.target = target;
    this.alpha = alpha;
    Comparator<Hash> order = KademliaTable.byDistanceTo(target.kademliaId());
    this.seen = new TreeMap<>(order);
  }

  CompletableFuture<List<DiscoveryNode>> result() {
    return result;
  }

  void start() {
    for (TableEntry e : protocol.table().closest(target.kademliaId(), DiscoveryProtocol.MAX_NEIGHBORS)) {
      seen.put(e.kademliaId(), DiscoveryNode.of(e.id(), e.endpoint()));
    }
    advance();
  }

  private void advance() {
    if (result.isDone()) {
      return;
    }
    int rank = 0;
    for (DiscoveryNode node : new ArrayList<>(seen.values())) {
      if (rank++ >= DiscoveryProtocol.MAX_NEIGHBORS || inFlight >= alpha) {
        break;
      }
      if (asked.add(node.id())) {
        inFlight++;
        protocol.findNode(node, target, answer -> onAnswer(node, answer));
      }
    }
    if (inFlight == 0) {
      result.complete(seen.values().stream().filter(n -> answered.contains(n.id()))
          .limit(DiscoveryProtocol.MAX_NEIGHBORS).toList());
    }
  }

  private void onAnswer(DiscoveryNode from, List<Neighbor> answer) {
    inFlight--;
    if (answer == null) {
      // Silent: out of the running.
      seen.remove(from.id().kademliaId());
      advance();
      return;
    }
    answered.add(from.id());
    for (Neighbor n : answer) {
      if (n.id().equals(protocol.self())) {
        continue;
      }
      Hash k = n.id().kademliaId();
      if (!seen.containsKey(k) && !asked.contains(n.id())) {
        seen.put(k, DiscoveryNode.of(n.id(), n.endpoint()));
      }
      protocol.addCandidate(n.id(), n.endpoint());
    }
    advance();
  }
}
