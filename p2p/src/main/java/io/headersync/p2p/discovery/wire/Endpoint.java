package io.headersync.p2p.discovery.wire;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A node's address as discv4 packets carry it: {@code [ip, udp-port, tcp-port]}. The IP is 4 or
 * 16 bytes on the wire; ports are 0 to 65535 (a tcp port of 0 means "not listening", as in the
 * {@code to} field of a ping).
 */
public record Endpoint(InetAddress ip, int udpPort, int tcpPort) {

  public Endpoint {
    Objects.requireNonNull(ip, "ip");
    checkPort(udpPort, "udp");
    checkPort(tcpPort, "tcp");
  }

  /** The endpoint of a UDP source address, with the given tcp port. */
  public static Endpoint of(InetSocketAddress udp, int tcpPort) {
    return new Endpoint(udp.getAddress(), udp.getPort(), tcpPort);
  }

  /** Where to send UDP packets for this endpoint. */
  public InetSocketAddress udpAddress() {
    return new InetSocketAddress(ip, udpPort);
  }

  static void checkPort(int port, String which) {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException(which + " port must be 0 to 65535, got " + port);
    }
  }

  @Override
  public String toString() {
    return ip.getHostAddress() + ":" + udpPort + (tcpPort != 0 ? " (tcp " + tcpPort + ")" : "");
  }
}
