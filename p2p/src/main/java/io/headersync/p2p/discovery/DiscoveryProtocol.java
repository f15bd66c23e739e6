package io.headersync.p2p.discovery;

import io.headersync.core.bytes.Hash;
import io.headersync.p2p.discovery.enr.Enr;
import io.headersync.p2p.discovery.table.AddResult;
import io.headersync.p2p.discovery.table.Bonds;
import io.headersync.p2p.discovery.table.KademliaTable;
import io.headersync.p2p.discovery.table.TableEntry;
import io.headersync.p2p.discovery.wire.DecodedPacket;
import io.headersync.p2p.discovery.wire.Endpoint;
import io.headersync.p2p.discovery.wire.Neighbor;
import io.headersync.p2p.discovery.wire.Packet;
import io.headersync.p2p.discovery.wire.Packet.EnrRequest;
import io.headersync.p2p.discovery.wire.Packet.EnrResponse;
import io.headersync.p2p.discovery.wire.Packet.FindNode;
import io.headersync.p2p.discovery.wire.Packet.Neighbors;
import io.headersync.p2p.discovery.wire.Packet.Ping;
import io.headersync.p2p.discovery.wire.Packet.Pong;
import io.headersync.p2p.discovery.wire.PacketCodec;
import io.headersync.p2p.discovery.wire.PacketException;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discv4 state machine, transport-free: datagrams and timer events in, datagrams out. Every
 * method runs on the one {@link TaskScheduler} loop given at construction, except the read-only
 * views ({@link #nodes()}, {@link #counter}) which may be called from any thread.
 *
 * <p>Endpoint proof follows geth: we answer FindNode and ENRRequest only from an (id, IP) whose
 * Pong to our Ping arrived within the bond lifetime. A query from an unproved endpoint makes us
 * ping it, and is answered once the Pong arrives (never before), so a spoofed source gets one
 * small ping and nothing else. Before querying a node ourselves we make sure it has pinged us
 * recently (so it holds the proof of us); if not, we ping it and give it a moment to ping back.
 */
final class DiscoveryProtocol {

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryProtocol.class);
  /** FindNode answers hold at most this many nodes (the bucket size of every discv4 table). */
  static final int MAX_NEIGHBORS = 16;

  private final NodeKey key;
  private final DiscoveryConfig config;
  private final TaskScheduler loop;
  private final DatagramTransport transport;
  private final KademliaTable table;
  private final Bonds bonds;
  private final SourceRateLimiter limiter;
  private final Enr localRecord;
  private final Endpoint localEndpoint;
  private final List<DiscoveryListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLongArray counters = new AtomicLongArray(DiscoveryCounter.values().length);

  private final Map<Hash, PendingPing> pendingPings = new HashMap<>();
  private final Map<NodeId, PendingFind> pendingFinds = new HashMap<>();
  private final Map<Hash, PendingEnr> pendingEnrs = new HashMap<>();
  private final Map<NodeId, List<Runnable>> awaitingTheirPing = new HashMap<>();
  private final Set<NodeId> revalidating = new HashSet<>();
  private final Map<NodeId, Enr> records = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<NodeId, Enr> eldest) {
      return size() > 4 * KademliaTable.BUCKETS;
    }
  };
  private long publishedVersion = -1;
  private volatile List<DiscoveryNode> snapshot = List.of();

  private record PendingPing(NodeId id, InetSocketAddress to, int tcpPort, Cancellable timeout, List<Consumer<Boolean>> callbacks) {}

  private static final class PendingFind {
    final InetSocketAddress from;
    final List<Neighbor> received = new ArrayList<>();
    final Consumer<List<Neighbor>> done;
    boolean answered;
    Cancellable timeout = Cancellable.NONE;

    PendingFind(InetSocketAddress from, Consumer<List<Neighbor>> done) {
      this.from = from;
      this.done = done;
    }
  }

  private record PendingEnr(NodeId id, CompletableFuture<Enr> result, Cancellable timeout) {}

  DiscoveryProtocol(NodeKey key, DiscoveryConfig config, TaskScheduler loop, DatagramTransport transport, int boundUdpPort) {
    this.key = key;
    this.config = config;
    this.loop = loop;
    this.transport = transport;
    this.table = new KademliaTable(key.nodeId(), config.table());
    this.bonds = new Bonds(config.bondLifetime(), config.bondCapacity());
    this.limiter = new SourceRateLimiter(config.answersPerSecond(), config.rateLimitedSources());
    InetAddress announced = config.announcedAddress();
    this.localEndpoint = new Endpoint(announced != null ? announced : config.bindAddress(), boundUdpPort, config.tcpPort());
    Enr.Builder record = Enr.builder().seq(config.enrSeq());
    if (announced != null) {
      record.ip(announced).udp(boundUdpPort);
      if (config.tcpPort() != 0) {
        record.tcp(config.tcpPort());
      }
    }
    if (config.forkId() != null) {
      record.eth(config.forkId());
    }
    this.localRecord = record.sign(key);
  }

  // ---- views ----

  Enr localRecord() {
    return localRecord;
  }

  NodeId self() {
    return key.nodeId();
  }

  KademliaTable table() {
    return table;
  }

  List<DiscoveryNode> nodes() {
    return snapshot;
  }

  Optional<Enr> record(NodeId id) {
    return Optional.ofNullable(records.get(id));
  }

  long counter(DiscoveryCounter c) {
    return counters.get(c.ordinal());
  }

  void addListener(DiscoveryListener listener) {
    listeners.add(listener);
  }

  private void count(DiscoveryCounter c) {
    counters.incrementAndGet(c.ordinal());
  }

  private long now() {
    return loop.timeSource().nanoTime();
  }

  private long expiration() {
    return config.clock().instant().plus(config.packetLifetime()).getEpochSecond();
  }

  private void publish() {
    long v = table.version();
    if (v != publishedVersion) {
      publishedVersion = v;
      snapshot = table.entries().stream().map(e -> DiscoveryNode.of(e.id(), e.endpoint())).toList();
    }
  }

  private void send(InetSocketAddress to, Packet packet) {
    sendEncoded(to, PacketCodec.encode(packet, key));
  }

  private void sendEncoded(InetSocketAddress to, byte[] datagram) {
    count(DiscoveryCounter.SENT);
    transport.send(to, datagram);
  }

  // ---- incoming ----

  /** Handles one datagram from {@code from}. Never throws for anything the datagram contains. */
  void onDatagram(byte[] datagram, InetSocketAddress from) {
    count(DiscoveryCounter.RECEIVED);
    DecodedPacket decoded;
    try {
      decoded = PacketCodec.decode(datagram);
    } catch (PacketException e) {
      count(DiscoveryCounter.MALFORMED);
      LOG.debug("dropped datagram from {}: {}", from, e.getMessage());
      return;
    }
    if (decoded.sender().equals(key.nodeId())) {
      count(DiscoveryCounter.UNSOLICITED);
      return;
    }
    if (decoded.packet().isExpired(config.clock().instant().getEpochSecond())) {
      count(DiscoveryCounter.EXPIRED);
      LOG.debug("dropped expired {} from {}", decoded.packet().type(), from);
      return;
    }
    switch (decoded.packet()) {
      case Ping p -> onPing(decoded, p, from);
      case Pong p -> onPong(decoded, p, from);
      case FindNode f -> onQuery(decoded, from, () -> answerFindNode(f, from));
      case Neighbors n -> onNeighbors(decoded, n, from);
      case EnrRequest r -> onQuery(decoded, from, () -> send(from, new EnrResponse(decoded.hash(), localRecord)));
      case EnrResponse r -> onEnrResponse(decoded, r);
    }
    publish();
  }

  private void onPing(DecodedPacket d, Ping ping, InetSocketAddress from) {
    NodeId id = d.sender();
    if (!limiter.tryAcquire(from.getAddress(), now())) {
      count(DiscoveryCounter.RATE_LIMITED);
      return;
    }
    send(from, new Pong(Endpoint.of(from, ping.from().tcpPort()), d.hash(), expiration(), OptionalLong.of(localRecord.seq())));
    bonds.pingReceived(id, from.getAddress(), now());
    List<Runnable> waiting = awaitingTheirPing.remove(id);
    if (waiting != null) {
      waiting.forEach(Runnable::run);
    }
    if (bonds.isBonded(id, from.getAddress(), now())) {
      table.seen(id, Endpoint.of(from, ping.from().tcpPort()), now());
      refreshRecordIfNewer(id, from, ping.enrSeq());
    } else {
      // Our own endpoint proof of them: their Pong puts them in the table.
      ping(id, from, ping.from().tcpPort(), alive -> {});
    }
  }

  private void onPong(DecodedPacket d, Pong pong, InetSocketAddress from) {
    PendingPing pending = pendingPings.get(pong.pingHash());
    if (pending == null || !pending.id().equals(d.sender()) || !pending.to().equals(from)) {
      count(DiscoveryCounter.UNSOLICITED);
      return;
    }
    pendingPings.remove(pong.pingHash());
    pending.timeout().cancel();
    bonds.pongReceived(d.sender(), from.getAddress(), now());
    addLive(d.sender(), Endpoint.of(from, pending.tcpPort()));
    pending.callbacks().forEach(c -> c.accept(true));
    refreshRecordIfNewer(d.sender(), from, pong.enrSeq());
  }

  /** FindNode and ENRRequest: answered only from a proved endpoint, and within the source's rate. */
  private void onQuery(DecodedPacket d, InetSocketAddress from, Runnable answer) {
    NodeId id = d.sender();
    if (bonds.isBonded(id, from.getAddress(), now())) {
      answerLimited(from, answer);
      return;
    }
    count(DiscoveryCounter.UNBONDED_QUERY);
    // Ping (one small packet, rate-limited like any answer) and answer once the Pong proves the endpoint.
    if (!limiter.tryAcquire(from.getAddress(), now())) {
      count(DiscoveryCounter.RATE_LIMITED);
      return;
    }
    ping(id, from, 0, alive -> {
      if (alive) {
        answerLimited(from, answer);
      }
    });
  }

  private void answerLimited(InetSocketAddress from, Runnable answer) {
    if (limiter.tryAcquire(from.getAddress(), now())) {
      answer.run();
    } else {
      count(DiscoveryCounter.RATE_LIMITED);
    }
  }

  private void answerFindNode(FindNode find, InetSocketAddress to) {
    List<Neighbor> closest = new ArrayList<>();
    for (TableEntry e : table.closest(find.target().kademliaId(), MAX_NEIGHBORS)) {
      closest.add(new Neighbor(e.endpoint(), e.id()));
    }
    for (Neighbors part : PacketCodec.splitNeighbors(closest, expiration())) {
      send(to, part);
    }
  }

  private void onNeighbors(DecodedPacket d, Neighbors n, InetSocketAddress from) {
    PendingFind pending = pendingFinds.get(d.sender());
    if (pending == null || !pending.from.equals(from)) {
      count(DiscoveryCounter.UNSOLICITED);
      return;
    }
    pending.answered = true;
    for (Neighbor node : n.nodes()) {
      if (pending.received.size() < MAX_NEIGHBORS && relayable(node.endpoint(), from)) {
        pending.received.add(node);
      }
    }
    if (pending.received.size() >= MAX_NEIGHBORS) {
      finishFind(d.sender(), pending);
    }
  }

  /**
   * Whether a node another node told us about is worth keeping: a real unicast address, and a
   * loopback or private one only when the teller itself is on such an address (a public node
   * naming 127.0.0.1 would point us at ourselves).
   */
  private static boolean relayable(Endpoint e, InetSocketAddress teller) {
    InetAddress ip = e.ip();
    if (e.udpPort() == 0 || ip.isAnyLocalAddress() || ip.isMulticastAddress()) {
      return false;
    }
    InetAddress source = teller.getAddress();
    if (ip.isLoopbackAddress() && !source.isLoopbackAddress()) {
      return false;
    }
    return !(ip.isSiteLocalAddress() || ip.isLinkLocalAddress())
        || source.isSiteLocalAddress() || source.isLinkLocalAddress() || source.isLoopbackAddress();
  }

  private void onEnrResponse(DecodedPacket d, EnrResponse r) {
    PendingEnr pending = pendingEnrs.get(r.requestHash());
    if (pending == null || !pending.id().equals(d.sender())) {
      count(DiscoveryCounter.UNSOLICITED);
      return;
    }
    pendingEnrs.remove(r.requestHash());
    pending.timeout().cancel();
    if (!r.record().nodeId().equals(d.sender())) {
      count(DiscoveryCounter.RECORD_MISMATCH);
      pending.result().completeExceptionally(new IllegalStateException(
          "ENRResponse from " + d.sender() + " carries the record of " + r.record().nodeId()));
      return;
    }
    Enr known = records.get(d.sender());
    if (known == null || Long.compareUnsigned(r.record().seq(), known.seq()) > 0) {
      records.put(d.sender(), r.record());
      listeners.forEach(l -> l.recordUpdated(r.record()));
    }
    pending.result().complete(r.record());
  }

  private void refreshRecordIfNewer(NodeId id, InetSocketAddress from, OptionalLong seq) {
    if (seq.isEmpty()) {
      return;
    }
    Enr known = records.get(id);
    if (known == null || Long.compareUnsigned(seq.getAsLong(), known.seq()) > 0) {
      afterTheirPing(id, from.getAddress(), () -> requestEnr(id, from));
    }
  }

  // ---- outgoing ----

  /** Pings {@code id} at {@code to}; {@code onResult} hears true on a matching Pong, false on time-out. */
  void ping(NodeId id, InetSocketAddress to, int tcpPort, Consumer<Boolean> onResult) {
    for (PendingPing p : pendingPings.values()) {
      if (p.id().equals(id) && p.to().equals(to)) {
        p.callbacks().add(onResult);
        return;
      }
    }
    byte[] datagram = PacketCodec.encode(new Ping(Ping.VERSION, localEndpoint, new Endpoint(to.getAddress(), to.getPort(), tcpPort),
        expiration(), OptionalLong.of(localRecord.seq())), key);
    Hash hash = PacketCodec.hashOf(datagram);
    List<Consumer<Boolean>> callbacks = new ArrayList<>();
    callbacks.add(onResult);
    Cancellable timeout = loop.schedule(config.requestTimeout(), () -> {
      PendingPing expired = pendingPings.remove(hash);
      if (expired != null) {
        count(DiscoveryCounter.TIMEOUT);
        expired.callbacks().forEach(c -> c.accept(false));
        publish();
      }
    });
    pendingPings.put(hash, new PendingPing(id, to, tcpPort, timeout, callbacks));
    sendEncoded(to, datagram);
  }

  /**
   * Makes sure {@code node} will answer our queries (it pinged us within the bond lifetime), then
   * runs {@code then}; if it does not answer our ping, runs {@code failed}.
   */
  void ensureBond(DiscoveryNode node, Runnable then, Runnable failed) {
    InetSocketAddress to = node.udpAddress();
    if (bonds.hasPingedUs(node.id(), to.getAddress(), now())) {
      then.run();
      return;
    }
    ping(node.id(), to, node.tcpPort(), alive -> {
      if (alive) {
        afterTheirPing(node.id(), to.getAddress(), then);
      } else {
        failed.run();
      }
    });
  }

  /**
   * Runs {@code then} once {@code id} has pinged us from {@code ip} (at once if it has within the
   * bond lifetime), or after the request time-out if its ping does not come: a node that just
   * answered our ping usually pings back to prove our endpoint, and would ignore our queries until
   * our pong reached it.
   */
  private void afterTheirPing(NodeId id, InetAddress ip, Runnable then) {
    if (bonds.hasPingedUs(id, ip, now())) {
      then.run();
      return;
    }
    Runnable[] once = new Runnable[1];
    Cancellable wait = loop.schedule(config.requestTimeout(), () -> {
      List<Runnable> list = awaitingTheirPing.get(id);
      if (list != null && list.remove(once[0])) {
        if (list.isEmpty()) {
          awaitingTheirPing.remove(id);
        }
        then.run();
      }
    });
    once[0] = () -> {
      wait.cancel();
      then.run();
    };
    awaitingTheirPing.computeIfAbsent(id, k -> new ArrayList<>()).add(once[0]);
  }

  /**
   * Asks {@code node} for its neighbours of {@code target}; {@code done} hears what arrived (up to
   * 16 nodes) once 16 came or the request time-out passed, or null when the node never answered.
   */
  void findNode(DiscoveryNode node, NodeId target, Consumer<List<Neighbor>> done) {
    ensureBond(node, () -> {
      if (pendingFinds.containsKey(node.id())) {
        done.accept(null);
        return;
      }
      PendingFind pending = new PendingFind(node.udpAddress(), done);
      pendingFinds.put(node.id(), pending);
      pending.timeout = loop.schedule(config.requestTimeout(), () -> {
        if (pendingFinds.get(node.id()) == pending) {
          if (!pending.answered) {
            count(DiscoveryCounter.TIMEOUT);
          }
          finishFind(node.id(), pending);
        }
      });
      send(node.udpAddress(), new FindNode(target, expiration()));
    }, () -> done.accept(null));
  }

  private void finishFind(NodeId id, PendingFind pending) {
    pendingFinds.remove(id);
    pending.timeout.cancel();
    pending.done.accept(pending.answered ? List.copyOf(pending.received) : null);
    publish();
  }

  /**
   * Asks the node at {@code to} for its record; fails on time-out or a record of another node. A
   * request already waiting for that node is shared (two requests sent in the same second would be
   * the same bytes, with the same hash).
   */
  CompletableFuture<Enr> requestEnr(NodeId id, InetSocketAddress to) {
    for (PendingEnr p : pendingEnrs.values()) {
      if (p.id().equals(id)) {
        return p.result();
      }
    }
    CompletableFuture<Enr> result = new CompletableFuture<>();
    byte[] datagram = PacketCodec.encode(new EnrRequest(expiration()), key);
    Hash hash = PacketCodec.hashOf(datagram);
    Cancellable timeout = loop.schedule(config.requestTimeout(), () -> {
      PendingEnr expired = pendingEnrs.remove(hash);
      if (expired != null) {
        count(DiscoveryCounter.TIMEOUT);
        expired.result().completeExceptionally(new java.util.concurrent.TimeoutException(
            "no ENRResponse from " + id + " at " + to + " within " + config.requestTimeout().toMillis() + " ms"));
      }
    });
    pendingEnrs.put(hash, new PendingEnr(id, result, timeout));
    sendEncoded(to, datagram);
    return result;
  }

  // ---- table upkeep ----

  /** A node proved alive (it ponged): into the table, or past a dead entry of a full bucket. */
  private void addLive(NodeId id, Endpoint endpoint) {
    handleAdd(table.seen(id, endpoint, now()));
  }

  /** A node heard of from a Neighbors answer: into the table if there is room, else a replacement. */
  void addCandidate(NodeId id, Endpoint endpoint) {
    handleAdd(table.add(id, endpoint, now()));
  }

  private void handleAdd(AddResult r) {
    switch (r) {
      case AddResult.Added a -> {
        DiscoveryNode node = DiscoveryNode.of(a.entry().id(), a.entry().endpoint());
        listeners.forEach(l -> l.nodeAdded(node));
      }
      case AddResult.BucketFull full -> revalidate(full.leastRecentlySeen());
      case AddResult.AlreadyPresent p -> {}
      case AddResult.Self s -> {}
    }
  }

  /** Pings {@code entry}; a Pong moves it to its bucket's tail, silence removes it for a replacement. */
  void revalidate(TableEntry entry) {
    if (!revalidating.add(entry.id())) {
      return;
    }
    ping(entry.id(), entry.endpoint().udpAddress(), entry.endpoint().tcpPort(), alive -> {
      revalidating.remove(entry.id());
      if (!alive && table.contains(entry.id())) {
        Optional<TableEntry> replacement = table.removeDead(entry.id());
        listeners.forEach(l -> l.nodeRemoved(entry.id()));
        replacement.ifPresent(e -> {
          DiscoveryNode node = DiscoveryNode.of(e.id(), e.endpoint());
          listeners.forEach(l -> l.nodeAdded(node));
        });
        publish();
      }
    });
  }

  /** One liveness check of a random bucket's least-recently seen entry. */
  void revalidateOne() {
    table.revalidationCandidate(config.random()).ifPresent(this::revalidate);
  }

  /** Puts {@code node} straight into the table (bootnodes: trusted to exist, checked like any entry). */
  void seed(DiscoveryNode node) {
    addCandidate(node.id(), node.endpoint());
    publish();
  }

  /** A random 64-byte lookup target (it need not be a point on the curve: only its hash matters). */
  NodeId randomTarget() {
    byte[] bytes = new byte[64];
    config.random().nextBytes(bytes);
    return NodeId.of(bytes);
  }

  /** Starts a lookup towards {@code target}; the future gets the 16 closest live nodes found. */
  CompletableFuture<List<DiscoveryNode>> lookup(NodeId target) {
    Lookup lookup = new Lookup(this, target, config.alpha());
    lookup.start();
    return lookup.result();
  }

  Map<DiscoveryCounter, Long> counters() {
    Map<DiscoveryCounter, Long> out = new EnumMap<>(DiscoveryCounter.class);
    for (DiscoveryCounter c : DiscoveryCounter.values()) {
      out.put(c, counter(c));
    }
    return out;
  }
}
