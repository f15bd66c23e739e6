package io.headersync.p2p.discovery.wire;

import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.crypto.Secp256k1;
import io.headersync.p2p.discovery.enr.Enr;
import io.headersync.p2p.discovery.enr.EnrException;
import io.headersync.p2p.discovery.wire.Packet.EnrRequest;
import io.headersync.p2p.discovery.wire.Packet.EnrResponse;
import io.headersync.p2p.discovery.wire.Packet.FindNode;
import io.headersync.p2p.discovery.wire.Packet.Neighbors;
import io.headersync.p2p.discovery.wire.Packet.Ping;
import io.headersync.p2p.discovery.wire.Packet.Pong;
import io.headersync.p2p.discovery.wire.PacketException.Reason;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Encodes and decodes discv4 datagrams: {@code hash ‖ signature ‖ type ‖ rlp(data)}, where
 * {@code signature = sign(keccak256(type ‖ data))} and {@code hash = keccak256(signature ‖ type ‖ data)}.
 *
 * <p>Decoding checks, in order and before any work that depends on the content: the size cap,
 * the hash, the signature (recovering the sender), the type byte, then the RLP fields. Following
 * EIP-8 it accepts any ping version, ignores list elements after the known ones at every level
 * and ignores bytes after the payload list. Integers that only name a version or a port are read
 * leniently (leading zero bytes allowed) because some implementations write them that way.
 */
public final class PacketCodec {

  /** The largest datagram discv4 allows. */
  public static final int MAX_PACKET_SIZE = 1280;
  private static final int HASH_SIZE = 32;
  private static final int SIGNATURE_OFFSET = HASH_SIZE;
  private static final int TYPE_OFFSET = SIGNATURE_OFFSET + Secp256k1.SIGNATURE_SIZE;
  /** Hash, signature and type byte. */
  public static final int HEADER_SIZE = TYPE_OFFSET + 1;
  private static final byte[] UNSPECIFIED_IPV4 = new byte[4];

  private PacketCodec() {}

  /**
   * Signs and encodes {@code packet}.
   *
   * @throws IllegalArgumentException when the result would exceed {@link #MAX_PACKET_SIZE}
   *     (split long Neighbors lists with {@link #splitNeighbors})
   */
  public static byte[] encode(Packet packet, NodeKey key) {
    RlpWriter w = new RlpWriter(MAX_PACKET_SIZE);
    writeData(packet, w);
    int total = HEADER_SIZE + w.size();
    if (total > MAX_PACKET_SIZE) {
      throw new IllegalArgumentException(packet.type() + " packet would be " + total + " bytes, above the " + MAX_PACKET_SIZE + "-byte cap");
    }
    byte[] out = new byte[total];
    out[TYPE_OFFSET] = (byte) packet.type().code();
    System.arraycopy(w.toByteArray(), 0, out, HEADER_SIZE, w.size());
    byte[] signature = key.sign(Keccak.keccak256(out, TYPE_OFFSET, total - TYPE_OFFSET).unsafeArray()).toCompact();
    System.arraycopy(signature, 0, out, SIGNATURE_OFFSET, signature.length);
    Keccak.keccak256(out, SIGNATURE_OFFSET, total - SIGNATURE_OFFSET, out, 0);
    return out;
  }

  /** The hash at the head of an encoded packet, which a Pong or ENRResponse refers back to. */
  public static Hash hashOf(byte[] encodedPacket) {
    return Hash.of(encodedPacket, 0);
  }

  /** Decodes a whole datagram. */
  public static DecodedPacket decode(byte[] datagram) throws PacketException {
    return decode(datagram, 0, datagram.length);
  }

  /** Decodes the datagram of {@code length} bytes at {@code offset} of {@code data}. */
  public static DecodedPacket decode(byte[] data, int offset, int length) throws PacketException {
    if (length > MAX_PACKET_SIZE) {
      throw new PacketException(Reason.TOO_LARGE, "datagram of " + length + " bytes, at most " + MAX_PACKET_SIZE + " allowed");
    }
    if (length < HEADER_SIZE) {
      throw new PacketException(Reason.TOO_SMALL, "datagram of " + length + " bytes, at least " + HEADER_SIZE + " needed");
    }
    if (offset < 0 || offset > data.length - length) {
      throw new IllegalArgumentException("slice " + offset + "+" + length + " of " + data.length);
    }
    byte[] computed = new byte[HASH_SIZE];
    Keccak.keccak256(data, offset + SIGNATURE_OFFSET, length - SIGNATURE_OFFSET, computed, 0);
    if (!Arrays.equals(computed, 0, HASH_SIZE, data, offset, offset + HASH_SIZE)) {
      throw new PacketException(Reason.HASH_MISMATCH, "hash field does not match keccak256 of the rest of the datagram");
    }
    NodeId sender = recoverSender(data, offset, length);
    int code = data[offset + TYPE_OFFSET] & 0xFF;
    PacketType type = PacketType.ofCode(code);
    if (type == null) {
      throw new PacketException(Reason.UNKNOWN_TYPE, "packet type 0x" + Integer.toHexString(code) + " from " + sender);
    }
    return new DecodedPacket(Hash.wrap(computed), sender, decodeData(type, data, offset + HEADER_SIZE, length - HEADER_SIZE));
  }

  /** Decodes {@code packet-data} of a packet of {@code type}; the part of decoding a datagram after its checks. */
  static Packet decodeData(PacketType type, byte[] data, int offset, int length) throws PacketException {
    Cursor c = new Cursor(type);
    try {
      RlpReader body = RlpReader.wrap(data, offset, length);
      c.at("packet-data");
      // EIP-8: bytes after the payload list are ignored, so no requireEnd() on body.
      RlpReader fields = body.readList();
      return switch (type) {
        case PING -> readPing(fields, c);
        case PONG -> readPong(fields, c);
        case FIND_NODE -> readFindNode(fields, c);
        case NEIGHBORS -> readNeighbors(fields, c);
        case ENR_REQUEST -> new EnrRequest(uint64(fields, c.at("expiration")));
        case ENR_RESPONSE -> readEnrResponse(fields, c);
      };
    } catch (RlpException e) {
      throw new PacketException(Reason.MALFORMED, type + " field " + c.field + ": " + e.getMessage(), e);
    }
  }

  private static NodeId recoverSender(byte[] data, int offset, int length) throws PacketException {
    try {
      Secp256k1.Signature signature = Secp256k1.Signature.fromCompact(data, offset + SIGNATURE_OFFSET);
      byte[] signed = Keccak.keccak256(data, offset + TYPE_OFFSET, length - TYPE_OFFSET).unsafeArray();
      return NodeId.of(Secp256k1.recoverPublicKey(signed, signature));
    } catch (SignatureException e) {
      throw new PacketException(Reason.BAD_SIGNATURE, e.getMessage(), e);
    }
  }

  /** Names the field being read, for error messages. */
  private static final class Cursor {
    final PacketType type;
    String field = "";

    Cursor(PacketType type) {
      this.type = type;
    }

    RlpReader at(RlpReader r, String name) {
      field = name;
      r.requireNext(name);
      return r;
    }

    String at(String name) {
      field = name;
      return name;
    }
  }

  private static Ping readPing(RlpReader f, Cursor c) throws PacketException {
    long version = lenientUnsigned(c.at(f, "version"), 8, c);
    Endpoint from = readEndpoint(c.at(f, "from"), c, "from");
    Endpoint to = readEndpoint(c.at(f, "to"), c, "to");
    long expiration = uint64(c.at(f, "expiration"), c.at("expiration"));
    return new Ping(version, from, to, expiration, optionalSeq(f, c));
  }

  private static Pong readPong(RlpReader f, Cursor c) throws PacketException {
    Endpoint to = readEndpoint(c.at(f, "to"), c, "to");
    Hash pingHash = Hash.wrap(c.at(f, "ping-hash").readFixed(HASH_SIZE));
    long expiration = uint64(c.at(f, "expiration"), c.at("expiration"));
    return new Pong(to, pingHash, expiration, optionalSeq(f, c));
  }

  /**
   * EIP-868's enr-seq: read when the next element is a byte string; a list in its place is an
   * EIP-8 extension element of some other meaning and is ignored, as are elements after it.
   */
  private static OptionalLong optionalSeq(RlpReader f, Cursor c) {
    if (!f.hasNext() || f.nextIsList()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(uint64(f, c.at("enr-seq")));
  }

  private static FindNode readFindNode(RlpReader f, Cursor c) {
    NodeId target = NodeId.of(c.at(f, "target").readFixed(64));
    return new FindNode(target, uint64(c.at(f, "expiration"), c.at("expiration")));
  }

  private static Neighbors readNeighbors(RlpReader f, Cursor c) throws PacketException {
    RlpReader nodes = c.at(f, "nodes").readList();
    List<Neighbor> out = new ArrayList<>();
    for (int i = 0; nodes.hasNext(); i++) {
      String name = "nodes[" + i + "]";
      RlpReader node = c.at(nodes, name).readList();
      Endpoint endpoint = readEndpointFields(node, c, name);
      NodeId id = NodeId.of(c.at(node, name + ".node-id").readFixed(64));
      out.add(new Neighbor(endpoint, id));
    }
    return new Neighbors(out, uint64(c.at(f, "expiration"), c.at("expiration")));
  }

  private static EnrResponse readEnrResponse(RlpReader f, Cursor c) throws PacketException {
    Hash requestHash = Hash.wrap(c.at(f, "request-hash").readFixed(HASH_SIZE));
    c.at(f, "record");
    int at = f.position();
    int size = f.nextItemSize();
    Enr record;
    try {
      record = Enr.decode(f.array(), at, size);
    } catch (EnrException e) {
      throw new PacketException(Reason.BAD_RECORD, "ENR_RESPONSE record: " + e.getMessage(), e);
    }
    f.skip();
    return new EnrResponse(requestHash, record);
  }

  private static Endpoint readEndpoint(RlpReader r, Cursor c, String name) throws PacketException {
    return readEndpointFields(r.readList(), c, name);
  }

  private static Endpoint readEndpointFields(RlpReader e, Cursor c, String name) throws PacketException {
    InetAddress ip = readIp(c.at(e, name + ".ip"), c);
    int udp = (int) lenientUnsigned(c.at(e, name + ".udp-port"), 2, c);
    int tcp = (int) lenientUnsigned(c.at(e, name + ".tcp-port"), 2, c);
    return new Endpoint(ip, udp, tcp);
  }

  private static InetAddress readIp(RlpReader r, Cursor c) throws PacketException {
    byte[] raw = r.readBytes();
    if (raw.length == 0) {
      // Some senders leave an address they do not know empty; read it as "unspecified".
      raw = UNSPECIFIED_IPV4;
    }
    if (raw.length != 4 && raw.length != 16) {
      throw new PacketException(Reason.MALFORMED, c.type + " field " + c.field + ": an IP address is 4 or 16 bytes, got " + raw.length);
    }
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException impossible) {
      throw new PacketException(Reason.MALFORMED, c.type + " field " + c.field + ": " + impossible.getMessage());
    }
  }

  /** A canonical unsigned integer of at most 8 bytes, held in a long (unsigned). */
  private static long uint64(RlpReader r, String name) {
    r.requireNext(name);
    return r.readBigInteger(8).longValue();
  }

  /** An unsigned integer of at most {@code maxBytes} bytes, leading zero bytes allowed. */
  private static long lenientUnsigned(RlpReader r, int maxBytes, Cursor c) throws PacketException {
    if (r.nextIsList()) {
      throw new PacketException(Reason.MALFORMED, c.type + " field " + c.field + ": expected an integer, found a list");
    }
    int len = r.nextPayloadLength();
    if (len > maxBytes) {
      throw new PacketException(Reason.MALFORMED, c.type + " field " + c.field + ": " + len + " bytes for an integer of at most " + maxBytes);
    }
    int at = r.nextPayloadOffset();
    byte[] a = r.array();
    long v = 0;
    for (int i = 0; i < len; i++) {
      v = (v << 8) | (a[at + i] & 0xFF);
    }
    r.skip();
    return v;
  }

  // ---- encoding ----

  private static void writeData(Packet packet, RlpWriter w) {
    w.startList();
    switch (packet) {
      case Ping p -> {
        writeUnsigned(w, p.version());
        writeEndpoint(w, p.from());
        writeEndpoint(w, p.to());
        writeUnsigned(w, p.expiration());
        p.enrSeq().ifPresent(s -> writeUnsigned(w, s));
      }
      case Pong p -> {
        writeEndpoint(w, p.to());
        w.writeBytes(p.pingHash().unsafeArray());
        writeUnsigned(w, p.expiration());
        p.enrSeq().ifPresent(s -> writeUnsigned(w, s));
      }
      case FindNode f -> {
        w.writeBytes(f.target().publicKey());
        writeUnsigned(w, f.expiration());
      }
      case Neighbors n -> {
        w.startList();
        for (Neighbor node : n.nodes()) {
          writeNeighbor(w, node);
        }
        w.endList();
        writeUnsigned(w, n.expiration());
      }
      case EnrRequest r -> writeUnsigned(w, r.expiration());
      case EnrResponse r -> {
        w.writeBytes(r.requestHash().unsafeArray());
        w.writeRaw(r.record().encoded());
      }
    }
    w.endList();
  }

  private static void writeNeighbor(RlpWriter w, Neighbor node) {
    w.startList();
    writeEndpointFields(w, node.endpoint());
    w.writeBytes(node.id().publicKey());
    w.endList();
  }

  private static void writeEndpoint(RlpWriter w, Endpoint e) {
    w.startList();
    writeEndpointFields(w, e);
    w.endList();
  }

  private static void writeEndpointFields(RlpWriter w, Endpoint e) {
    w.writeBytes(e.ip().getAddress());
    w.writeLong(e.udpPort());
    w.writeLong(e.tcpPort());
  }

  private static void writeUnsigned(RlpWriter w, long value) {
    if (value >= 0) {
      w.writeLong(value);
    } else {
      w.writeBigInteger(new BigInteger(Long.toUnsignedString(value)));
    }
  }

  /**
   * Splits {@code nodes} into as few Neighbors packets as fit {@link #MAX_PACKET_SIZE} each, in
   * order. Twelve IPv6 entries or thirteen IPv4 ones fit in one packet.
   */
  public static List<Neighbors> splitNeighbors(List<Neighbor> nodes, long expiration) {
    RlpWriter scratch = new RlpWriter(128);
    writeUnsigned(scratch, expiration);
    int expirationSize = scratch.size();
    List<Neighbors> out = new ArrayList<>();
    List<Neighbor> current = new ArrayList<>();
    int nodesPayload = 0;
    for (Neighbor node : nodes) {
      scratch.reset();
      writeNeighbor(scratch, node);
      int size = scratch.size();
      int withNode = nodesPayload + size;
      int data = listSize(listSize(withNode) + expirationSize);
      if (!current.isEmpty() && HEADER_SIZE + data > MAX_PACKET_SIZE) {
        out.add(new Neighbors(current, expiration));
        current = new ArrayList<>();
        nodesPayload = 0;
        withNode = size;
      }
      current.add(node);
      nodesPayload = withNode;
    }
    if (!current.isEmpty() || out.isEmpty()) {
      out.add(new Neighbors(current, expiration));
    }
    return out;
  }

  private static int listSize(int payload) {
    if (payload <= 55) {
      return 1 + payload;
    }
    int lenLen = payload < 0x100 ? 1 : payload < 0x10000 ? 2 : 3;
    return 1 + lenLen + payload;
  }
}
