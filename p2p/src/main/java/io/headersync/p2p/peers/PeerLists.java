package io.headersync.p2p.peers;

import io.headersync.p2p.identity.NodeId;
import java.util.Set;

/**
 * The operator's lists of nodes.
 *
 * @param trusted nodes always admitted, whatever the limits, and never dropped by this node's own
 *     choice (a peer-count limit, a bad reputation); they are dialed and redialed like static peers
 * @param allowed when not empty, the only nodes admitted besides trusted and static ones (a node
 *     that syncs only from its own infrastructure)
 * @param blocked nodes refused on every session, inbound or outbound; blocking wins over every
 *     other list
 */
public record PeerLists(Set<NodeId> trusted, Set<NodeId> allowed, Set<NodeId> blocked) {

  public static final PeerLists OPEN = new PeerLists(Set.of(), Set.of(), Set.of());

  public PeerLists {
    trusted = Set.copyOf(trusted);
    allowed = Set.copyOf(allowed);
    blocked = Set.copyOf(blocked);
  }

  public boolean isTrusted(NodeId id) {
    return trusted.contains(id) && !blocked.contains(id);
  }

  public boolean isBlocked(NodeId id) {
    return blocked.contains(id);
  }

  /** Whether the allowed list lets {@code id} in (always, when the list is empty). */
  public boolean isAllowed(NodeId id) {
    return allowed.isEmpty() || allowed.contains(id);
  }
}
