package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A node's address as an {@code enode://} URL: {@code enode://<128 hex digits>@<host>:<tcp port>},
 * optionally followed by {@code ?discport=<udp port>} when discovery listens elsewhere. The host
 * is an IPv4 address, a bracketed IPv6 address or a DNS name.
 *
 * @param udpPort the discovery port, equal to {@code tcpPort} unless {@code discport} says otherwise
 */
public record Enode(NodeId id, String host, int tcpPort, int udpPort) {

  private static final String SCHEME = "enode://";

  public Enode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("enode host must not be empty");
    }
    checkPort(tcpPort, "TCP port");
    checkPort(udpPort, "discovery port");
  }

  public Enode(NodeId id, String host, int port) {
    this(id, host, port, port);
  }

  /**
   * Parses an enode URL.
   *
   * @throws IllegalArgumentException saying which part is wrong and what was expected
   */
  public static Enode parse(String url) {
    Objects.requireNonNull(url, "url");
    String text = url.strip();
    if (!text.startsWith(SCHEME)) {
      throw new IllegalArgumentException("not an enode URL (expected enode://<node id>@<host>:<port>): " + url);
    }
    String rest = text.substring(SCHEME.length());
    int at = rest.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("enode URL has no '@' between node id and host: " + url);
    }
    String idHex = rest.substring(0, at);
    if (idHex.length() != 128 || !idHex.chars().allMatch(Enode::isHexDigit)) {
      throw new IllegalArgumentException("enode node id must be 128 hex digits, found \"" + idHex + "\" in " + url);
    }
    NodeId id = NodeId.fromHex(idHex);
    String address = rest.substring(at + 1);
    String query = null;
    int q = address.indexOf('?');
    if (q >= 0) {
      query = address.substring(q + 1);
      address = address.substring(0, q);
    }
    String host;
    String portText;
    if (address.startsWith("[")) {
      int close = address.indexOf(']');
      if (close < 0 || close + 1 >= address.length() || address.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("enode IPv6 host must be written [address]:port in " + url);
      }
      host = address.substring(1, close);
      portText = address.substring(close + 2);
    } else {
      int colon = address.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("enode URL has no port after the host: " + url);
      }
      host = address.substring(0, colon);
      portText = address.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("enode URL has an empty host: " + url);
    }
    int tcp = parsePort(portText, "TCP port", url);
    int udp = tcp;
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("discport=")) {
          udp = parsePort(pair.substring("discport=".length()), "discport", url);
        } else {
          throw new IllegalArgumentException("unknown enode URL parameter \"" + pair + "\" (only discport is defined) in " + url);
        }
      }
    }
    return new Enode(id, host, tcp, udp);
  }

  /** An unresolved socket address of the TCP endpoint. */
  public InetSocketAddress tcpAddress() {
    return InetSocketAddress.createUnresolved(host, tcpPort);
  }

  @Override
  public String toString() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    String base = SCHEME + id.toHex() + "@" + h + ":" + tcpPort;
    return udpPort == tcpPort ? base : base + "?discport=" + udpPort;
  }

  private static int parsePort(String text, String what, String url) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("enode " + what + " must be a number in [0, 65535], found \"" + text + "\" in " + url);
    }
    int port = Integer.parseInt(text);
    if (port > 65535) {
      throw new IllegalArgumentException("enode " + what + " must be a number in [0, 65535], found " + port + " in " + url);
    }
    return port;
  }

  private static void checkPort(int port, String what) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("enode " + what + " must be in [0, 65535], got " + port);
    }
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
