package io.headersync.p2p.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Datagrams between protocol instances on one {@link ManualLoop}: each delivery is a task of its
 * own (no re-entrant calls), addresses that nobody holds swallow what is sent to them, and a test
 * can cut a node off.
 */
final class InMemoryNetwork {

  private final ManualLoop loop;
  private final Map<InetSocketAddress, BiConsumer<byte[], InetSocketAddress>> receivers = new HashMap<>();
  private final Set<InetSocketAddress> cut = new HashSet<>();
  private int nextHost = 1;

  InMemoryNetwork(ManualLoop loop) {
    this.loop = loop;
  }

  /** A fresh address in 10.0.0.0/8 (site-local, as every node here is). */
  InetSocketAddress newAddress() {
    try {
      int h = nextHost++;
      return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, (byte) (h >> 8), (byte) h}), 30303);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  void attach(InetSocketAddress address, BiConsumer<byte[], InetSocketAddress> receiver) {
    receivers.put(address, receiver);
  }

  /** From now on nothing reaches or leaves {@code address}. */
  void cutOff(InetSocketAddress address) {
    cut.add(address);
  }

  DatagramTransport transportFor(InetSocketAddress from) {
    return (to, datagram) -> {
      byte[] copy = datagram.clone();
      loop.execute(() -> {
        BiConsumer<byte[], InetSocketAddress> r = receivers.get(to);
        if (r != null && !cut.contains(to) && !cut.contains(from)) {
          r.accept(copy, from);
        }
      });
    };
  }
}
