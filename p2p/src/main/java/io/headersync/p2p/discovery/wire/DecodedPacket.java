package io.headersync.p2p.discovery.wire;

import io.headersync.core.bytes.Hash;
import io.headersync.p2p.identity.NodeId;
import java.util.Objects;

/**
 * A datagram that passed every check: its hash (which Pong and ENRResponse refer back to), the
 * node that signed it, and what it says.
 */
public record DecodedPacket(Hash hash, NodeId sender, Packet packet) {

  public DecodedPacket {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(packet, "packet");
  }
}
