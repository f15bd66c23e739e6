package io.headersync.p2p.peers;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.p2p.eth.RoundTripProbe;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.rlpx.Enode;
import io.headersync.p2p.rlpx.RlpxSession;
import io.headersync.p2p.rlpx.SessionListener;
import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponseListener;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which RLPx sessions a node keeps and which nodes it dials.
 *
 * <p>Admission ({@link #admit}, called by the transport once a session's Hello is in): a blocked
 * node is refused; in allowed-only mode a node on none of the lists is refused; a second session
 * with a node already connected is refused with {@code ALREADY_CONNECTED}; trusted nodes are then
 * admitted whatever the limits; others only while the set holds fewer than
 * {@link PeerSetConfig#maxPeers()} and, for inbound sessions, fewer than
 * {@link PeerSetConfig#maxInbound()} inbound ones ({@code TOO_MANY_PEERS}).
 *
 * <p>Dialing: trusted and static nodes are dialed whenever they are not connected, discovered
 * candidates only while slots are free; a failed dial (or a session the remote ends before
 * {@link PeerSetConfig#maxRedialBackoff()} has passed) waits {@link PeerSetConfig#redialBackoff()},
 * doubled with each failure in a row up to {@link PeerSetConfig#maxRedialBackoff()}; a candidate
 * that fails {@link PeerSetConfig#candidateAttempts()} times is forgotten. The dial loop runs on
 * its own {@link TaskScheduler}, woken by a timer, a freed slot or a new candidate.
 *
 * <p>Sync's view: {@link #events()} is the {@link PeerSetListener} the eth protocol reports to; it
 * passes every event on, on the sync loop, to the listeners added with {@link #addListener}
 * (the request scheduler, the tip tracker). A trusted peer reaches them wrapped so that their
 * requests to drop it are ignored: the operator chose it, and only the operator removes it.
 *
 * <p>Thread-safe: admission runs on I/O threads, dialing on the dial loop, events on the sync loop;
 * the set's state is guarded by its monitor, which is never held while calling out.
 */
public final class PeerSet implements SessionListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PeerSet.class);

  /** Opens a session to a node; {@code RlpxTransport::dial} in production. */
  @FunctionalInterface
  public interface Dialer {
    /** Completes with the admitted session, or fails saying why it never became one. */
    CompletableFuture<RlpxSession> dial(Enode enode);
  }

  /** Why a node is on the dial list. */
  public enum Origin {
    TRUSTED,
    STATIC,
    DISCOVERED
  }

  private static final class DialTarget {
    final Enode enode;
    Origin origin;
    int failures;
    long nextDialNanos;

    DialTarget(Enode enode, Origin origin) {
      this.enode = enode;
      this.origin = origin;
    }
  }

  private final PeerSetConfig config;
  private final PeerLists lists;
  private final NodeId self;
  private final TaskScheduler dialLoop;
  private final Set<PeerId> trustedPeerIds = new HashSet<>();
  private final Map<NodeId, RlpxSession> sessions = new HashMap<>();
  private final Map<NodeId, Duration> roundTrips = new ConcurrentHashMap<>();
  private final Map<NodeId, Long> admittedAt = new HashMap<>();
  private final Map<NodeId, DialTarget> configured = new LinkedHashMap<>();
  private final LinkedHashMap<NodeId, DialTarget> discovered = new LinkedHashMap<>();
  private final Set<NodeId> dialing = new HashSet<>();
  private final AtomicLongArray counters = new AtomicLongArray(PeerSetCounter.values().length);
  private final List<PeerSetListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger ethPeers = new AtomicInteger();
  private final PeerSetListener events = new Events();
  private Dialer dialer;
  private Cancellable tick = Cancellable.NONE;
  private boolean dialQueued;
  private boolean closed;

  /**
   * @param self this node's id, never dialed nor admitted
   * @param dialLoop where the dial loop runs (a thread of its own in production)
   */
  public PeerSet(PeerSetConfig config, PeerLists lists, NodeId self, TaskScheduler dialLoop) {
    this.config = Objects.requireNonNull(config, "config");
    this.lists = Objects.requireNonNull(lists, "lists");
    this.self = Objects.requireNonNull(self, "self");
    this.dialLoop = Objects.requireNonNull(dialLoop, "dialLoop");
    for (NodeId id : lists.trusted()) {
      if (lists.isTrusted(id)) {
        trustedPeerIds.add(id.toPeerId());
      }
    }
  }

  public PeerSetConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- dial list

  /** Keeps {@code enode} connected: dialed now and after every disconnect, with back-off after failures. */
  public void addStatic(Enode enode) {
    addConfigured(enode, lists.isTrusted(enode.id()) ? Origin.TRUSTED : Origin.STATIC);
  }

  /** Adds {@code enode} to the trusted dial list; it is trusted only if {@link PeerLists#trusted()} names it. */
  public void addTrusted(Enode enode) {
    if (!lists.isTrusted(enode.id())) {
      throw new IllegalArgumentException("node " + enode.id() + " is not on the trusted list (or is blocked)");
    }
    addConfigured(enode, Origin.TRUSTED);
  }

  private void addConfigured(Enode enode, Origin origin) {
    Objects.requireNonNull(enode, "enode");
    if (enode.id().equals(self)) {
      LOG.warn("not dialing {}: it is this node", enode);
      return;
    }
    synchronized (this) {
      discovered.remove(enode.id());
      DialTarget t = configured.get(enode.id());
      if (t == null) {
        configured.put(enode.id(), new DialTarget(enode, origin));
      } else if (origin == Origin.TRUSTED) {
        t.origin = origin;
      }
    }
    wake();
  }

  /**
   * A node discovery found: dialed when a slot is free. Nodes without a TCP port, blocked, not
   * allowed, already listed or this node are ignored.
   *
   * @return whether it was added as a candidate
   */
  public boolean addCandidate(Enode enode) {
    Objects.requireNonNull(enode, "enode");
    NodeId id = enode.id();
    if (enode.tcpPort() == 0 || id.equals(self) || lists.isBlocked(id) || !lists.isAllowed(id)) {
      return false;
    }
    synchronized (this) {
      if (configured.containsKey(id) || discovered.containsKey(id)) {
        return false;
      }
      if (discovered.size() >= config.maxCandidates()) {
        Iterator<NodeId> oldest = discovered.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      discovered.put(id, new DialTarget(enode, Origin.DISCOVERED));
    }
    wake();
    return true;
  }

  /** Starts dialing through {@code value}. */
  public void start(Dialer value) {
    synchronized (this) {
      if (dialer != null) {
        throw new IllegalStateException("the peer set is already started");
      }
      dialer = Objects.requireNonNull(value, "dialer");
    }
    wake();
  }

  private void wake() {
    synchronized (this) {
      if (dialer == null || closed || dialQueued) {
        return;
      }
      dialQueued = true;
    }
    dialLoop.execute(this::dialDue);
  }

  private void dialDue() {
    List<Enode> toDial = new ArrayList<>();
    Dialer d;
    synchronized (this) {
      dialQueued = false;
      if (closed) {
        return;
      }
      d = dialer;
      long now = dialLoop.timeSource().nanoTime();
      int free = config.maxPeers() - countUntrusted() - countDialingUntrusted();
      List<DialTarget> order = new ArrayList<>(configured.values());
      order.sort((a, b) -> Integer.compare(a.origin.ordinal(), b.origin.ordinal()));
      order.addAll(discovered.values());
      for (DialTarget t : order) {
        if (dialing.size() >= config.dialConcurrency()) {
          break;
        }
        NodeId id = t.enode.id();
        if (sessions.containsKey(id) || dialing.contains(id) || t.nextDialNanos - now > 0 || lists.isBlocked(id)) {
          continue;
        }
        boolean trusted = t.origin == Origin.TRUSTED;
        if (!trusted) {
          if (free <= 0) {
            continue;
          }
          free--;
        }
        dialing.add(id);
        toDial.add(t.enode);
      }
      tick.cancel();
      tick = dialLoop.schedule(config.dialInterval(), this::wake);
    }
    for (Enode enode : toDial) {
      count(PeerSetCounter.DIALS);
      LOG.debug("dialing {}", enode);
      CompletableFuture<RlpxSession> f;
      try {
        f = d.dial(enode);
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((session, error) -> dialEnded(enode, error));
    }
  }

  private void dialEnded(Enode enode, Throwable error) {
    synchronized (this) {
      NodeId id = enode.id();
      dialing.remove(id);
      DialTarget t = configured.containsKey(id) ? configured.get(id) : discovered.get(id);
      if (error == null) {
        // Admitted on our side; whether the remote keeps the session shows when it ends (onClosed).
      } else {
        count(PeerSetCounter.DIAL_FAILURES);
        LOG.debug("dial of {} failed: {}", enode, error.toString());
        if (t != null) {
          t.failures++;
          t.nextDialNanos = dialLoop.timeSource().nanoTime() + backoff(t.failures).toNanos();
          if (t.origin == Origin.DISCOVERED && t.failures >= config.candidateAttempts()) {
            discovered.remove(id);
          }
        }
      }
    }
    wake();
  }

  /** The wait after {@code failures} failed dials in a row: the first back-off, doubled per further failure. */
  Duration backoff(int failures) {
    Duration d = config.redialBackoff();
    for (int i = 1; i < failures && d.compareTo(config.maxRedialBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(config.maxRedialBackoff()) > 0 ? config.maxRedialBackoff() : d;
  }

  // ---------------------------------------------------------------- admission

  @Override
  public Optional<DisconnectReason> admit(RlpxSession session) {
    NodeId id = session.remoteId();
    Optional<DisconnectReason> verdict;
    synchronized (this) {
      verdict = judge(session);
      if (verdict.isEmpty()) {
        sessions.put(id, session);
        admittedAt.put(id, dialLoop.timeSource().nanoTime());
        count(session.inbound() ? PeerSetCounter.INBOUND_ADMITTED : PeerSetCounter.OUTBOUND_ADMITTED);
        session.roundTrip().ifPresent(rtt -> roundTrips.put(id, rtt));
      }
    }
    if (verdict.isPresent()) {
      LOG.debug("refusing {} session with {} ({}): {}", session.inbound() ? "inbound" : "outbound", id,
          session.remoteAddress(), verdict.get());
    } else {
      LOG.debug("admitted {} session with {} ({} at {})", session.inbound() ? "inbound" : "outbound", id,
          session.remoteClientId(), session.remoteAddress());
    }
    return verdict;
  }

  private Optional<DisconnectReason> judge(RlpxSession session) {
    NodeId id = session.remoteId();
    if (closed) {
      return Optional.of(DisconnectReason.CLIENT_QUITTING);
    }
    if (lists.isBlocked(id)) {
      count(PeerSetCounter.REFUSED_BLOCKED);
      return Optional.of(DisconnectReason.REQUESTED);
    }
    boolean trusted = lists.isTrusted(id);
    if (!trusted && !configured.containsKey(id) && !lists.isAllowed(id)) {
      count(PeerSetCounter.REFUSED_NOT_ALLOWED);
      return Optional.of(DisconnectReason.REQUESTED);
    }
    if (sessions.containsKey(id)) {
      count(PeerSetCounter.REFUSED_ALREADY_CONNECTED);
      return Optional.of(DisconnectReason.ALREADY_CONNECTED);
    }
    if (trusted) {
      return Optional.empty();
    }
    boolean full = countUntrusted() >= config.maxPeers()
        || (session.inbound() && countInboundUntrusted() >= config.maxInbound());
    if (full) {
      count(PeerSetCounter.REFUSED_TOO_MANY_PEERS);
      return Optional.of(DisconnectReason.TOO_MANY_PEERS);
    }
    return Optional.empty();
  }

  @Override
  public void onRoundTrip(RlpxSession session, Duration roundTrip) {
    roundTrips.put(session.remoteId(), roundTrip);
  }

  @Override
  public void onClosed(RlpxSession session, DisconnectReason reason, boolean byRemote) {
    NodeId id = session.remoteId();
    synchronized (this) {
      if (sessions.get(id) != session) {
        return;
      }
      sessions.remove(id);
      roundTrips.remove(id);
      long now = dialLoop.timeSource().nanoTime();
      Long since = admittedAt.remove(id);
      count(PeerSetCounter.SESSIONS_CLOSED);
      DialTarget t = configured.containsKey(id) ? configured.get(id) : discovered.get(id);
      if (t != null) {
        // A session that ends soon after it began (the remote was full, or refused us after its
        // Hello) counts as a failed dial, so such a node is not dialed again every few seconds; one
        // that lasted longer than the longest back-off was a good session, and the count starts over.
        boolean lasted = since != null && now - since >= config.maxRedialBackoff().toNanos();
        t.failures = lasted ? 1 : t.failures + 1;
        t.nextDialNanos = now + backoff(t.failures).toNanos();
        if (t.origin == Origin.DISCOVERED && t.failures >= config.candidateAttempts()) {
          discovered.remove(id);
        }
      }
    }
    LOG.debug("session with {} ended: {} ({})", id, reason, byRemote ? "by the remote" : "by us");
    wake();
  }

  private int countUntrusted() {
    int n = 0;
    for (NodeId id : sessions.keySet()) {
      n += lists.isTrusted(id) ? 0 : 1;
    }
    return n;
  }

  private int countInboundUntrusted() {
    int n = 0;
    for (Map.Entry<NodeId, RlpxSession> e : sessions.entrySet()) {
      n += e.getValue().inbound() && !lists.isTrusted(e.getKey()) ? 1 : 0;
    }
    return n;
  }

  private int countDialingUntrusted() {
    int n = 0;
    for (NodeId id : dialing) {
      n += lists.isTrusted(id) ? 0 : 1;
    }
    return n;
  }

  // ---------------------------------------------------------------- sync's view

  /** The listener to give the eth protocol: passes peer events on to {@link #addListener}'s listeners. */
  public PeerSetListener events() {
    return events;
  }

  /** Adds a listener of peer events (called on the sync loop, in the order added). */
  public void addListener(PeerSetListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The round trips RLPx measured (Ping to Pong), for eth peers' {@link PeerHandle#measuredRoundTrip()}. */
  public RoundTripProbe roundTripProbe() {
    return channel -> Optional.ofNullable(roundTrips.get(channel.remoteId()));
  }

  /** The admitted sessions now. */
  public synchronized List<RlpxSession> sessions() {
    return List.copyOf(sessions.values());
  }

  public synchronized boolean isConnected(NodeId id) {
    return sessions.containsKey(id);
  }

  public synchronized PeerSetSnapshot snapshot() {
    int in = 0;
    int out = 0;
    int trusted = 0;
    for (Map.Entry<NodeId, RlpxSession> e : sessions.entrySet()) {
      if (e.getValue().inbound()) {
        in++;
      } else {
        out++;
      }
      trusted += lists.isTrusted(e.getKey()) ? 1 : 0;
    }
    Map<PeerSetCounter, Long> c = new EnumMap<>(PeerSetCounter.class);
    for (PeerSetCounter k : PeerSetCounter.values()) {
      c.put(k, counters.get(k.ordinal()));
    }
    return new PeerSetSnapshot(in, out, trusted, ethPeers.get(), dialing.size(), discovered.size(), c);
  }

  private void count(PeerSetCounter c) {
    counters.incrementAndGet(c.ordinal());
  }

  /** Stops dialing; sessions are the transport's to close. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      tick.cancel();
    }
  }

  /** Fans peer events out to the listeners; wraps trusted peers. Runs on the sync loop. */
  private final class Events implements PeerSetListener {
    @Override
    public void peerConnected(PeerHandle peer) {
      ethPeers.incrementAndGet();
      PeerHandle given = trustedPeerIds.contains(peer.id()) ? new TrustedPeer(peer) : peer;
      for (PeerSetListener l : listeners) {
        l.peerConnected(given);
      }
    }

    @Override
    public void peerDisconnected(PeerId peer, DisconnectReason reason) {
      ethPeers.decrementAndGet();
      for (PeerSetListener l : listeners) {
        l.peerDisconnected(peer, reason);
      }
    }

    @Override
    public void peerChainStateChanged(PeerId peer, PeerChainState state) {
      for (PeerSetListener l : listeners) {
        l.peerChainStateChanged(peer, state);
      }
    }

    @Override
    public void blockAnnounced(PeerId peer, BlockAnnouncement announcement) {
      for (PeerSetListener l : listeners) {
        l.blockAnnounced(peer, announcement);
      }
    }
  }

  /** A trusted peer as sync sees it: everything passes through but a request to drop it. */
  private final class TrustedPeer implements PeerHandle {
    private final PeerHandle inner;

    TrustedPeer(PeerHandle inner) {
      this.inner = inner;
    }

    @Override
    public PeerId id() {
      return inner.id();
    }

    @Override
    public Set<Capability> capabilities() {
      return inner.capabilities();
    }

    @Override
    public PeerChainState chainState() {
      return inner.chainState();
    }

    @Override
    public Optional<Duration> measuredRoundTrip() {
      return inner.measuredRoundTrip();
    }

    @Override
    public void requestHeaders(HeadersRequest request, PeerResponseListener<List<BlockHeader>> listener) {
      inner.requestHeaders(request, listener);
    }

    @Override
    public void requestBodies(BodiesRequest request, PeerResponseListener<List<BlockBody>> listener) {
      inner.requestBodies(request, listener);
    }

    @Override
    public void disconnect(DisconnectReason reason) {
      count(PeerSetCounter.TRUSTED_DROPS_IGNORED);
      LOG.info("keeping trusted peer {} although sync asked to drop it ({})", inner.id(), reason);
    }

    @Override
    public String toString() {
      return "trusted " + inner;
    }
  }
}
