package io.headersync.p2p.discovery.wire;

import io.headersync.core.bytes.Hash;
import io.headersync.p2p.discovery.enr.Enr;
import io.headersync.p2p.identity.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The payload of a discv4 packet, one record per type.
 *
 * <p>Expirations and ENR sequence numbers are unsigned 64-bit values held in a long (a value
 * above 2<sup>63</sup>−1 reads as negative); compare them with {@link Long#compareUnsigned}.
 */
public sealed interface Packet {

  PacketType type();

  /**
   * True when the packet's expiration (absolute UNIX seconds) lies before {@code nowSeconds}.
   * ENRResponse carries no expiration and never expires.
   */
  boolean isExpired(long nowSeconds);

  private static boolean before(long expiration, long nowSeconds) {
    return Long.compareUnsigned(expiration, nowSeconds) < 0;
  }

  /** {@code [version, from, to, expiration, enr-seq?]}; the version is not checked (EIP-8). */
  record Ping(long version, Endpoint from, Endpoint to, long expiration, OptionalLong enrSeq) implements Packet {
    public static final long VERSION = 4;

    public Ping {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(enrSeq, "enrSeq");
    }

    @Override
    public PacketType type() {
      return PacketType.PING;
    }

    @Override
    public boolean isExpired(long nowSeconds) {
      return before(expiration, nowSeconds);
    }
  }

  /** {@code [to, ping-hash, expiration, enr-seq?]}. */
  record Pong(Endpoint to, Hash pingHash, long expiration, OptionalLong enrSeq) implements Packet {
    public Pong {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(pingHash, "pingHash");
      Objects.requireNonNull(enrSeq, "enrSeq");
    }

    @Override
    public PacketType type() {
      return PacketType.PONG;
    }

    @Override
    public boolean isExpired(long nowSeconds) {
      return before(expiration, nowSeconds);
    }
  }

  /** {@code [target, expiration]}: asks for the nodes closest to {@code target}. */
  record FindNode(NodeId target, long expiration) implements Packet {
    public FindNode {
      Objects.requireNonNull(target, "target");
    }

    @Override
    public PacketType type() {
      return PacketType.FIND_NODE;
    }

    @Override
    public boolean isExpired(long nowSeconds) {
      return before(expiration, nowSeconds);
    }
  }

  /** {@code [[ip, udp, tcp, id]..., expiration]}: an answer to FindNode, one of possibly several. */
  record Neighbors(List<Neighbor> nodes, long expiration) implements Packet {
    public Neighbors {
      nodes = List.copyOf(nodes);
    }

    @Override
    public PacketType type() {
      return PacketType.NEIGHBORS;
    }

    @Override
    public boolean isExpired(long nowSeconds) {
      return before(expiration, nowSeconds);
    }
  }

  /** {@code [expiration]}: asks for the recipient's node record (EIP-868). */
  record EnrRequest(long expiration) implements Packet {
    @Override
    public PacketType type() {
      return PacketType.ENR_REQUEST;
    }

    @Override
    public boolean isExpired(long nowSeconds) {
      return before(expiration, nowSeconds);
    }
  }

  /**
   * {@code [request-hash, record]}: the answer to an ENRRequest. The codec has checked the record's
   * own signature; whether it belongs to the packet's sender is the receiver's check.
   */
  record EnrResponse(Hash requestHash, Enr record) implements Packet {
    public EnrResponse {
      Objects.requireNonNull(requestHash, "requestHash");
      Objects.requireNonNull(record, "record");
    }

    @Override
    public PacketType type() {
      return PacketType.ENR_RESPONSE;
    }

    @Override
    public boolean isExpired(long nowSeconds) {
      return false;
    }
  }
}
