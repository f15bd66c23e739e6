package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeId;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import io.headersync.sync.api.Capability;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The base protocol's Hello (0x00): {@code [protocolVersion, clientId, [[cap, version], ...],
 * listenPort, nodeId, ...]}. Later list elements are ignored, as EIP-8 asks, so a future version
 * can add fields.
 *
 * @param listenPort the remote's advertised TCP port; legacy and ignored, kept for logs
 */
public record HelloMessage(long p2pVersion, String clientId, List<Capability> capabilities, long listenPort, NodeId nodeId) {

  /** The base protocol version this implementation speaks: 5 (snappy compression). */
  public static final int P2P_VERSION = 5;
  /** The first version whose messages after Hello are snappy-compressed. */
  static final int SNAPPY_VERSION = 5;
  static final int CODE = 0x00;

  public HelloMessage {
    capabilities = List.copyOf(capabilities);
  }

  byte[] encode() {
    RlpWriter w = new RlpWriter(256).startList()
        .writeLong(p2pVersion)
        .writeBytes(clientId.getBytes(StandardCharsets.UTF_8))
        .startList();
    for (Capability c : capabilities) {
      w.startList().writeBytes(c.name().getBytes(StandardCharsets.US_ASCII)).writeLong(c.version()).endList();
    }
    return w.endList().writeLong(listenPort).writeBytes(nodeId.publicKey()).endList().toByteArray();
  }

  /**
   * Parses a Hello.
   *
   * @throws RlpxException {@link RlpxException.Reason#MALFORMED_MESSAGE} naming the field
   */
  static HelloMessage decode(byte[] data) {
    String field = "list";
    try {
      RlpReader reader = RlpReader.wrap(data);
      RlpReader hello = reader.readList();
      reader.requireEnd();
      field = "protocolVersion";
      hello.requireNext(field);
      long version = hello.readLong();
      field = "clientId";
      hello.requireNext(field);
      String clientId = new String(hello.readBytes(), StandardCharsets.UTF_8);
      field = "capabilities";
      hello.requireNext(field);
      RlpReader caps = hello.readList();
      List<Capability> capabilities = new ArrayList<>();
      while (caps.hasNext()) {
        RlpReader cap = caps.readList();
        cap.requireNext("capability name");
        String name = new String(cap.readBytes(), StandardCharsets.US_ASCII);
        cap.requireNext("capability version");
        capabilities.add(new Capability(name, cap.readInt()));
      }
      field = "listenPort";
      hello.requireNext(field);
      // Unused by devp2p today; some clients write it with leading zero bytes (a zero port as
      // 0x00), so it is read leniently rather than refusing an otherwise sound peer.
      long port = lenientPort(hello.readBytes());
      field = "nodeId";
      hello.requireNext(field);
      NodeId id = NodeId.of(hello.readFixed(64));
      return new HelloMessage(version, clientId, capabilities, port, id);
    } catch (RlpException e) {
      throw new RlpxException(RlpxException.Reason.MALFORMED_MESSAGE, "Hello " + field + ": " + e.getMessage(), e);
    }
  }

  private static long lenientPort(byte[] bytes) {
    long value = 0;
    for (byte b : bytes) {
      value = (value << 8) | (b & 0xff);
      if (value > 0xffff) {
        throw new RlpxException(RlpxException.Reason.MALFORMED_MESSAGE, "Hello listenPort: larger than a TCP port");
      }
    }
    return value;
  }
}
