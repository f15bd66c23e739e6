package io.headersync.p2p.fuzz;

import io.headersync.core.crypto.Keccak;
import io.headersync.p2p.discovery.enr.Enr;
import io.headersync.p2p.discovery.wire.Endpoint;
import io.headersync.p2p.discovery.wire.Neighbor;
import io.headersync.p2p.discovery.wire.Packet;
import io.headersync.p2p.discovery.wire.PacketCodec;
import io.headersync.p2p.discovery.wire.PacketType;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Valid discv4 datagrams of every packet type, signed by a fixed key, with seeded random content
 * (IPv4 and IPv6 endpoints, up to a full packet of neighbours, signed node records).
 */
final class DiscoveryCorpus {

  static final NodeKey KEY = NodeKey.generate(new Random(77));

  private DiscoveryCorpus() {}

  /** {@code perType} signed datagrams of each type. */
  static List<byte[]> datagrams(long seed, int perType) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Enr> records = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      NodeKey key = NodeKey.generate(new Random(seed + i));
      records.add(Enr.builder().seq(r.nextLong(0, 1L << 40)).ip(ip(r, false)).udp(r.nextInt(65536)).tcp(r.nextInt(65536))
          .sign(key));
    }
    List<byte[]> out = new ArrayList<>();
    for (PacketType type : PacketType.values()) {
      for (int i = 0; i < perType; i++) {
        out.add(PacketCodec.encode(packet(type, r, records), KEY));
      }
    }
    return out;
  }

  private static Packet packet(PacketType type, SplittableRandom r, List<Enr> records) {
    long expiration = r.nextInt(4) == 0 ? r.nextLong() : 1_700_000_000L + r.nextInt(1 << 20);
    return switch (type) {
      case PING -> new Packet.Ping(r.nextInt(3) == 0 ? r.nextLong(0, 1000) : 4, endpoint(r), endpoint(r), expiration,
          r.nextBoolean() ? OptionalLong.of(r.nextLong()) : OptionalLong.empty());
      case PONG -> new Packet.Pong(endpoint(r), EthCorpus.hash(r), expiration,
          r.nextBoolean() ? OptionalLong.of(r.nextLong()) : OptionalLong.empty());
      case FIND_NODE -> new Packet.FindNode(NodeId.of(Mutator.randomBytes(r, 64)), expiration);
      case NEIGHBORS -> {
        List<Neighbor> nodes = new ArrayList<>();
        for (int i = r.nextInt(13); i > 0; i--) {
          nodes.add(new Neighbor(new Endpoint(ip(r, false), r.nextInt(65536), r.nextInt(65536)),
              NodeId.of(Mutator.randomBytes(r, 64))));
        }
        yield new Packet.Neighbors(nodes, expiration);
      }
      case ENR_REQUEST -> new Packet.EnrRequest(expiration);
      case ENR_RESPONSE -> new Packet.EnrResponse(EthCorpus.hash(r), records.get(r.nextInt(records.size())));
    };
  }

  private static Endpoint endpoint(SplittableRandom r) {
    return new Endpoint(ip(r, r.nextInt(4) == 0), r.nextInt(65536), r.nextInt(65536));
  }

  private static InetAddress ip(SplittableRandom r, boolean v6) {
    try {
      return InetAddress.getByAddress(Mutator.randomBytes(r, v6 ? 16 : 4));
    } catch (UnknownHostException impossible) {
      throw new AssertionError(impossible);
    }
  }

  /** Sets the datagram's leading hash to match the rest, so it passes the first check whatever was changed. */
  static byte[] rehash(byte[] datagram) {
    if (datagram.length >= 32) {
      Keccak.keccak256(datagram, 32, datagram.length - 32, datagram, 0);
    }
    return datagram;
  }
}
