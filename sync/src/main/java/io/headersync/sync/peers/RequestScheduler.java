package io.headersync.sync.peers;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.BodiesClient;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerError;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.PeerResponseListener;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.sync.api.Priority;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import io.headersync.sync.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Sends requests to peers: a priority queue of requests, each dispatched to the next best peer,
 * timed out adaptively, checked, retried on another peer when the answer is missing or wrong, and
 * failed to its owner when the retries are spent. Peers' reputations move with every answer.
 *
 * <p>The next best peer for a request is chosen among connected peers that are permitted by the
 * access list, not banned, below the per-peer in-flight limit, and not known to lack the blocks
 * the request needs. Among those, in order of preference: one this request has not tried yet;
 * one whose last bad answer is not recent; one known (rather than only not known not) to cover
 * the range; the lowest round-trip; the fewest requests in flight; and finally the smallest id, so
 * that a choice never depends on hash-map order and a simulation replays exactly.
 *
 * <p>A single-threaded state machine: every method, and every transport callback, runs on the
 * event loop of the {@link TaskScheduler} it was given. Its memory is bounded by the queue bound,
 * the in-flight limit times the number of peers, and the reputation table's bound.
 */
public final class RequestScheduler implements HeadersClient, BodiesClient, PeerSetListener, AutoCloseable {

  private final SchedulerConfig config;
  private final TaskScheduler loop;
  private final TimeSource time;
  private final PeerAccessList access;
  private final PeerReputation reputation;
  private final Map<PeerId, PeerState> peers = new LinkedHashMap<>();
  private final TreeSet<Pending<?>> queue = new TreeSet<>(
      Comparator.<Pending<?>>comparingInt(p -> p.priority.ordinal()).thenComparingLong(p -> p.id));
  private final AtomicLongArray counters = new AtomicLongArray(SchedulerCounter.values().length);

  private long nextId = 1;
  private boolean dispatching;
  private boolean dispatchAgain;
  private boolean closed;

  public RequestScheduler(SchedulerConfig config, TaskScheduler loop, PeerAccessList access) {
    this.config = Objects.requireNonNull(config, "config");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.time = loop.timeSource();
    this.access = Objects.requireNonNull(access, "access");
    this.reputation = new PeerReputation(config.reputation(), time, access::isPinned);
  }

  public RequestScheduler(SchedulerConfig config, TaskScheduler loop) {
    this(config, loop, PeerAccessList.open());
  }

  // ---------------------------------------------------------------- clients

  @Override
  public RequestTicket requestHeaders(
      HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
    return submit(new HeadersExchange(request), options, listener);
  }

  @Override
  public RequestTicket requestBodies(
      BodiesRequest request, RequestOptions options, RequestListener<List<BlockBody>> listener) {
    return submit(new BodiesExchange(request), options, listener);
  }

  @Override
  public void reportPeer(PeerId peer, Offence offence, String detail) {
    count(SchedulerCounter.PEER_REPORTS);
    punish(peer, offence, detail);
    dispatch();
  }

  private <T> Pending<T> submit(Exchange<T> exchange, RequestOptions options, RequestListener<T> listener) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    count(SchedulerCounter.REQUESTS_SUBMITTED);
    BlockRange range = options.requiredRange().or(exchange::span).orElse(null);
    Pending<T> pending = new Pending<>(nextId++, options.priority(), range, exchange, listener);
    pending.tried.addAll(options.avoid()); // avoided peers rank as if already tried: a last resort
    if (closed) {
      failLater(pending, RequestFailure.Reason.SHUT_DOWN, "the scheduler is closed");
    } else if (queue.size() >= config.maxQueuedRequests()) {
      failLater(pending, RequestFailure.Reason.QUEUE_FULL, config.maxQueuedRequests() + " requests are already waiting");
    } else {
      enqueue(pending);
      dispatch();
    }
    return pending;
  }

  // ---------------------------------------------------------------- peer events

  @Override
  public void peerConnected(PeerHandle peer) {
    PeerId id = peer.id();
    PeerAccessList.Access verdict = access.access(id);
    if (verdict != PeerAccessList.Access.PERMITTED || reputation.isBanned(id)) {
      count(SchedulerCounter.CONNECTIONS_REJECTED);
      peer.disconnect(verdict == PeerAccessList.Access.PERMITTED ? DisconnectReason.USELESS_PEER : DisconnectReason.REQUESTED);
      return;
    }
    PeerState previous = peers.put(id, new PeerState(peer));
    if (previous != null) {
      abandonAttempts(previous, "peer " + id + " reconnected");
    }
    dispatch();
  }

  @Override
  public void peerDisconnected(PeerId peer, DisconnectReason reason) {
    PeerState state = peers.remove(peer);
    if (state != null) {
      abandonAttempts(state, "peer " + peer + " disconnected (" + reason + ")");
      dispatch();
    }
  }

  @Override
  public void peerChainStateChanged(PeerId peer, PeerChainState state) {
    dispatch();
  }

  // ---------------------------------------------------------------- inspection

  /** The peer the scheduler would pick now for a request needing {@code required} (null: no range). */
  public Optional<PeerId> nextBestPeer(BlockRange required) {
    PeerState best = best(required, Set.of());
    return best == null ? Optional.empty() : Optional.of(best.handle.id());
  }

  public CountersSnapshot counters() {
    EnumMap<SchedulerCounter, Long> values = new EnumMap<>(SchedulerCounter.class);
    for (SchedulerCounter c : SchedulerCounter.values()) {
      values.put(c, counters.get(c.ordinal()));
    }
    return new CountersSnapshot(values);
  }

  public Optional<PeerView> peer(PeerId id) {
    PeerState s = peers.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Optional<Duration> smoothed = s.rtt.smoothedNanos().isPresent()
        ? Optional.of(Duration.ofNanos(s.rtt.smoothedNanos().getAsLong())) : Optional.empty();
    return Optional.of(new PeerView(id, s.inFlight, reputation.score(id), s.rtt.timeout(), smoothed, s.flaggedBad(time.nanoTime())));
  }

  public Set<PeerId> connectedPeers() {
    return Set.copyOf(peers.keySet());
  }

  public int queuedRequests() {
    return queue.size();
  }

  public int inFlightRequests() {
    int n = 0;
    for (PeerState s : peers.values()) {
      n += s.inFlight;
    }
    return n;
  }

  public PeerReputation reputation() {
    return reputation;
  }

  public PeerAccessList accessList() {
    return access;
  }

  /** Fails every pending request with {@code SHUT_DOWN}; later submissions fail the same way. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Pending<?>> pending = new ArrayList<>(queue);
    queue.clear();
    for (PeerState s : peers.values()) {
      for (Attempt<?> a : List.copyOf(s.attempts)) {
        a.answered = true;
        a.releaseSlot();
        if (a.isCurrent()) {
          pending.add(a.pending);
        }
      }
    }
    for (Pending<?> p : pending) {
      fail(p, RequestFailure.Reason.SHUT_DOWN, "the scheduler is closed");
    }
  }

  // ---------------------------------------------------------------- dispatch

  private void enqueue(Pending<?> p) {
    p.state = State.QUEUED;
    int generation = ++p.enqueued;
    queue.add(p);
    p.waitTimer = loop.schedule(config.maxQueueWait(), () -> onQueueWaitExpired(p, generation));
  }

  private void dispatch() {
    if (dispatching) {
      dispatchAgain = true;
      return;
    }
    dispatching = true;
    try {
      do {
        dispatchAgain = false;
        List<Attempt<?>> sends = new ArrayList<>();
        Iterator<Pending<?>> it = queue.iterator();
        while (it.hasNext() && hasIdlePeer()) {
          Pending<?> p = it.next();
          PeerState peer = best(p.range, p.tried);
          if (peer != null) {
            it.remove();
            sends.add(assign(p, peer));
          }
        }
        for (Attempt<?> a : sends) {
          a.send();
        }
      } while (dispatchAgain);
    } finally {
      dispatching = false;
    }
  }

  private boolean hasIdlePeer() {
    for (PeerState s : peers.values()) {
      if (s.inFlight < config.maxInFlightPerPeer()) {
        return true;
      }
    }
    return false;
  }

  private <T> Attempt<T> assign(Pending<T> p, PeerState peer) {
    p.waitTimer.cancel();
    p.state = State.IN_FLIGHT;
    p.attempts++;
    p.token++;
    p.tried.add(peer.handle.id());
    Attempt<T> attempt = new Attempt<>(p, peer, p.token, time.nanoTime());
    peer.inFlight++;
    peer.attempts.add(attempt);
    p.timer = loop.schedule(peer.rtt.timeout(), () -> onTimeout(attempt));
    count(SchedulerCounter.REQUESTS_SENT);
    return attempt;
  }

  private PeerState best(BlockRange required, Set<PeerId> tried) {
    long now = time.nanoTime();
    PeerState best = null;
    for (PeerState s : peers.values()) {
      if (eligible(s, required) && (best == null || compare(s, best, required, tried, now) < 0)) {
        best = s;
      }
    }
    return best;
  }

  private boolean eligible(PeerState s, BlockRange required) {
    PeerId id = s.handle.id();
    return s.inFlight < config.maxInFlightPerPeer()
        && access.access(id) == PeerAccessList.Access.PERMITTED
        && !reputation.isBanned(id)
        && (required == null || s.handle.chainState().covers(required) != PeerChainState.Coverage.DOES_NOT_COVER);
  }

  /** Negative when {@code a} is the better choice; see the class comment for the order. */
  private int compare(PeerState a, PeerState b, BlockRange required, Set<PeerId> tried, long now) {
    int c = Boolean.compare(tried.contains(a.handle.id()), tried.contains(b.handle.id()));
    if (c != 0) {
      return c;
    }
    c = Boolean.compare(a.flaggedBad(now), b.flaggedBad(now));
    if (c != 0) {
      return c;
    }
    if (required != null) {
      c = Boolean.compare(a.handle.chainState().covers(required) == PeerChainState.Coverage.UNKNOWN,
          b.handle.chainState().covers(required) == PeerChainState.Coverage.UNKNOWN);
      if (c != 0) {
        return c;
      }
    }
    c = Long.compare(a.rankingRoundTrip(), b.rankingRoundTrip());
    if (c != 0) {
      return c;
    }
    c = Integer.compare(a.inFlight, b.inFlight);
    return c != 0 ? c : a.handle.id().compareTo(b.handle.id());
  }

  // ---------------------------------------------------------------- outcomes

  private <T> void onResponse(Attempt<T> a, T value) {
    if (a.answered) {
      return;
    }
    a.answered = true;
    if (peers.get(a.peerId()) == a.peer) {
      // Late answers are sampled too: they are exactly what tells the estimator a peer got slower.
      a.peer.rtt.sample(time.nanoTime() - a.sentAt);
    }
    boolean current = a.isCurrent();
    a.releaseSlot();
    if (!current) {
      count(SchedulerCounter.RESPONSES_LATE);
      dispatch();
      return;
    }
    Pending<T> p = a.pending;
    p.timer.cancel();
    switch (p.exchange.check(value)) {
      case ResponseVerdict.Good good -> {
        count(SchedulerCounter.RESPONSES_GOOD);
        if (good.partial()) {
          count(SchedulerCounter.RESPONSES_PARTIAL);
        }
        reputation.reward(a.peerId());
        a.peer.badUntil = Long.MIN_VALUE;
        p.state = State.DONE;
        if (!p.cancelled) {
          p.listener.onResponse(new PeerResponse<>(a.peerId(), value));
        }
      }
      case ResponseVerdict.Empty empty -> {
        count(SchedulerCounter.RESPONSES_EMPTY);
        punish(a.peerId(), Offence.USELESS_RESPONSE, "empty answer");
        retryOrFail(p, "empty answer from " + a.peerId());
      }
      case ResponseVerdict.Invalid invalid -> {
        count(SchedulerCounter.RESPONSES_INVALID);
        punish(a.peerId(), Offence.WRONG_DATA, invalid.reason());
        retryOrFail(p, "wrong answer from " + a.peerId() + ": " + invalid.reason());
      }
    }
    dispatch();
  }

  private void onError(Attempt<?> a, PeerError error) {
    if (a.answered) {
      return;
    }
    a.answered = true;
    boolean current = a.isCurrent();
    a.releaseSlot();
    if (current) {
      a.pending.timer.cancel();
      if (error.kind() == PeerError.Kind.MALFORMED_MESSAGE) {
        count(SchedulerCounter.MALFORMED_MESSAGES);
        punish(a.peerId(), Offence.BAD_MESSAGE, error.detail());
      } else {
        // The peer left or the link broke: not an offence, the request just needs another peer.
        count(SchedulerCounter.DISCONNECTS_MID_REQUEST);
      }
      retryOrFail(a.pending, error.kind() + " from " + a.peerId() + ": " + error.detail());
    }
    dispatch();
  }

  private void onTimeout(Attempt<?> a) {
    if (a.answered || !a.isCurrent()) {
      return;
    }
    a.releaseSlot();
    count(SchedulerCounter.TIMEOUTS);
    Duration waited = Duration.ofNanos(time.nanoTime() - a.sentAt);
    if (peers.get(a.peerId()) == a.peer) {
      a.peer.rtt.backOff();
    }
    punish(a.peerId(), Offence.TIMEOUT, "no answer within " + waited.toMillis() + " ms");
    retryOrFail(a.pending, "no answer from " + a.peerId() + " within " + waited.toMillis() + " ms");
    dispatch();
  }

  private void onQueueWaitExpired(Pending<?> p, int generation) {
    if (p.state == State.QUEUED && p.enqueued == generation && queue.remove(p)) {
      String need = p.range == null ? "" : " claiming blocks " + p.range;
      String last = p.lastProblem.isEmpty() ? "" : "; last problem: " + p.lastProblem;
      fail(p, RequestFailure.Reason.NO_SUITABLE_PEER,
          "no idle peer" + need + " for " + config.maxQueueWait().toSeconds() + " s (" + p.exchange + ")" + last);
    }
  }

  private void retryOrFail(Pending<?> p, String why) {
    p.lastProblem = why;
    if (p.cancelled) {
      p.state = State.DONE;
    } else if (closed) {
      fail(p, RequestFailure.Reason.SHUT_DOWN, "the scheduler is closed");
    } else if (p.attempts > config.maxRetries()) {
      fail(p, RequestFailure.Reason.RETRIES_EXHAUSTED, p.exchange + ": " + why);
    } else {
      count(SchedulerCounter.RETRIES);
      enqueue(p);
    }
  }

  private void fail(Pending<?> p, RequestFailure.Reason reason, String detail) {
    p.state = State.DONE;
    p.timer.cancel();
    p.waitTimer.cancel();
    count(SchedulerCounter.REQUESTS_FAILED);
    if (!p.cancelled) {
      p.listener.onFailure(new RequestFailure(reason, p.attempts, detail));
    }
  }

  private void failLater(Pending<?> p, RequestFailure.Reason reason, String detail) {
    // Never call the owner back from inside its own submit call; a cancel before then still works.
    loop.execute(() -> fail(p, reason, detail));
  }

  private void punish(PeerId id, Offence offence, String detail) {
    PeerState s = peers.get(id);
    if (s != null) {
      s.badUntil = time.nanoTime() + config.badResponseMemory().toNanos();
    }
    PeerReputation.Penalty penalty = reputation.penalise(id, offence);
    if (penalty.banned()) {
      count(SchedulerCounter.BANS);
      if (s != null) {
        peers.remove(id);
        abandonAttempts(s, "peer " + id + " banned after " + offence + " (" + detail + ")");
        s.handle.disconnect(offence == Offence.TIMEOUT || offence == Offence.USELESS_RESPONSE
            ? DisconnectReason.USELESS_PEER : DisconnectReason.BREACH_OF_PROTOCOL);
      }
    }
  }

  private void abandonAttempts(PeerState s, String why) {
    for (Attempt<?> a : List.copyOf(s.attempts)) {
      a.answered = true;
      boolean current = a.isCurrent();
      a.releaseSlot();
      if (current) {
        a.pending.timer.cancel();
        count(SchedulerCounter.DISCONNECTS_MID_REQUEST);
        retryOrFail(a.pending, why);
      }
    }
  }

  private boolean cancel(Pending<?> p) {
    if (p.cancelled || p.state == State.DONE) {
      return false;
    }
    p.cancelled = true;
    count(SchedulerCounter.REQUESTS_CANCELLED);
    if (p.state == State.QUEUED) {
      queue.remove(p);
      p.waitTimer.cancel();
      p.state = State.DONE;
    }
    // In flight: the peer keeps its slot until it answers or times out, as it is still working on it.
    return true;
  }

  private void count(SchedulerCounter counter) {
    counters.incrementAndGet(counter.ordinal());
  }

  // ---------------------------------------------------------------- state

  private enum State { QUEUED, IN_FLIGHT, DONE }

  /** The kind-specific part of a request: how to send it and how to check its answer. */
  private interface Exchange<T> {
    void send(PeerHandle peer, PeerResponseListener<T> listener);

    ResponseVerdict check(T answer);

    Optional<BlockRange> span();
  }

  private record HeadersExchange(HeadersRequest request) implements Exchange<List<BlockHeader>> {
    @Override
    public void send(PeerHandle peer, PeerResponseListener<List<BlockHeader>> listener) {
      peer.requestHeaders(request, listener);
    }

    @Override
    public ResponseVerdict check(List<BlockHeader> answer) {
      return HeadersResponseCheck.check(request, answer);
    }

    @Override
    public Optional<BlockRange> span() {
      return request.span();
    }

    @Override
    public String toString() {
      return request.toString();
    }
  }

  private record BodiesExchange(BodiesRequest request) implements Exchange<List<BlockBody>> {
    @Override
    public void send(PeerHandle peer, PeerResponseListener<List<BlockBody>> listener) {
      peer.requestBodies(request, listener);
    }

    @Override
    public ResponseVerdict check(List<BlockBody> answer) {
      return BodiesResponseCheck.check(request, answer);
    }

    @Override
    public Optional<BlockRange> span() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return request.toString();
    }
  }

  private final class PeerState {
    final PeerHandle handle;
    final RttEstimator rtt = new RttEstimator(config);
    final Set<Attempt<?>> attempts = new LinkedHashSet<>();
    int inFlight;
    long badUntil = Long.MIN_VALUE;

    PeerState(PeerHandle handle) {
      this.handle = handle;
    }

    boolean flaggedBad(long now) {
      return badUntil != Long.MIN_VALUE && now - badUntil < 0;
    }

    long rankingRoundTrip() {
      if (rtt.smoothedNanos().isPresent()) {
        return rtt.smoothedNanos().getAsLong();
      }
      return handle.measuredRoundTrip().orElse(config.assumedRoundTrip()).toNanos();
    }
  }

  private final class Pending<T> implements RequestTicket {
    final long id;
    final Priority priority;
    final BlockRange range;
    final Exchange<T> exchange;
    final RequestListener<T> listener;
    final Set<PeerId> tried = new HashSet<>();
    State state = State.QUEUED;
    int attempts;
    int token;
    int enqueued;
    boolean cancelled;
    String lastProblem = "";
    Cancellable timer = Cancellable.NONE;
    Cancellable waitTimer = Cancellable.NONE;

    Pending(long id, Priority priority, BlockRange range, Exchange<T> exchange, RequestListener<T> listener) {
      this.id = id;
      this.priority = priority;
      this.range = range;
      this.exchange = exchange;
      this.listener = listener;
    }

    @Override
    public long id() {
      return id;
    }

    @Override
    public boolean cancel() {
      return RequestScheduler.this.cancel(this);
    }
  }

  /** One sending of a request to one peer; the transport's listener for that sending. */
  private final class Attempt<T> implements PeerResponseListener<T> {
    final Pending<T> pending;
    final PeerState peer;
    final int token;
    final long sentAt;
    boolean answered;
    boolean holdsSlot = true;

    Attempt(Pending<T> pending, PeerState peer, int token, long sentAt) {
      this.pending = pending;
      this.peer = peer;
      this.token = token;
      this.sentAt = sentAt;
    }

    PeerId peerId() {
      return peer.handle.id();
    }

    boolean isCurrent() {
      return pending.state == State.IN_FLIGHT && pending.token == token;
    }

    void releaseSlot() {
      if (holdsSlot) {
        holdsSlot = false;
        peer.inFlight--;
        peer.attempts.remove(this);
      }
    }

    void send() {
      try {
        pending.exchange.send(peer.handle, this);
      } catch (RuntimeException e) {
        onError(new PeerError(peerId(), PeerError.Kind.SEND_FAILED, String.valueOf(e)));
      }
    }

    @Override
    public void onResponse(PeerResponse<T> response) {
      RequestScheduler.this.onResponse(this, response.value());
    }

    @Override
    public void onError(PeerError error) {
      RequestScheduler.this.onError(this, error);
    }
  }
}
