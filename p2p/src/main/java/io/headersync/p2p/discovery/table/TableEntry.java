package io.headersync.p2p.discovery.table;

import io.headersync.core.bytes.Hash;
import io.headersync.p2p.discovery.wire.Endpoint;
import io.headersync.p2p.identity.NodeId;
import java.util.Objects;

/**
 * A node in the table: who it is, where it answers, and when (monotonic nanoseconds) it was added
 * and last proved alive.
 */
public record TableEntry(NodeId id, Hash kademliaId, Endpoint endpoint, long addedAt, long lastSeen) {

  public TableEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kademliaId, "kademliaId");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  TableEntry seenAt(Endpoint newEndpoint, long now) {
    return new TableEntry(id, kademliaId, newEndpoint, addedAt, now);
  }
}
