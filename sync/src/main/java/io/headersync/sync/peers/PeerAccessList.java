package io.headersync.sync.peers;

import io.headersync.sync.api.PeerId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The operator's allowed and blocked peers. A blocked peer is never used and is disconnected when
 * it connects. When the allowed list is not empty, only peers on it are used (a node syncing from
 * its own trusted peers); allowed peers can be penalised and deprioritised like any other, but
 * are never banned, because the operator chose them. Blocking wins over allowing.
 *
 * <p>Changes take effect for the next request; lives on the sync event loop.
 */
public final class PeerAccessList {

  /** Whether a peer may be used. */
  public enum Access {
    PERMITTED,
    BLOCKED,
    NOT_ALLOWED
  }

  private final Set<PeerId> allowed = new HashSet<>();
  private final Set<PeerId> blocked = new HashSet<>();

  /** No restrictions. */
  public static PeerAccessList open() {
    return new PeerAccessList();
  }

  public static PeerAccessList of(Collection<PeerId> allowed, Collection<PeerId> blocked) {
    PeerAccessList list = new PeerAccessList();
    list.allowed.addAll(allowed);
    list.blocked.addAll(blocked);
    return list;
  }

  public void allow(PeerId peer) {
    allowed.add(peer);
  }

  public void disallow(PeerId peer) {
    allowed.remove(peer);
  }

  public void block(PeerId peer) {
    blocked.add(peer);
  }

  public void unblock(PeerId peer) {
    blocked.remove(peer);
  }

  public Access access(PeerId peer) {
    if (blocked.contains(peer)) {
      return Access.BLOCKED;
    }
    if (!allowed.isEmpty() && !allowed.contains(peer)) {
      return Access.NOT_ALLOWED;
    }
    return Access.PERMITTED;
  }

  /** True for peers the operator named in the allowed list. */
  public boolean isPinned(PeerId peer) {
    return allowed.contains(peer) && !blocked.contains(peer);
  }
}
