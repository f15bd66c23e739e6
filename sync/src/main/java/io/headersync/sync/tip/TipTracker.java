package io.headersync.sync.tip;

import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.sync.api.Priority;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import io.headersync.sync.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Follows the network's tip from what peers say (their chain state, their new-block
 * announcements) and decides where the sync should head: the trusted target while there is one,
 * then the network's tip as the peers' heads estimate it.
 *
 * <p>Robustness: each peer has one vote, its best head; the estimate is their median, so no single
 * liar can set it (see {@link HeadVotes}). Each peer's announcements are rate-limited; a peer
 * over its limit has the excess dropped and is reported (at most once per report interval) to the
 * {@link HeadersClient}'s reputation. At most {@code maxTrackedPeers} peers are kept.
 *
 * <p>Staleness: a head is stale when it has not advanced for {@code staleAfterBlocks} block times,
 * measured on the injected {@link TimeSource} from when the tracker saw it move (header
 * timestamps are the peers' word, and sync has no wall clock). A tracker that has just started
 * therefore needs that long before it can call anything stale.
 *
 * <p>Trusted target: a hash is the target at once (its number follows when a peer gives its
 * header); a number becomes a target once a peer gives the header at that number. Either stays
 * the target, whatever peers announce, until {@link #targetReached} says the sync got there; from
 * then on the target follows the estimate, and only upward of what was reached.
 *
 * <p>A single-threaded state machine on the sync loop, like everything fed by {@link
 * PeerSetListener}.
 */
public final class TipTracker implements PeerSetListener {

  private final TipTrackerConfig config;
  private final TaskScheduler loop;
  private final TimeSource time;
  private final HeadersClient client;
  private final long staleAfterNanos;
  private final Map<PeerId, PeerTip> peers = new LinkedHashMap<>();
  private final List<TipListener> listeners = new ArrayList<>();

  private TrustedTarget trusted;
  private SyncTarget trustedResolved;
  private boolean trustedReached;
  private long reachedNumber = -1;
  private RequestTicket resolving;
  private Cancellable resolveRetry = Cancellable.NONE;
  private int resolveGeneration;

  private SyncTarget target;
  /** No estimate counts as stale, so the first notice a listener gets is the tip becoming fresh. */
  private boolean stale = true;
  private Cancellable staleTimer = Cancellable.NONE;

  private long accepted;
  private long dropped;
  private long ignored;
  private long floodReports;
  private long peersRefused;
  private long targetChanges;
  private long resolveFailures;

  public TipTracker(TipTrackerConfig config, TaskScheduler loop, HeadersClient client) {
    this.config = Objects.requireNonNull(config, "config");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.time = loop.timeSource();
    this.client = Objects.requireNonNull(client, "client");
    this.staleAfterNanos = config.staleAfter().toNanos();
  }

  // ---------------------------------------------------------------- trusted target

  /** Starts the sync from {@code target}: it is the target until {@link #targetReached} names it. */
  public void setTrustedTarget(TrustedTarget target) {
    Objects.requireNonNull(target, "target");
    cancelResolution();
    trusted = target;
    trustedReached = false;
    trustedResolved = target instanceof TrustedTarget.ByHash h ? SyncTarget.of(h.hash()) : null;
    resolve();
    recompute();
  }

  /**
   * The sync got to {@code reached}: when it is the trusted target, the trusted target has done its
   * job and the target follows the network's tip from now on, above {@code reached}.
   */
  public void targetReached(SyncTarget reached) {
    Objects.requireNonNull(reached, "reached");
    if (trusted != null && trustedResolved != null && trustedResolved.hash().equals(reached.hash())) {
      trustedReached = true;
      cancelResolution();
    }
    if (reached.number().isPresent()) {
      reachedNumber = Math.max(reachedNumber, reached.number().getAsLong());
    } else if (trustedReached && trustedResolved.number().isPresent()) {
      reachedNumber = Math.max(reachedNumber, trustedResolved.number().getAsLong());
    }
    recompute();
  }

  private void resolve() {
    int generation = ++resolveGeneration;
    HeadersRequest request;
    RequestOptions options = RequestOptions.of(Priority.HIGH);
    switch (trusted) {
      case TrustedTarget.ByHash h -> request = new HeadersRequest(BlockOrigin.hash(h.hash()), 1, 0, false);
      case TrustedTarget.ByNumber n -> {
        request = HeadersRequest.ascending(n.number(), 1);
        options = options.requiring(BlockRange.single(n.number()));
      }
    }
    resolving = client.requestHeaders(request, options, new RequestListener<>() {
      @Override
      public void onResponse(PeerResponse<List<BlockHeader>> response) {
        if (generation == resolveGeneration) {
          resolving = null;
          onResolved(response.value().getFirst(), response.peer());
        }
      }

      @Override
      public void onFailure(RequestFailure failure) {
        if (generation == resolveGeneration) {
          resolving = null;
          resolveFailures++;
          resolveRetry = loop.schedule(config.resolveRetryDelay(), () -> {
            if (generation == resolveGeneration) {
              resolve();
            }
          });
        }
      }
    });
  }

  private void onResolved(BlockHeader header, PeerId peer) {
    boolean fits = switch (trusted) {
      case TrustedTarget.ByHash h -> header.hash().equals(h.hash());
      case TrustedTarget.ByNumber n -> header.number() == n.number();
    };
    if (!fits) {
      // The client checks the origin already; this is the last line, not the usual path.
      client.reportPeer(peer, Offence.WRONG_DATA, "asked for the header of " + trusted + ", got #" + header.number());
      resolve();
      return;
    }
    trustedResolved = SyncTarget.of(header.hash(), header.number());
    recompute();
  }

  private void cancelResolution() {
    resolveGeneration++;
    if (resolving != null) {
      resolving.cancel();
      resolving = null;
    }
    resolveRetry.cancel();
  }

  // ---------------------------------------------------------------- peer events

  @Override
  public void peerConnected(PeerHandle peer) {
    PeerId id = peer.id();
    long now = time.nanoTime();
    if (!peers.containsKey(id) && peers.size() >= config.maxTrackedPeers()) {
      peersRefused++;
      return;
    }
    PeerTip tip = new PeerTip(id, new AnnouncementBudget(config.announceBurst(), config.announceRefill().toNanos(), now), now);
    peers.put(id, tip);
    takeState(tip, peer.chainState(), now);
    recompute();
  }

  @Override
  public void peerDisconnected(PeerId peer, DisconnectReason reason) {
    if (peers.remove(peer) != null) {
      recompute();
    }
  }

  @Override
  public void peerChainStateChanged(PeerId peer, PeerChainState state) {
    PeerTip tip = admitted(peer);
    if (tip != null && takeState(tip, state, time.nanoTime())) {
      recompute();
    }
  }

  @Override
  public void blockAnnounced(PeerId peer, BlockAnnouncement announcement) {
    PeerTip tip = admitted(peer);
    if (tip != null && tip.announce(announcement.hash(), announcement.number(), time.nanoTime())) {
      recompute();
    }
  }

  /** The peer's record when it may be heard now; null when unknown or over its rate limit. */
  private PeerTip admitted(PeerId peer) {
    PeerTip tip = peers.get(peer);
    if (tip == null) {
      ignored++;
      return null;
    }
    long now = time.nanoTime();
    if (!tip.budget.take(now)) {
      dropped++;
      tip.droppedSinceReport++;
      if (tip.lastReport == PeerTip.NEVER || now - tip.lastReport >= config.floodReportInterval().toNanos()) {
        floodReports++;
        client.reportPeer(peer, Offence.USELESS_RESPONSE, tip.droppedSinceReport + " announcements over the limit of "
            + config.announceBurst() + " at once and one per " + config.announceRefill().toMillis() + " ms");
        tip.lastReport = now;
        tip.droppedSinceReport = 0;
      }
      return null;
    }
    accepted++;
    return tip;
  }

  private static boolean takeState(PeerTip tip, PeerChainState state, long now) {
    OptionalLong number = state.headNumber();
    if (number.isEmpty()) {
      // An eth/68 Status names the head's hash only; the number comes with its first announcement,
      // and until then the peer has no vote.
      if (!tip.hasNumber()) {
        tip.hash = state.headHash();
      }
      return false;
    }
    return tip.state(state.headHash(), number.getAsLong(), now);
  }

  // ---------------------------------------------------------------- queries

  /** Where the sync should head now: the trusted target, or the estimated network tip. */
  public Optional<SyncTarget> currentTarget() {
    return Optional.ofNullable(target);
  }

  /** The network's tip as the peers' heads estimate it; empty with fewer than the minimum of peers. */
  public Optional<NetworkTip> networkTip() {
    return HeadVotes.estimate(peers.values(), config.minPeersForEstimate(), time.nanoTime(), staleAfterNanos);
  }

  /** Whether the network's tip is stale, or cannot be estimated at all. */
  public boolean isStale() {
    return networkTip().map(NetworkTip::stale).orElse(true);
  }

  /** The head {@code peer} claims, as far as its number is known. */
  public OptionalLong peerHead(PeerId peer) {
    PeerTip tip = peers.get(peer);
    return tip == null || !tip.hasNumber() ? OptionalLong.empty() : OptionalLong.of(tip.number);
  }

  /**
   * Whether {@link #currentTarget()} is the trusted target (its hash is the chain's, so a download
   * may walk down from it), rather than the peers' estimate (which may be a lie).
   */
  public boolean isTargetTrusted() {
    return trusted != null && !trustedReached && target != null;
  }

  public Optional<TrustedTarget> trustedTarget() {
    return Optional.ofNullable(trusted);
  }

  public void addListener(TipListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public TipTrackerStats stats() {
    return new TipTrackerStats(peers.size(), accepted, dropped, ignored, floodReports, peersRefused, targetChanges,
        resolveFailures);
  }

  // ---------------------------------------------------------------- decisions

  private void recompute() {
    long now = time.nanoTime();
    Optional<NetworkTip> tip = HeadVotes.estimate(peers.values(), config.minPeersForEstimate(), now, staleAfterNanos);
    SyncTarget next = chooseTarget(tip);
    if (!Objects.equals(next, target)) {
      // Null only while a trusted number is being resolved: no target rather than a peer's.
      target = next;
      if (next != null) {
        targetChanges++;
        for (TipListener l : List.copyOf(listeners)) {
          l.targetChanged(next);
        }
      }
    }
    boolean nowStale = tip.map(NetworkTip::stale).orElse(true);
    if (nowStale != stale) {
      stale = nowStale;
      for (TipListener l : List.copyOf(listeners)) {
        l.stalenessChanged(nowStale);
      }
    }
    scheduleStaleCheck(now);
  }

  private SyncTarget chooseTarget(Optional<NetworkTip> tip) {
    if (trusted != null && !trustedReached) {
      return trustedResolved;
    }
    if (tip.isEmpty() || tip.get().number() <= reachedNumber) {
      return target;
    }
    NetworkTip t = tip.get();
    SyncTarget candidate = SyncTarget.of(t.hash(), t.number());
    if (target == null || target.number().isEmpty()) {
      return candidate;
    }
    long current = target.number().getAsLong();
    // Never backwards (a peer leaving can lower the median); sideways only for a reorganisation
    // at the same height that most peers there have taken.
    return t.number() >= current ? candidate : target;
  }

  private void scheduleStaleCheck(long now) {
    staleTimer.cancel();
    Optional<Long> at = HeadVotes.nextStaleTime(peers.values(), now, staleAfterNanos);
    if (at.isPresent()) {
      staleTimer = loop.schedule(Duration.ofNanos(at.get() - now), this::recompute);
    } else {
      staleTimer = Cancellable.NONE;
    }
  }
}
