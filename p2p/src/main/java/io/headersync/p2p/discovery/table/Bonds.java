package io.headersync.p2p.discovery.table;

import io.headersync.p2p.identity.NodeId;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The endpoint proofs: when each (node id, IP address) last sent us a matching pong, and last
 * pinged us. A node is <em>bonded</em> while its last pong is younger than the bond lifetime (12
 * hours in discv4); only bonded nodes get FindNode and ENRRequest answers, so that a forged source
 * address cannot turn us into a traffic amplifier.
 *
 * <p>Keyed by IP as well as id: a pong proves the node answers at that address only. The book is
 * bounded; the least recently touched pairs are forgotten first. Times are monotonic nanoseconds.
 */
public final class Bonds {

  private record Key(NodeId id, InetAddress ip) {}

  private static final class Times {
    long lastPong = Long.MIN_VALUE;
    long lastPing = Long.MIN_VALUE;
  }

  private final long lifetimeNanos;
  private final Map<Key, Times> book;

  public Bonds(Duration lifetime, int capacity) {
    this.lifetimeNanos = lifetime.toNanos();
    this.book = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Times> eldest) {
        return size() > capacity;
      }
    };
  }

  /** A pong that matched one of our pings arrived from {@code id} at {@code ip}. */
  public void pongReceived(NodeId id, InetAddress ip, long now) {
    book.computeIfAbsent(new Key(id, ip), k -> new Times()).lastPong = now;
  }

  /** {@code id} pinged us from {@code ip} (and was answered), so it holds a proof of us. */
  public void pingReceived(NodeId id, InetAddress ip, long now) {
    book.computeIfAbsent(new Key(id, ip), k -> new Times()).lastPing = now;
  }

  /** True while {@code id}'s last pong from {@code ip} is younger than the lifetime. */
  public boolean isBonded(NodeId id, InetAddress ip, long now) {
    Times t = book.get(new Key(id, ip));
    return t != null && t.lastPong != Long.MIN_VALUE && now - t.lastPong < lifetimeNanos;
  }

  /** True while {@code id} pinged us from {@code ip} within the lifetime: it will answer our queries. */
  public boolean hasPingedUs(NodeId id, InetAddress ip, long now) {
    Times t = book.get(new Key(id, ip));
    return t != null && t.lastPing != Long.MIN_VALUE && now - t.lastPing < lifetimeNanos;
  }

  public int size() {
    return book.size();
  }
}
