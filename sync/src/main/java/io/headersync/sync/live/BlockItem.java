package io.headersync.sync.live;

import io.headersync.core.block.Block;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.RequestTicket;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One block being downloaded, from its hash to its release. Its stages: header unknown (a set's
 * hash, asked for by hash) or known; body wanted, on its way, arrived before the header, or
 * checked; then downloaded and waiting in the ordered buffer until no lower block can still come.
 */
final class BlockItem {

  /** Ascending number, then hash: the order blocks leave in. Only for items whose header is known. */
  static final Comparator<BlockItem> BY_NUMBER =
      Comparator.<BlockItem>comparingLong(i -> i.header.number()).thenComparing(i -> i.hash);

  final Hash hash;
  /** Asked for by a set (a head the node was told about): its requests go first. */
  boolean urgent;
  BlockHeader header;
  RequestTicket headerTicket;
  int headerAttempts;
  LiveBlockDownloader.BodyFetch bodyFetch;
  /** A body that came before the header (a single block asks for both at once). */
  BlockBody earlyBody;
  PeerId earlyBodyPeer;
  int bodyAttempts;
  /** Peers that sent a wrong body for this block: its next bodies request avoids them. */
  final Set<PeerId> wrongBodyPeers = new LinkedHashSet<>(2);
  /** Set once the body matched the header. */
  Block block;
  /** Whether this item counts against the held-blocks limit (a body on its way, held, or buffered). */
  boolean holdsSlot;

  BlockItem(Hash hash, boolean urgent) {
    this.hash = hash;
    this.urgent = urgent;
  }

  long number() {
    return header.number();
  }

  @Override
  public String toString() {
    return (header == null ? "?" : "#" + header.number()) + " " + hash;
  }
}
