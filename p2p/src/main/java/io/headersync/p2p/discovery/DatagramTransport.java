package io.headersync.p2p.discovery;

import java.net.InetSocketAddress;

/** Where the protocol's outgoing datagrams go: a UDP socket in production, a fake in tests. */
@FunctionalInterface
interface DatagramTransport {

  /** Sends one datagram; delivery is not guaranteed (it is UDP). */
  void send(InetSocketAddress to, byte[] datagram);
}
