package io.headersync.p2p.discovery.enr;

import io.headersync.core.bytes.Hex;
import io.headersync.core.chain.ForkId;
import io.headersync.core.crypto.Keccak;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A signed node record (EIP-778), "v4" identity scheme. Instances are always valid: decoding
 * verifies the signature, and the builder signs.
 *
 * <p>Keys are byte strings; they are held as ISO-8859-1 strings so that every byte maps to one
 * char and the natural order of strings is the byte order the spec sorts by. Values are kept as
 * their raw RLP items, so entries this class does not interpret survive a round trip unchanged.
 * The sequence number is an unsigned 64-bit value held in a long.
 */
public final class Enr {

  /** EIP-778's cap on a record's encoded size. */
  public static final int MAX_SIZE = 300;
  /** The identity scheme this class implements. */
  public static final String SCHEME_V4 = "v4";

  private static final String TEXT_PREFIX = "enr:";

  private final byte[] encoded;
  private final byte[] signature;
  private final long seq;
  private final SortedMap<String, byte[]> pairs;
  private final NodeId nodeId;

  private Enr(byte[] encoded, byte[] signature, long seq, SortedMap<String, byte[]> pairs, NodeId nodeId) {
    this.encoded = encoded;
    this.signature = signature;
    this.seq = seq;
    this.pairs = Collections.unmodifiableSortedMap(pairs);
    this.nodeId = nodeId;
  }

  /** Decodes and verifies {@code rlp}, which must be exactly one record. */
  public static Enr decode(byte[] rlp) throws EnrException {
    return decode(rlp, 0, rlp.length);
  }

  /** Decodes and verifies the record of {@code length} bytes at {@code offset}. */
  public static Enr decode(byte[] data, int offset, int length) throws EnrException {
    if (length > MAX_SIZE) {
      throw new EnrException(EnrException.Reason.TOO_LARGE, "record is " + length + " bytes, at most " + MAX_SIZE + " allowed");
    }
    byte[] bytes = Arrays.copyOfRange(data, offset, offset + length);
    try {
      RlpReader outer = RlpReader.wrap(bytes);
      RlpReader list = outer.readList();
      outer.requireEnd();
      list.requireNext("signature");
      byte[] signature = list.readBytes();
      int contentStart = list.position();
      list.requireNext("seq");
      long seq = list.readBigInteger(8).longValue();
      TreeMap<String, byte[]> pairs = new TreeMap<>();
      String previous = null;
      while (list.hasNext()) {
        String key = new String(list.readBytes(), StandardCharsets.ISO_8859_1);
        if (previous != null && key.compareTo(previous) <= 0) {
          throw new EnrException(EnrException.Reason.KEYS_NOT_SORTED,
              "key \"" + printable(key) + "\" follows \"" + printable(previous) + "\"");
        }
        list.requireNext("value of key \"" + printable(key) + "\"");
        pairs.put(key, list.readRaw());
        previous = key;
      }
      NodeId id = verify(pairs, signature, content(bytes, contentStart, list.limit()));
      checkStandardEntries(pairs);
      return new Enr(bytes, signature, seq, pairs, id);
    } catch (RlpException e) {
      throw new EnrException(EnrException.Reason.MALFORMED, "record RLP: " + e.getMessage(), e);
    }
  }

  /** Parses the text form {@code enr:<base64url, no padding>}. */
  public static Enr fromText(String text) throws EnrException {
    if (!text.startsWith(TEXT_PREFIX)) {
      throw new EnrException(EnrException.Reason.BAD_TEXT, "a record's text form starts with \"enr:\"");
    }
    String body = text.substring(TEXT_PREFIX.length());
    if (body.length() > (MAX_SIZE * 4 + 2) / 3) {
      throw new EnrException(EnrException.Reason.TOO_LARGE, "text form of " + body.length() + " characters is over " + MAX_SIZE + " bytes");
    }
    byte[] rlp;
    try {
      rlp = Base64.getUrlDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new EnrException(EnrException.Reason.BAD_TEXT, "not URL-safe base64: " + e.getMessage(), e);
    }
    return decode(rlp);
  }

  private static byte[] content(byte[] bytes, int from, int to) {
    RlpWriter w = new RlpWriter(to - from + 4);
    w.startList().writeRaw(bytes, from, to - from).endList();
    return w.toByteArray();
  }

  private static NodeId verify(Map<String, byte[]> pairs, byte[] signature, byte[] content) throws EnrException {
    byte[] id = pairs.get("id");
    if (id == null) {
      throw new EnrException(EnrException.Reason.UNSUPPORTED_SCHEME, "record has no \"id\" entry");
    }
    String scheme = new String(stringValue(id, "id"), StandardCharsets.ISO_8859_1);
    if (!SCHEME_V4.equals(scheme)) {
      throw new EnrException(EnrException.Reason.UNSUPPORTED_SCHEME, "identity scheme \"" + printable(scheme) + "\" is not v4");
    }
    byte[] key = pairs.get("secp256k1");
    if (key == null) {
      throw new EnrException(EnrException.Reason.BAD_PUBLIC_KEY, "v4 record has no \"secp256k1\" entry");
    }
    byte[] compressed = stringValue(key, "secp256k1");
    V4Scheme.verify(Keccak.keccak256(content).unsafeArray(), signature, compressed);
    return NodeId.of(V4Scheme.decompress(compressed));
  }

  private static void checkStandardEntries(Map<String, byte[]> pairs) throws EnrException {
    checkAddress(pairs, "ip", 4);
    checkAddress(pairs, "ip6", 16);
    for (String port : new String[] {"tcp", "udp", "tcp6", "udp6"}) {
      byte[] raw = pairs.get(port);
      if (raw != null) {
        readPort(raw, port);
      }
    }
  }

  private static void checkAddress(Map<String, byte[]> pairs, String key, int size) throws EnrException {
    byte[] raw = pairs.get(key);
    if (raw != null && stringValue(raw, key).length != size) {
      throw new EnrException(EnrException.Reason.MALFORMED, "\"" + key + "\" must be " + size + " bytes");
    }
  }

  private static int readPort(byte[] raw, String key) throws EnrException {
    try {
      long port = RlpReader.wrap(raw).readLong();
      if (port > 0xFFFF) {
        throw new EnrException(EnrException.Reason.MALFORMED, "\"" + key + "\" port " + port + " is above 65535");
      }
      return (int) port;
    } catch (RlpException e) {
      throw new EnrException(EnrException.Reason.MALFORMED, "\"" + key + "\" is not a port: " + e.getMessage(), e);
    }
  }

  private static byte[] stringValue(byte[] raw, String key) throws EnrException {
    try {
      return RlpReader.wrap(raw).readBytes();
    } catch (RlpException e) {
      throw new EnrException(EnrException.Reason.MALFORMED, "\"" + key + "\" must be a byte string: " + e.getMessage(), e);
    }
  }

  private static String printable(String key) {
    return key.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? key : Hex.encode(key.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The sequence number (unsigned). */
  public long seq() {
    return seq;
  }

  /** The node this record belongs to (from its {@code secp256k1} entry). */
  public NodeId nodeId() {
    return nodeId;
  }

  /** The 64-byte {@code r ‖ s} signature (a copy). */
  public byte[] signature() {
    return signature.clone();
  }

  /** The keys present, in order. */
  public java.util.Set<String> keys() {
    return pairs.keySet();
  }

  /** The raw RLP item stored under {@code key} (a copy), if any. */
  public Optional<byte[]> rawValue(String key) {
    byte[] v = pairs.get(key);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  /** The IPv4 address ({@code ip}), if the record has one. */
  public Optional<InetAddress> ip() {
    return address("ip");
  }

  /** The IPv6 address ({@code ip6}), if the record has one. */
  public Optional<InetAddress> ip6() {
    return address("ip6");
  }

  public OptionalInt tcp() {
    return port("tcp");
  }

  public OptionalInt udp() {
    return port("udp");
  }

  /** The IPv6 TCP port: {@code tcp6}, or {@code tcp} when absent, as the spec says. */
  public OptionalInt tcp6() {
    OptionalInt p = port("tcp6");
    return p.isPresent() ? p : tcp();
  }

  /** The IPv6 UDP port: {@code udp6}, or {@code udp} when absent. */
  public OptionalInt udp6() {
    OptionalInt p = port("udp6");
    return p.isPresent() ? p : udp();
  }

  /**
   * The fork id of the {@code eth} entry ({@code [[fork-hash, fork-next], ...]}), ignoring extra
   * list elements as enr-entry-eth.md asks; empty when absent or not of that shape.
   */
  public Optional<ForkId> eth() {
    byte[] raw = pairs.get("eth");
    if (raw == null) {
      return Optional.empty();
    }
    try {
      RlpReader entry = RlpReader.wrap(raw).readList();
      RlpReader forkId = entry.readList();
      byte[] hash = forkId.readFixed(4);
      BigInteger next = forkId.readBigInteger(8);
      return Optional.of(new ForkId(hash, next.longValue()));
    } catch (RlpException e) {
      return Optional.empty();
    }
  }

  private Optional<InetAddress> address(String key) {
    byte[] raw = pairs.get(key);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(RlpReader.wrap(raw).readBytes()));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("checked at decode", e);
    }
  }

  private OptionalInt port(String key) {
    byte[] raw = pairs.get(key);
    return raw == null ? OptionalInt.empty() : OptionalInt.of((int) RlpReader.wrap(raw).readLong());
  }

  /** The RLP encoding (a copy). */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** {@code enr:} followed by the URL-safe base64 of the encoding, without padding. */
  public String toText() {
    return TEXT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(encoded);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Enr other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "Enr[" + nodeId + ", seq " + Long.toUnsignedString(seq) + ", " + ip().or(this::ip6).map(InetAddress::getHostAddress).orElse("no ip")
        + udp().stream().mapToObj(p -> " udp " + p).findFirst().orElse("") + "]";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Assembles and signs a record; the {@code id} and {@code secp256k1} entries come from the key. */
  public static final class Builder {
    private long seq = 1;
    private final TreeMap<String, byte[]> pairs = new TreeMap<>();

    private Builder() {}

    /** The sequence number (unsigned); raise it whenever the record changes. */
    public Builder seq(long seq) {
      this.seq = seq;
      return this;
    }

    /** Sets {@code ip} for an IPv4 address, {@code ip6} for an IPv6 one. */
    public Builder ip(InetAddress address) {
      if (address instanceof Inet4Address) {
        return raw("ip", RlpWriter.encodeBytes(address.getAddress()));
      }
      if (address instanceof Inet6Address) {
        return raw("ip6", RlpWriter.encodeBytes(address.getAddress()));
      }
      throw new IllegalArgumentException("not an IP address: " + address);
    }

    public Builder tcp(int port) {
      return port("tcp", port);
    }

    public Builder udp(int port) {
      return port("udp", port);
    }

    public Builder tcp6(int port) {
      return port("tcp6", port);
    }

    public Builder udp6(int port) {
      return port("udp6", port);
    }

    /** The {@code eth} entry: {@code [[fork-hash, fork-next]]}. */
    public Builder eth(ForkId forkId) {
      RlpWriter w = new RlpWriter(16);
      w.startList();
      forkId.writeTo(w);
      w.endList();
      return raw("eth", w.toByteArray());
    }

    /** Any other entry, given as one complete RLP item. */
    public Builder raw(String key, byte[] rlpItem) {
      Objects.requireNonNull(key, "key");
      if (key.equals("id") || key.equals("secp256k1")) {
        throw new IllegalArgumentException("\"" + key + "\" is set from the signing key");
      }
      RlpReader check = RlpReader.wrap(rlpItem);
      check.skip();
      check.requireEnd();
      pairs.put(key, rlpItem.clone());
      return this;
    }

    private Builder port(String key, int port) {
      if (port < 0 || port > 0xFFFF) {
        throw new IllegalArgumentException(key + " port must be 0 to 65535, got " + port);
      }
      return raw(key, RlpWriter.encodeLong(port));
    }

    /**
     * Signs the record with {@code key}.
     *
     * @throws IllegalStateException when the result would exceed {@link #MAX_SIZE}
     */
    public Enr sign(NodeKey key) {
      TreeMap<String, byte[]> all = new TreeMap<>(pairs);
      all.put("id", RlpWriter.encodeBytes(SCHEME_V4.getBytes(StandardCharsets.ISO_8859_1)));
      all.put("secp256k1", RlpWriter.encodeBytes(V4Scheme.compress(key.nodeId().publicKey())));
      RlpWriter content = new RlpWriter(MAX_SIZE);
      content.startList();
      writeSeq(content, seq);
      writePairs(content, all);
      content.endList();
      byte[] signature = V4Scheme.sign(Keccak.keccak256(content.toByteArray()).unsafeArray(), key);
      RlpWriter record = new RlpWriter(MAX_SIZE);
      record.startList().writeBytes(signature);
      writeSeq(record, seq);
      writePairs(record, all);
      record.endList();
      byte[] encoded = record.toByteArray();
      if (encoded.length > MAX_SIZE) {
        throw new IllegalStateException("record would be " + encoded.length + " bytes, above the " + MAX_SIZE + "-byte cap");
      }
      return new Enr(encoded, signature, seq, all, key.nodeId());
    }

    private static void writeSeq(RlpWriter w, long seq) {
      w.writeBigInteger(new BigInteger(Long.toUnsignedString(seq)));
    }

    private static void writePairs(RlpWriter w, SortedMap<String, byte[]> all) {
      for (Map.Entry<String, byte[]> e : all.entrySet()) {
        w.writeBytes(e.getKey().getBytes(StandardCharsets.ISO_8859_1)).writeRaw(e.getValue());
      }
    }
  }
}
