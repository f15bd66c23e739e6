package io.headersync.sync.download.skeleton;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.consensus.seal.SealVerifier;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.HeaderStore;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.Priority;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import io.headersync.sync.download.DownloadEvent;
import io.headersync.sync.download.DownloaderStats;
import io.headersync.sync.download.HeaderBatch;
import io.headersync.sync.download.HeaderDownloader;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import io.headersync.sync.time.TimeSource;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Downloads headers upwards from the local head as chains of links hanging from anchors.
 *
 * <p>While few anchors wait, a skeleton request asks for one header every {@code skeletonStride}
 * blocks between the local head (or the ground earlier skeletons mapped) and the target; each
 * becomes an anchor. Requests in flight scale with the usable peers ({@link
 * SkeletonConfig#concurrencyFor}). Each anchor is extended by asking for the headers below the
 * parent it waits for, which fills the gap to the skeleton header below it, so the gaps download
 * in parallel from different peers. Answers are split into
 * segments that connect, extend down, extend up or make a new anchor ({@link SegmentInserter}).
 * Chains that reach the local chain are connected and get a total difficulty; the best header
 * ({@link ForkChoice}) decides the next batch, or an unwind first when a better branch leaves the
 * local chain below its head. An anchor nobody extends after {@code anchorInvalidationFailures}
 * rounds is dropped and its supplier reported.
 *
 * <p>Memory is bounded by {@link SkeletonConfig}: pending links (evicted highest first), persisted
 * links (lowest first) and anchors. Requests are only sent while their answers fit the pending
 * limit, except one extension of the lowest anchor, which always may go (its answer evicts higher
 * links): without it a full buffer of links that do not connect would stall the download.
 *
 * <p>When the local head reaches the target, every pending link left lies off the chain to the
 * target and is dropped, and every answer that brought headers off that chain — whether they were
 * dropped then or evicted, unwound or pruned before — costs its peer a report ({@link BlameLedger},
 * {@code tipReorgDepth}). That is how a peer serving a side chain with made-up work, or a header
 * with a changed root that still passes every rule, is caught although its headers are well-formed.
 *
 * <p>A single-threaded state machine on the loop of the {@link TaskScheduler} it is given.
 */
public final class SkeletonHeaderDownloader implements HeaderDownloader {

  private final SkeletonConfig config;
  private final HeadersClient client;
  private final TaskScheduler loop;
  private final TimeSource time;
  private final LinkGraph graph;
  private final LocalChain chain;
  private final SegmentInserter inserter;
  private final BlameLedger ledger;
  private final IntSupplier usablePeers;

  private SyncTarget target;
  private long targetNumber = -1;
  private boolean targetReported;
  private Runnable progressListener = () -> {};

  private final Set<RequestTicket> tickets = new LinkedHashSet<>();
  private int inFlight;
  /** Requests allowed outstanding, set from the usable peers each time requests are sent. */
  private int concurrency;
  private long reservedLinks;
  private boolean overBudgetInFlight;
  private boolean targetRequestInFlight;
  private long nextTargetFetchNanos = Long.MIN_VALUE;
  private boolean skeletonInFlight;
  private long lastSkeletonOrigin = -1;
  private long lastSkeletonNanos;
  /** The highest block the skeleton answers so far mapped, or -1: see {@link #skeletonBase()}. */
  private long skeletonFrontier = -1;
  private long lossesAtFrontier;
  private long targetChanges;
  private long losingLinksDropped;
  private Cancellable wakeUp = Cancellable.NONE;
  private long wakeUpAt;
  private boolean awaitingUnwind;
  /** The branch root of the last unwind asked for: its parent is the forking point. */
  private Link unwindBranchRoot;
  private long stayDecidedAt = -1;
  private boolean closed;

  private long headersHandedOut;
  private long responsesRejected;
  private long anchorsInvalidated;
  private long anchorsAbandoned;
  private long skeletonRequests;
  private long extensionRequests;
  private long targetRequests;
  private long unwindsRequested;
  private long sideBranchPeersReported;

  /**
   * @param store read only: the local chain's headers and total difficulties, for forks that
   *     attach below the head
   * @param seals checks seals of every new segment, or null for none. It must be able to judge a
   *     header without having seen its parent (ethash can; clique cannot, so use another strategy
   *     or none for clique chains)
   * @param usablePeers how many peers can take requests now; the requests outstanding scale with it
   *     ({@link SkeletonConfig#concurrencyFor})
   */
  public SkeletonHeaderDownloader(SkeletonConfig config, HeadersClient client, TaskScheduler loop, HeaderStore store,
      HeaderValidator validator, SealVerifier seals, IntSupplier usablePeers) {
    this.config = Objects.requireNonNull(config, "config");
    this.usablePeers = Objects.requireNonNull(usablePeers, "usablePeers");
    this.client = Objects.requireNonNull(client, "client");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.time = loop.timeSource();
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(validator, "validator");
    this.graph = new LinkGraph(config.linkLimit(), config.persistedLinkLimit());
    this.chain = new LocalChain(store, graph, config.maxForkDepth());
    this.ledger = new BlameLedger(config.blameLedgerLimit());
    this.inserter = new SegmentInserter(graph, chain, validator, seals, client, config.anchorLimit(), ledger);
  }

  /** Without seal checks, and with as many requests outstanding as the config allows. */
  public SkeletonHeaderDownloader(SkeletonConfig config, HeadersClient client, TaskScheduler loop, HeaderStore store,
      HeaderValidator validator) {
    this(config, client, loop, store, validator, null, () -> Integer.MAX_VALUE);
  }

  // ------------------------------------------------------------------ contract

  @Override
  public Direction direction() {
    return Direction.ASCENDING;
  }

  @Override
  public void setLocalHead(BlockHeader head) {
    Objects.requireNonNull(head, "head");
    BigInteger forkingPointTd = null;
    if (unwindBranchRoot != null && unwindBranchRoot.parentHash().equals(head.hash()) && unwindBranchRoot.connected()) {
      forkingPointTd = unwindBranchRoot.totalDifficulty.subtract(unwindBranchRoot.header.difficulty());
    }
    chain.setHead(head, forkingPointTd);
    awaitingUnwind = false;
    unwindBranchRoot = null;
    stayDecidedAt = -1;
    pump();
    progressListener.run();
  }

  @Override
  public void setTarget(SyncTarget newTarget) {
    Objects.requireNonNull(newTarget, "target");
    if (target == null || !target.hash().equals(newTarget.hash())) {
      targetReported = false;
      targetChanges++;
      nextTargetFetchNanos = Long.MIN_VALUE;
    }
    target = newTarget;
    targetNumber = newTarget.number().orElse(-1);
    Link known = graph.get(newTarget.hash());
    if (known != null) {
      targetNumber = known.number;
    }
    stayDecidedAt = -1;
    pump();
    progressListener.run();
  }

  @Override
  public Optional<DownloadEvent> poll() {
    if (closed || chain.head() == null || awaitingUnwind) {
      return Optional.empty();
    }
    if (stayDecidedAt != graph.modifications()) {
      Hash targetHash = target == null ? null : target.hash();
      switch (ForkChoice.decide(graph, chain.head(), targetHash, config.maxBatchSize())) {
        case ForkChoice.Decision.Extend extend -> {
          return Optional.of(handOut(extend.links()));
        }
        case ForkChoice.Decision.Unwind unwind -> {
          awaitingUnwind = true;
          unwindBranchRoot = unwind.branchRoot();
          unwindsRequested++;
          Link head = chain.head();
          return Optional.of(new DownloadEvent.UnwindNeeded(unwind.forkingPoint(),
              "header #" + unwind.best().number + " " + unwind.best().hash.toHex() + " leaves the local chain at #"
                  + unwind.forkingPoint() + " and beats the local head #" + head.number + " (total difficulty "
                  + unwind.best().totalDifficulty + " against " + head.totalDifficulty
                  + (chain.absoluteDifficulty() ? ")" : ", counted from the head the download started at)")));
        }
        case ForkChoice.Decision.Stay stay -> {
          stayDecidedAt = graph.modifications();
          if (inFlight == 0) {
            pump(); // nothing else would: see dropLosingBranchesWhenStuck
          }
        }
      }
    }
    if (target != null && !targetReported && chain.head().hash.equals(target.hash())) {
      targetReported = true;
      blameSideBranches();
      cancelInFlight();
      return Optional.of(new DownloadEvent.TargetReached(target));
    }
    return Optional.empty();
  }

  @Override
  public void setProgressListener(Runnable listener) {
    this.progressListener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public DownloaderStats stats() {
    return new DownloaderStats(inFlight, graph.pendingCount(), graph.peakPending(), graph.pendingLimit(), headersHandedOut,
        responsesRejected);
  }

  public SkeletonStats skeletonStats() {
    return new SkeletonStats(graph.anchorCount(), graph.peakAnchors(), config.anchorLimit(), graph.persistedCount(),
        graph.peakPersisted(), graph.persistedLimit(), graph.pendingEvicted(), graph.persistedEvicted(), anchorsInvalidated,
        anchorsAbandoned, inserter.anchorsRefused(), inserter.segments(SegmentKind.CONNECT), inserter.segments(SegmentKind.EXTEND_DOWN),
        inserter.segments(SegmentKind.EXTEND_UP), inserter.segments(SegmentKind.NEW_ANCHOR), inserter.segmentsRejected(),
        skeletonRequests, extensionRequests, targetRequests, unwindsRequested, sideBranchPeersReported);
  }

  public SkeletonConfig config() {
    return config;
  }

  /** The state in one line, for a report of a download that did not finish. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("skeleton downloader: head ");
    b.append(chain.head() == null ? "none" : "#" + chain.head().number).append(", target #").append(targetNumber)
        .append(targetReported ? " reached" : "").append(awaitingUnwind ? ", awaiting unwind" : "").append(", in flight ")
        .append(inFlight).append('/').append(concurrency).append(skeletonInFlight ? " (skeleton among them)" : "")
        .append(", pending ").append(graph.pendingCount()).append(" + reserved ").append(reservedLinks).append(" of ")
        .append(graph.pendingLimit()).append(", skeleton frontier #").append(skeletonFrontier).append(", anchors ")
        .append(graph.anchorCount()).append(':');
    long now = time.nanoTime();
    int shown = 0;
    for (Anchor anchor : graph.anchorsByNumber()) {
      if (shown++ == 8) {
        b.append(" …");
        break;
      }
      b.append(" #").append(anchor.number).append(anchor.requestInFlight ? " asked" : anchor.waitingAt(now) ? " waiting" : " idle")
          .append(" (").append(anchor.failures).append(" failed, ").append(anchor.fruitless).append(" fruitless)");
    }
    return b.append("; ").append(skeletonStats()).toString();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    cancelInFlight();
    wakeUp.cancel();
    graph.clear();
  }

  /** Calls off every request; their listeners will not be called, so their bookkeeping ends here. */
  private void cancelInFlight() {
    for (RequestTicket ticket : List.copyOf(tickets)) {
      ticket.cancel();
    }
    tickets.clear();
    inFlight = 0;
    reservedLinks = 0;
    overBudgetInFlight = false;
    skeletonInFlight = false;
    targetRequestInFlight = false;
    for (Anchor anchor : graph.anchorsByNumber()) {
      anchor.requestInFlight = false;
    }
  }

  // ------------------------------------------------------------------ handing out

  private DownloadEvent handOut(List<Link> links) {
    List<BlockHeader> headers = new ArrayList<>(links.size());
    for (Link link : links) {
      graph.markPersisted(link);
      headers.add(link.header);
    }
    chain.advance(links.getLast());
    headersHandedOut += links.size();
    pump();
    return new DownloadEvent.BatchReady(new HeaderBatch(headers));
  }

  /**
   * Drops every pending link (all lie off the chain to the target) and reports, once per answer
   * that brought headers off that chain, the peer that sent it: as useless when all of a peer's
   * such headers were near the target (it may have been on an old tip), for wrong data otherwise.
   */
  private void blameSideBranches() {
    for (Anchor anchor : List.copyOf(graph.anchorsByNumber())) {
      graph.removeAnchor(anchor);
    }
    for (Link root : List.copyOf(graph.insertList())) {
      graph.removeSubtree(root);
    }
    Link head = chain.head();
    for (BlameLedger.Verdict v : ledger.judge(head.number, chain::canonicalHashAt)) {
      sideBranchPeersReported++;
      boolean deep = head.number - v.lowestNumber() > config.tipReorgDepth();
      String detail = v.answers() + " answer(s) with headers off the chain to the target #" + head.number + " "
          + head.hash.toHex() + ", the lowest #" + v.lowestNumber();
      for (int i = 0; i < v.answers(); i++) {
        client.reportPeer(v.peer(), deep ? Offence.WRONG_DATA : Offence.USELESS_RESPONSE, detail);
      }
    }
  }

  // ------------------------------------------------------------------ requests

  /** Whether the target has been reached and reported: nothing more to ask for until a new target. */
  private boolean finished() {
    return targetReported && chain.head().hash.equals(target.hash());
  }

  /** Sends whatever requests the state allows and sets a timer for the next retry due. */
  private void pump() {
    if (closed || chain.head() == null || target == null || finished()) {
      return;
    }
    long now = time.nanoTime();
    concurrency = config.concurrencyFor(usablePeers.getAsInt());
    dropLosingBranchesWhenStuck();
    requestTarget(now);
    requestExtensions(now);
    requestSkeleton(now);
    scheduleWakeUp(now);
  }

  /**
   * With no anchor waiting, nothing asked and the fork choice judged, every pending link is
   * connected yet not handed out: a branch that loses to the local head. Once such links fill the
   * link limit nothing more can be asked and the download would wait for ever, so they are dropped;
   * should their branch win after all, peers serve it again.
   */
  private void dropLosingBranchesWhenStuck() {
    if (inFlight > 0 || awaitingUnwind || graph.anchorCount() > 0 || fits(config.anchorExtensionSize())
        || stayDecidedAt != graph.modifications()) {
      return; // not stuck, or the fork choice has not yet judged these links: they may be handed out next
    }
    for (Link root : List.copyOf(graph.insertList())) {
      losingLinksDropped += graph.removeSubtree(root).size();
    }
  }

  private boolean fits(long headers) {
    return graph.pendingCount() + reservedLinks + headers <= graph.pendingLimit();
  }

  private boolean targetKnown() {
    Hash hash = target.hash();
    if (graph.get(hash) != null || chain.head().hash.equals(hash)) {
      return true;
    }
    return targetNumber >= 0 && chain.isKnown(hash, targetNumber);
  }

  private void requestTarget(long now) {
    if (targetRequestInFlight || targetReported || targetKnown() || inFlight >= concurrency
        || now - nextTargetFetchNanos < 0 && nextTargetFetchNanos != Long.MIN_VALUE) {
      return;
    }
    int limit = config.anchorExtensionSize();
    if (targetNumber >= 0) {
      limit = (int) Math.max(1, Math.min(limit, targetNumber - chain.head().number));
    }
    if (!fits(limit) && graph.pendingCount() > 0) {
      return;
    }
    HeadersRequest request = new HeadersRequest(BlockOrigin.hash(target.hash()), limit, 0, true);
    RequestOptions options = RequestOptions.of(Priority.HIGH);
    if (targetNumber >= 0) {
      options = options.requiring(BlockRange.of(Math.max(0, targetNumber - limit + 1), targetNumber));
    }
    targetRequestInFlight = true;
    targetRequests++;
    final SyncTarget asked = target;
    send(request, options, limit, false, new Handler() {
      @Override
      void answered(PeerResponse<List<BlockHeader>> response) {
        targetRequestInFlight = false;
        accept(response.value().reversed(), response.peer());
        Link link = graph.get(asked.hash());
        if (link != null && asked.equals(target)) {
          targetNumber = link.number;
        }
        if (link == null) {
          nextTargetFetchNanos = time.nanoTime() + config.targetRetryInterval().toNanos();
        }
      }

      @Override
      void failed(RequestFailure failure) {
        targetRequestInFlight = false;
        nextTargetFetchNanos = time.nanoTime() + config.targetRetryInterval().toNanos();
      }
    });
  }

  private void requestExtensions(long now) {
    for (Anchor anchor : List.copyOf(graph.anchorsByNumber())) {
      if (inFlight >= concurrency) {
        return;
      }
      if (anchor.requestInFlight || anchor.waitingAt(now) || graph.anchor(anchor.parentHash) != anchor) {
        continue;
      }
      if (anchor.number == 0) {
        // Block 0 with a parent: never our genesis (that one is known), so made up.
        invalidate(anchor, "a block 0 that is not the genesis");
        continue;
      }
      int limit = extensionLimit(anchor);
      boolean overBudget = !fits(limit);
      if (overBudget && overBudgetInFlight) {
        return;
      }
      extend(anchor, limit, overBudget);
    }
  }

  /** Down to just above the local head when the anchor is above it; a full extension for a fork below it. */
  private int extensionLimit(Anchor anchor) {
    long room = anchor.number - 1 - chain.head().number;
    long limit = room >= 1 ? Math.min(config.anchorExtensionSize(), room) : Math.min(config.anchorExtensionSize(), anchor.number);
    return (int) Math.max(1, limit);
  }

  private void extend(Anchor anchor, int limit, boolean overBudget) {
    HeadersRequest request = new HeadersRequest(BlockOrigin.hash(anchor.parentHash), limit, 0, true);
    RequestOptions options = RequestOptions.of(Priority.NORMAL)
        .requiring(BlockRange.of(Math.max(0, anchor.number - limit), anchor.number - 1));
    anchor.requestInFlight = true;
    extensionRequests++;
    if (overBudget) {
      overBudgetInFlight = true;
    }
    send(request, options, limit, overBudget, new Handler() {
      @Override
      void answered(PeerResponse<List<BlockHeader>> response) {
        anchor.requestInFlight = false;
        accept(response.value().reversed(), response.peer());
        if (graph.anchor(anchor.parentHash) == anchor) {
          // Answered but not extended (the answer broke a rule, or did not fit): not the anchor's
          // fault, since someone did serve its parent; but an anchor that no answer ever extends
          // must not be asked about for ever, so after twice the failures it goes, unblamed.
          if (++anchor.fruitless >= 2 * config.anchorInvalidationFailures()) {
            graph.removeAnchor(anchor);
            anchorsAbandoned++;
          } else {
            anchor.nextRetryNanos = time.nanoTime() + config.anchorRetryInterval().toNanos();
          }
        }
      }

      @Override
      void failed(RequestFailure failure) {
        anchor.requestInFlight = false;
        if (graph.anchor(anchor.parentHash) != anchor || failure.reason() == RequestFailure.Reason.SHUT_DOWN) {
          return;
        }
        boolean nobodyServed = failure.reason() == RequestFailure.Reason.RETRIES_EXHAUSTED
            || failure.reason() == RequestFailure.Reason.NO_SUITABLE_PEER;
        if (nobodyServed && ++anchor.failures >= config.anchorInvalidationFailures()) {
          invalidate(anchor, "no peer served its parent " + anchor.parentHash.toHex() + " in " + anchor.failures
              + " rounds (last: " + failure + ")");
        } else {
          anchor.nextRetryNanos = time.nanoTime() + config.anchorRetryInterval().toNanos();
        }
      }
    });
  }

  private void invalidate(Anchor anchor, String why) {
    List<Link> removed = graph.removeAnchor(anchor);
    anchorsInvalidated++;
    if (anchor.supplier != null) {
      client.reportPeer(anchor.supplier, Offence.WRONG_DATA,
          "anchor #" + anchor.number + " given up (" + removed.size() + " header(s) dropped): " + why);
    }
  }

  private void requestSkeleton(long now) {
    if (skeletonInFlight || targetNumber < 0 || graph.anchorCount() >= config.maxAnchorsForSkeleton()
        || inFlight >= concurrency) {
      return;
    }
    long stride = config.skeletonStride();
    long origin = skeletonBase() + stride;
    // Anchors are cheap (a header each); their extensions wait for room in the link limit.
    long count = Math.min(Math.min(config.skeletonMaxHeaders(), (targetNumber - 1 - origin) / stride + 1),
        config.anchorLimit() - graph.anchorCount());
    if (count < 1 || origin >= targetNumber) {
      return;
    }
    if (origin == lastSkeletonOrigin && now - lastSkeletonNanos < config.skeletonRepeatInterval().toNanos()) {
      return;
    }
    lastSkeletonOrigin = origin;
    lastSkeletonNanos = now;
    skeletonInFlight = true;
    skeletonRequests++;
    HeadersRequest request = new HeadersRequest(BlockOrigin.number(origin), (int) count, (int) stride - 1, false);
    send(request, RequestOptions.of(Priority.LOW), count, false, new Handler() {
      @Override
      void answered(PeerResponse<List<BlockHeader>> response) {
        skeletonInFlight = false;
        // A loss while it was out (or caused by it) puts the frontier back at the head in skeletonBase.
        if (accept(response.value(), response.peer()) && !response.value().isEmpty()) {
          skeletonFrontier = Math.max(skeletonFrontier, response.value().getLast().number());
        }
      }

      @Override
      void failed(RequestFailure failure) {
        skeletonInFlight = false;
      }
    });
  }

  /**
   * Where the next skeleton request starts from: above the ground earlier skeletons mapped, so that
   * each brings new anchors instead of repeating those waiting; back at the local head once
   * anything was lost (an anchor dropped, refused or evicted, an unwind, a new target), since the
   * ground it mapped may have a hole no anchor above will walk down to soon.
   */
  private long skeletonBase() {
    long lost = losses();
    if (lost != lossesAtFrontier) {
      lossesAtFrontier = lost;
      skeletonFrontier = -1;
    }
    return Math.max(chain.head().number, skeletonFrontier);
  }

  /** A count that grows whenever anchors or links are lost or the chain or target moves back. */
  private long losses() {
    return anchorsInvalidated + anchorsAbandoned + inserter.anchorsRefused() + graph.pendingEvicted() + unwindsRequested
        + targetChanges + losingLinksDropped;
  }

  /** Inserts an answer's headers; false when the answer was refused. */
  private boolean accept(List<BlockHeader> ascending, PeerId peer) {
    if (finished()) {
      return false;
    }
    long maxNumber = targetNumber >= 0 ? targetNumber : Long.MAX_VALUE;
    if (!inserter.accept(ascending, peer, maxNumber)) {
      responsesRejected++;
      return false;
    }
    return true;
  }

  private void scheduleWakeUp(long now) {
    long next = Long.MAX_VALUE;
    for (Anchor anchor : graph.anchorsByNumber()) {
      if (!anchor.requestInFlight && anchor.waitingAt(now)) {
        next = Math.min(next, anchor.nextRetryNanos);
      }
    }
    if (!targetRequestInFlight && nextTargetFetchNanos != Long.MIN_VALUE && now - nextTargetFetchNanos < 0) {
      next = Math.min(next, nextTargetFetchNanos);
    }
    if (lastSkeletonOrigin >= 0 && !skeletonInFlight) {
      long repeat = lastSkeletonNanos + config.skeletonRepeatInterval().toNanos();
      if (now - repeat < 0) {
        next = Math.min(next, repeat);
      }
    }
    if (next == Long.MAX_VALUE) {
      return;
    }
    if (wakeUpAt > now && wakeUpAt <= next) {
      return;
    }
    wakeUp.cancel();
    wakeUpAt = next;
    wakeUp = loop.schedule(Duration.ofNanos(next - now), () -> {
      wakeUpAt = 0;
      pump();
    });
  }

  private void send(HeadersRequest request, RequestOptions options, long reserve, boolean overBudget, Handler handler) {
    inFlight++;
    reservedLinks += reserve;
    RequestTicket[] ticket = new RequestTicket[1];
    ticket[0] = client.requestHeaders(request, options, new RequestListener<>() {
      @Override
      public void onResponse(PeerResponse<List<BlockHeader>> response) {
        finish(ticket[0], reserve, overBudget);
        if (!closed) {
          handler.answered(response);
          afterEvent();
        }
      }

      @Override
      public void onFailure(RequestFailure failure) {
        finish(ticket[0], reserve, overBudget);
        if (!closed) {
          handler.failed(failure);
          afterEvent();
        }
      }
    });
    tickets.add(ticket[0]);
  }

  private void finish(RequestTicket ticket, long reserve, boolean overBudget) {
    tickets.remove(ticket);
    inFlight--;
    reservedLinks -= reserve;
    if (overBudget) {
      overBudgetInFlight = false;
    }
  }

  private void afterEvent() {
    pump();
    progressListener.run();
  }

  /** What to do with the end of one request. */
  private abstract static class Handler {
    abstract void answered(PeerResponse<List<BlockHeader>> response);

    abstract void failed(RequestFailure failure);
  }
}
