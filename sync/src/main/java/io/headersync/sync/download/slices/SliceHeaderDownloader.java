package io.headersync.sync.download.slices;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.checkpoint.CheckpointHashes;
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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Downloads headers upward from the local head in slices of {@link SliceConfig#sliceSize()}, in
 * three phases that differ in what vouches for a slice:
 *
 * <ol>
 *   <li><b>Preverified</b>, up to the highest shipped checkpoint: a slice ends at a checkpoint (or
 *       below one, with the slice above vouching for it), its last header's hash must be the
 *       checkpoint's, and its parent links fix every header below; no header rule is run.
 *   <li><b>Linear</b>, up to the estimated tip minus {@link SliceConfig#linearTipDistance()} T:
 *       a slice must link to the verified chain below it, pass the header rules against its
 *       parents, and have its last hash confirmed by the slices above it up to one from another
 *       peer (so a wrong last header, which links below and breaks no rule, is never saved, and a
 *       peer cannot vouch for itself; requests prefer peers other than the neighbours'
 *       suppliers). When two neighbours disagree and neither is vouched for, both are asked again,
 *       both suppliers pay the smallest charge (which sends the next requests elsewhere), and the
 *       peer whose version loses is reported once a version is verified. When answers from
 *       several peers will not link to the last saved slice, that slice is unwound (backtrack).
 *   <li><b>Forky</b>, the last T blocks: as linear, but a slice that does not link to what is
 *       saved is taken as a competing branch ({@link SliceState#FORK}), not a lie: the fork probe
 *       walks the target's branch down from the target until it meets the local chain, weighs
 *       the two branches ({@link SliceConfig.ForkChoice}), and asks the stage to unwind
 *       ({@link DownloadEvent.UnwindNeeded}) when the local chain is on the losing branch.
 * </ol>
 *
 * <p>Every slice is in a {@link SliceState}; stages move slices between states — request,
 * answer, internal verification, chain verification, hand-out, window advance — so different
 * stages work on different slices at once. The slices live in a sliding window of {@link
 * SliceConfig#windowSlices()} slices, derived from the memory limit, which moves up as its lowest
 * slices are handed out. Batches are handed out one slice at a time, lowest first. The stage may
 * gather several batches before it writes them: the downloader remembers what it handed out
 * recently ({@link SavedChain}) and reads the store ({@link LocalChain}) only below that.
 *
 * <p>The target is the top anchor: the slice ending at the target's number must end at its hash.
 * A target without a number is looked up by hash first.
 *
 * <p>A single-threaded state machine on the sync event loop: answers, failures and timers arrive
 * as tasks of the loop, requests go out through the {@link HeadersClient}, which chooses peers,
 * times attempts out and charges peers for bad answers it can see on its own; this class reports
 * the faults only the chain reveals. Time comes from the loop's clock only.
 */
public final class SliceHeaderDownloader implements HeaderDownloader {

  private final SliceConfig config;
  private final HeadersClient client;
  private final TaskScheduler loop;
  private final TimeSource time;
  private final CheckpointHashes checkpoints;
  private final HeaderValidator validator;
  private final LocalChain localChain;
  private final TipEstimator tip;
  private final boolean autoPump;

  private final SliceWindow window;
  private final SavedChain saved;
  private final Disputes disputes;

  private Runnable listener = () -> { };
  private boolean notifyScheduled;
  private Cancellable wakeTimer = Cancellable.NONE;
  private long wakeAt = Long.MAX_VALUE;

  private SyncTarget target;
  private long targetNumber = -1;
  private RequestTicket targetLookup;
  private long targetLookupNotBefore = Long.MIN_VALUE;
  private Hash refusedTarget;
  private boolean targetReachedReported;

  private ForkProbe probe;
  private List<BlockHeader> adoption;
  private PeerId adoptionSupplier;
  private long adoptionJoin = -1;
  private DownloadEvent pendingEvent;
  private boolean awaitingUnwind;
  private int headDisputes;
  private final Set<PeerId> headDisputeSuppliers = new TreeSet<>();
  /** Peers that were party to a dispute or sent a wrong slice: their word alone is not taken. */
  private final Set<PeerId> disputedSuppliers = boundedSet(1024);
  private boolean closed;

  private long peakBuffered;
  private long peakForkHeaders;
  private long headersHandedOut;
  private long slicesSaved;
  private long slicesInvalid;
  private long disputeCount;
  private long disputesSettled;
  private long sliceTimeouts;
  private long requestFailures;
  private long partialAnswers;
  private long forksFound;
  private long forksJoined;
  private long forksRefused;
  private long forksAbandoned;
  private long unwinds;
  private long backtracks;

  private SliceHeaderDownloader(Builder b) {
    this.config = b.config;
    this.client = b.client;
    this.loop = b.loop;
    this.time = b.loop.timeSource();
    this.checkpoints = b.checkpoints;
    this.validator = b.validator;
    this.localChain = b.localChain;
    this.tip = b.tip;
    this.autoPump = b.autoPump;
    this.window = new SliceWindow(config.windowSlices(), config.sliceSize(), checkpoints);
    this.saved = new SavedChain(config.maxForkHeaders() + config.sliceSize(), config.maxBacktrackSlices());
    this.disputes = new Disputes(config.windowSlices() + config.maxBacktrackSlices());
  }

  /** A downloader asking {@code client} for headers, on {@code loop}. */
  public static Builder builder(SliceConfig config, HeadersClient client, TaskScheduler loop) {
    return new Builder(config, client, loop);
  }

  /** Optional parts of a {@link SliceHeaderDownloader}. */
  public static final class Builder {
    private final SliceConfig config;
    private final HeadersClient client;
    private final TaskScheduler loop;
    private CheckpointHashes checkpoints = CheckpointHashes.empty();
    private HeaderValidator validator;
    private LocalChain localChain = LocalChain.none();
    private TipEstimator tip;
    private boolean autoPump = true;

    private Builder(SliceConfig config, HeadersClient client, TaskScheduler loop) {
      this.config = Objects.requireNonNull(config, "config");
      this.client = Objects.requireNonNull(client, "client");
      this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** Shipped hashes for the preverified phase (default: none, so no preverified phase). */
    public Builder checkpoints(CheckpointHashes value) {
      checkpoints = Objects.requireNonNull(value, "checkpoints");
      return this;
    }

    /** Header rules for the linear and forky phases (default: none, links and numbers only). */
    public Builder validator(HeaderValidator value) {
      validator = value;
      return this;
    }

    /** The stored canonical chain, read when a fork must be joined below what this run handed out. */
    public Builder localChain(LocalChain value) {
      localChain = Objects.requireNonNull(value, "localChain");
      return this;
    }

    /** Where the tip estimate comes from (default: none; the target is taken as the tip). */
    public Builder tipEstimator(TipEstimator value) {
      tip = value;
      return this;
    }

    /**
     * Whether events run the pipeline's stages at once (the default). Off, a test runs each stage
     * itself and sees every state a slice passes through.
     */
    Builder manualStages() {
      autoPump = false;
      return this;
    }

    public SliceHeaderDownloader build() {
      return new SliceHeaderDownloader(this);
    }
  }

  // ------------------------------------------------------------------ HeaderDownloader

  @Override
  public Direction direction() {
    return Direction.ASCENDING;
  }

  @Override
  public void setLocalHead(BlockHeader head) {
    Objects.requireNonNull(head, "head");
    requireOpen();
    saved.resetTo(head);
    awaitingUnwind = false;
    clearHeadDisputes();
    window.reset(head.number() + 1);
    if (targetNumber >= 0) {
      window.setEnd(targetNumber);
    }
    if (adoption != null) {
      List<BlockHeader> fork = adoption;
      long join = adoptionJoin;
      adoption = null;
      adoptionJoin = -1;
      if (join == head.number() && fork.getFirst().parentHash().equals(head.hash())) {
        appendPinned(fork, adoptionSupplier);
      }
    }
    targetReachedReported = false;
    pumpIfAuto();
  }

  @Override
  public void setTarget(SyncTarget newTarget) {
    Objects.requireNonNull(newTarget, "target");
    requireOpen();
    if (target != null && target.hash().equals(newTarget.hash())) {
      return;
    }
    target = newTarget;
    targetReachedReported = false;
    if (targetLookup != null) {
      targetLookup.cancel();
      targetLookup = null;
    }
    if (probe != null && !probe.targetHash().equals(newTarget.hash())) {
      probe.cancel();
      probe = null;
    }
    for (Slice s : window.slices()) {
      if (s.state() == SliceState.FORK) {
        s.empty(); // it may lead to the new target
      }
      if (!s.preverified) {
        s.pinned = false; // pinned by the old target, perhaps
        s.missesTarget = false;
      }
    }
    if (newTarget.number().isPresent()) {
      onTargetNumber(newTarget.number().getAsLong());
    } else {
      targetNumber = -1;
      pumpIfAuto();
    }
  }

  @Override
  public Optional<DownloadEvent> poll() {
    if (closed) {
      return Optional.empty();
    }
    Optional<DownloadEvent> event = stageSave();
    pumpIfAuto();
    return event;
  }

  @Override
  public void setProgressListener(Runnable value) {
    listener = Objects.requireNonNull(value, "listener");
  }

  @Override
  public DownloaderStats stats() {
    // Requests, not slices: the slices of one request share its ticket.
    Set<RequestTicket> requests = Collections.newSetFromMap(new IdentityHashMap<>());
    int inFlight = 0;
    for (Slice s : window.slices()) {
      if (s.state() == SliceState.WAITING && (s.ticket == null || requests.add(s.ticket))) {
        inFlight++;
      }
    }
    if (probe != null && probe.ticket != null) {
      inFlight++;
    }
    if (targetLookup != null) {
      inFlight++;
    }
    return new DownloaderStats(inFlight, bufferedHeaders(), peakBuffered, bufferLimit(), headersHandedOut,
        slicesInvalid + disputesSettled + partialAnswers);
  }

  /** Slice-level figures: the window, its limits and peaks, the fork probe, counters. */
  public SliceStats sliceStats() {
    return new SliceStats(window.size(), window.peakSlices(), window.capacity(), window.heldHeaders(), window.peakHeaders(),
        config.windowHeaderLimit(), probe == null ? 0 : probe.size(), peakForkHeaders, config.maxForkHeaders(),
        slicesSaved, slicesInvalid, disputeCount, disputesSettled, sliceTimeouts, requestFailures, partialAnswers,
        forksFound, forksJoined, forksRefused, forksAbandoned, unwinds, backtracks,
        targetNumber < 0 ? OptionalLong.empty() : OptionalLong.of(linearEnd()));
  }

  /** Slice {@code index} of the window, lowest first: tests in this package drive single slices through it. */
  Slice windowSlice(int index) {
    return window.get(index);
  }

  /** The window as a picture, lowest slice first ({@link SliceState#symbol()}), for logs and tests. */
  public String windowPicture() {
    return window.render();
  }

  /** One line per slice of the window, lowest first: range, state, supplier and what vouches for it. */
  public List<String> describeWindow() {
    List<String> out = new java.util.ArrayList<>();
    for (Slice s : window.slices()) {
      out.add(s + (s.linkedBelow ? " linked" : "") + (s.pinned ? " pinned" : "") + (s.missesTarget ? " misses-target" : "")
          + (s.state() == SliceState.EMPTY && s.notBefore > time.nanoTime() ? " retry-later" : ""));
    }
    return out;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    window.reset(window.nextStart());
    if (probe != null) {
      probe.cancel();
      probe = null;
    }
    if (targetLookup != null) {
      targetLookup.cancel();
      targetLookup = null;
    }
    adoption = null;
    wakeTimer.cancel();
  }

  // ------------------------------------------------------------------ stages

  /** Runs every stage once, top of the pipeline last, and tells the listener if there is news. */
  void pump() {
    if (closed) {
      return;
    }
    stageAdvance();
    stageVerifyInternally();
    stageVerifyChain();
    stageRequest();
    notePeaks();
    if (hasNews()) {
      scheduleNotify();
    }
  }

  /** Hand-out: the lowest slice, once verified, becomes a batch; then the target, once reached. */
  Optional<DownloadEvent> stageSave() {
    if (pendingEvent != null) {
      DownloadEvent e = pendingEvent;
      pendingEvent = null;
      return Optional.of(e);
    }
    Slice lowest = lowestUnsaved();
    if (lowest != null && lowest.state() == SliceState.VERIFIED) {
      HeaderBatch batch = new HeaderBatch(lowest.headers());
      saved.saved(lowest);
      disputes.forgetUpTo(lowest.start());
      clearHeadDisputes();
      headersHandedOut += batch.size();
      slicesSaved++;
      lowest.saved();
      return Optional.of(new DownloadEvent.BatchReady(batch));
    }
    if (targetReachedNow()) {
      targetReachedReported = true;
      return Optional.of(new DownloadEvent.TargetReached(target));
    }
    return Optional.empty();
  }

  /** Window advance: saved slices leave at the bottom, empty ones join at the top. */
  void stageAdvance() {
    window.dropSaved();
    if (targetNumber >= 0 && !awaitingUnwind && adoption == null && pendingEvent == null) {
      window.fill();
    }
  }

  /** Downloaded → verified internally, invalid (supplier reported) or fork (misses the target). */
  void stageVerifyInternally() {
    for (Slice s : window.slices()) {
      if (s.state() == SliceState.DOWNLOADED) {
        verifyInternally(s);
      }
    }
  }

  /** Verified internally → verified, against the neighbours, the saved chain and the rules. */
  void stageVerifyChain() {
    propagatePins();
    checkNeighbours();
    verifyUpward();
  }

  /** Empty → waiting: requests for empty slices, lowest first, within the in-flight limit; the probe's and the target lookup's requests. */
  void stageRequest() {
    long now = time.nanoTime();
    long nextWake = Long.MAX_VALUE;
    requestTargetNumber(now);
    if (probe != null && probe.ticket == null && pendingEvent == null && !awaitingUnwind) {
      if (now >= probe.notBefore) {
        requestProbe();
      } else {
        nextWake = Math.min(nextWake, probe.notBefore);
      }
    }
    int inFlight = 0;
    for (Slice s : window.slices()) {
      if (s.state() == SliceState.WAITING) {
        inFlight++;
      }
    }
    List<Slice> slices = window.slices();
    for (int i = 0; i < slices.size(); i++) {
      Slice s = slices.get(i);
      if (s.state() == SliceState.INVALID) {
        s.empty();
      }
      if (s.state() != SliceState.EMPTY || inFlight >= config.maxInFlightSlices()) {
        continue;
      }
      if (now < s.notBefore) {
        nextWake = Math.min(nextWake, s.notBefore);
        continue;
      }
      // Adjacent empty slices go out together, up to the per-request and in-flight limits.
      int end = i + 1;
      while (end < slices.size() && end - i < config.maxSlicesPerRequest() && inFlight + (end - i) < config.maxInFlightSlices()) {
        Slice next = slices.get(end);
        if (next.state() == SliceState.INVALID) {
          next.empty();
        }
        if (next.state() != SliceState.EMPTY || now < next.notBefore) {
          break;
        }
        end++;
      }
      request(List.copyOf(slices.subList(i, end)));
      inFlight += end - i;
      i = end - 1;
    }
    if (targetNumber < 0 && target != null && targetLookup == null && now < targetLookupNotBefore) {
      nextWake = Math.min(nextWake, targetLookupNotBefore);
    }
    scheduleWake(nextWake, now);
  }

  // ------------------------------------------------------------------ internal verification

  private void verifyInternally(Slice s) {
    List<BlockHeader> hs = s.headers();
    for (int i = 0; i < hs.size(); i++) {
      BlockHeader h = hs.get(i);
      if (h.number() != s.start() + i) {
        invalid(s, true, "header " + i + " of slice #" + s.start() + ".." + s.end() + " is #" + h.number());
        return;
      }
      if (i > 0 && !h.parentHash().equals(hs.get(i - 1).hash())) {
        invalid(s, true, "header #" + h.number() + " does not link to #" + (h.number() - 1) + " by parent hash");
        return;
      }
    }
    Optional<Hash> below = checkpoints.hashAt(s.start() - 1);
    if (below.isPresent() && !s.first().parentHash().equals(below.get())) {
      invalid(s, true, "header #" + s.start() + " has parent " + s.first().parentHash() + ", checkpoint #" + (s.start() - 1)
          + " is " + below.get());
      return;
    }
    Optional<Hash> checkpoint = checkpoints.hashAt(s.end());
    if (checkpoint.isPresent()) {
      if (!s.last().hash().equals(checkpoint.get())) {
        invalid(s, true, "header #" + s.end() + " is " + s.last().hash() + ", checkpoint is " + checkpoint.get());
        return;
      }
      s.pinned = true;
      s.preverified = true;
    } else {
      applyTargetAnchor(s);
    }
    s.state(SliceState.VERIFIED_INTERNALLY);
  }

  /** The slice ending at the target's number is vouched for by the target's hash, or leads elsewhere. */
  private void applyTargetAnchor(Slice s) {
    s.missesTarget = false;
    if (target != null && s.end() == targetNumber && !s.preverified) {
      if (s.last().hash().equals(target.hash())) {
        s.pinned = true;
      } else {
        s.missesTarget = true;
      }
    }
  }

  // ------------------------------------------------------------------ chain verification

  /** Top down: a slice whose last hash is the parent of a pinned slice above it is pinned too. */
  private void propagatePins() {
    for (int i = window.size() - 2; i >= 0; i--) {
      Slice s = window.get(i);
      Slice above = window.get(i + 1);
      if (!s.pinned && hasCheckedHeaders(s) && above.pinned && hasCheckedHeaders(above)
          && above.first().parentHash().equals(s.last().hash())) {
        s.pinned = true;
        s.preverified = above.preverified;
      }
    }
  }

  /** Neighbours that both passed their own checks must link; when they do not, decide who is wrong. */
  private void checkNeighbours() {
    for (int i = 0; i + 1 < window.size(); i++) {
      Slice lower = window.get(i);
      Slice upper = window.get(i + 1);
      if (!hasCheckedHeaders(lower) || !hasCheckedHeaders(upper) || upper.first().parentHash().equals(lower.last().hash())) {
        continue;
      }
      String why = "slice #" + upper.start() + ".." + upper.end() + " does not link to slice #" + lower.start() + ".." + lower.end();
      if (upper.pinned && !lower.pinned) {
        invalid(lower, true, why + ", which is vouched for from above");
      } else if (lower.pinned && !upper.pinned) {
        invalid(upper, true, why + ", which is vouched for");
      } else if (lower.pinned) {
        // Two trusted hashes that contradict each other: a checkpoint list for another chain, or a
        // target on a branch the checkpoints exclude. Nobody's answer is to blame.
        invalid(lower, false, why + ": both are vouched for");
        invalid(upper, false, why + ": both are vouched for");
      } else {
        disputeCount++;
        disputes.record(Disputes.Version.of(lower));
        disputes.record(Disputes.Version.of(upper));
        // Both answers were useless for now. The small charge puts both peers at the back of the
        // scheduler's line for a while, so the slices are asked of others: a fast liar cannot keep
        // the dispute alive by answering both again. The loser pays properly once it is settled.
        reportUseless(lower.supplier(), why);
        if (!Objects.equals(upper.supplier(), lower.supplier())) {
          reportUseless(upper.supplier(), why);
        }
        invalid(lower, false, why);
        invalid(upper, false, why);
      }
    }
  }

  /** Bottom up: link each slice to the verified chain below, check rules, and verify what is vouched for. */
  private void verifyUpward() {
    for (int i = 0; i < window.size(); i++) {
      Slice s = window.get(i);
      if (s.state() == SliceState.SAVED || s.state() == SliceState.VERIFIED) {
        continue;
      }
      if (s.state() != SliceState.VERIFIED_INTERNALLY) {
        return;
      }
      if (!s.linkedBelow) {
        BlockHeader parent = i == 0 || window.get(i - 1).state() == SliceState.SAVED ? saved.head() : window.get(i - 1).last();
        if (parent == null || parent.number() != s.start() - 1) {
          return;
        }
        if (!s.first().parentHash().equals(parent.hash())) {
          if (i == 0 || window.get(i - 1).state() == SliceState.SAVED) {
            headLinkFailure(s);
          }
          return;
        }
        if (!s.preverified && !passesRules(s, parent)) {
          return;
        }
        s.linkedBelow = true;
      }
      if (s.missesTarget) {
        fork(s, "slice #" + s.start() + ".." + s.end() + " ends at " + s.last().hash() + ", not at the target " + target.hash());
        return;
      }
      if (s.pinned || confirmedAbove(i) || selfConfirmed(i)) {
        s.state(SliceState.VERIFIED);
        settle(s);
      } else {
        return;
      }
    }
  }

  /**
   * Whether the slices above vouch for slice {@code i}'s last header: they link up from it to a
   * slice from another peer, or to a pinned one. A peer cannot vouch for itself, or one liar
   * serving two neighbouring slices of its own branch would get the lower one saved.
   */
  private boolean confirmedAbove(int i) {
    Slice s = window.get(i);
    Slice below = s;
    for (int j = i + 1; j < window.size(); j++) {
      Slice above = window.get(j);
      if (!hasCheckedHeaders(above) || !above.first().parentHash().equals(below.last().hash())) {
        return false;
      }
      if (above.pinned || !Objects.equals(above.supplier(), s.supplier())) {
        return true;
      }
      below = above;
    }
    return false;
  }

  /**
   * When one peer supplied every slice from {@code i} to the top of a full window, nobody else can
   * vouch for slice {@code i} until something changes. If that peer was never party to a dispute,
   * its consistent run is taken (a network where one peer answers everything, or a window that one
   * fast peer filled); otherwise the slices above are dropped and asked again, and the disputes
   * have already put that peer at the back of the scheduler's line. A liar who fills a whole
   * window with its own branch before its first dispute gets it saved; the backtrack and the fork
   * probe then undo it.
   */
  private boolean selfConfirmed(int i) {
    Slice s = window.get(i);
    if (window.size() < window.capacity() || i + 1 >= window.size()) {
      return false;
    }
    Slice below = s;
    for (int j = i + 1; j < window.size(); j++) {
      Slice above = window.get(j);
      if (!hasCheckedHeaders(above) || !above.first().parentHash().equals(below.last().hash())
          || !Objects.equals(above.supplier(), s.supplier())) {
        return false;
      }
      below = above;
    }
    if (!disputedSuppliers.contains(s.supplier())) {
      return true;
    }
    for (int j = i + 1; j < window.size(); j++) {
      window.get(j).empty();
    }
    return false;
  }

  private boolean passesRules(Slice s, BlockHeader parent) {
    if (validator == null) {
      return true;
    }
    BlockHeader p = parent;
    for (BlockHeader h : s.headers()) {
      try {
        validator.validate(h, p, null);
      } catch (InvalidHeaderException e) {
        invalid(s, true, "header #" + h.number() + " breaks " + e.rule() + ": " + e.getMessage());
        return false;
      }
      p = h;
    }
    return true;
  }

  /** The lowest unsaved slice does not link to the saved head. */
  private void headLinkFailure(Slice s) {
    String why = "slice #" + s.start() + ".." + s.end() + " does not link to the saved head #" + saved.head().number();
    if (forkyAt(s)) {
      fork(s, why);
      return;
    }
    Optional<SavedChain.SavedSlice> last = saved.lastSlice();
    boolean headPinned = checkpoints.hashAt(saved.head().number()).isPresent()
        || last.map(SavedChain.SavedSlice::preverified).orElse(false);
    if (headPinned) {
      invalid(s, true, why + ", which is a checkpoint");
      return;
    }
    if (s.pinned) {
      backtrack(why + ", and the slice is vouched for");
      return;
    }
    disputeCount++;
    disputes.record(Disputes.Version.of(s));
    reportUseless(s.supplier(), why);
    headDisputes++;
    headDisputeSuppliers.add(s.supplier());
    invalid(s, false, why);
    if (headDisputes >= config.backtrackAfterDisputes() && headDisputeSuppliers.size() >= 2) {
      backtrack(why + " (" + headDisputes + " answers from " + headDisputeSuppliers.size() + " peers)");
    }
  }

  /**
   * Whether a slice that does not link to the saved head may be a competing branch rather than a
   * lie: it lies in the forky phase, and the fork probe can reach from the target down to the
   * saved head within its limit.
   */
  private boolean forkyAt(Slice s) {
    return !s.preverified && s.start() > linearEnd() && target != null && !target.hash().equals(refusedTarget)
        && targetNumber - saved.head().number() <= config.maxForkHeaders();
  }

  /** Asks the stage to unwind the last saved slice, which the chain above would not link to. */
  private void backtrack(String why) {
    long headNumber = saved.head().number();
    long floor = checkpoints.floor(headNumber - 1).orElse(0);
    Optional<SavedChain.SavedSlice> last = saved.lastSlice();
    long unwindTo;
    if (last.isPresent() && last.get().end() == headNumber) {
      SavedChain.SavedSlice s = last.get();
      unwindTo = Math.max(floor, s.start() - 1);
      disputes.record(new Disputes.Version(s.start(), (int) (s.end() - s.start() + 1), s.supplier(), s.firstParent(), s.lastHash()));
    } else {
      unwindTo = Math.max(floor, headNumber - config.sliceSize());
    }
    if (unwindTo >= headNumber) {
      clearHeadDisputes();
      return;
    }
    backtracks++;
    requestUnwind(unwindTo, "backtrack: " + why);
  }

  private void requestUnwind(long toNumber, String reason) {
    unwinds++;
    pendingEvent = new DownloadEvent.UnwindNeeded(toNumber, reason);
    awaitingUnwind = true;
    clearHeadDisputes();
    window.reset(window.lowest() == null ? window.nextStart() : window.lowest().start());
  }

  private void settle(Slice verified) {
    for (Disputes.Version loser : disputes.settle(verified)) {
      disputesSettled++;
      boolean nearTip = verified.start() > linearEnd();
      // Near the tip a losing version may be an honest peer's view of a branch that lost a reorg.
      client.reportPeer(loser.supplier(), nearTip ? Offence.USELESS_RESPONSE : Offence.WRONG_DATA,
          "slice #" + verified.start() + ".." + verified.end() + " was verified with other content than it sent");
    }
  }

  private void invalid(Slice s, boolean blameSupplier, String why) {
    slicesInvalid++;
    if (blameSupplier && s.supplier() != null) {
      disputedSuppliers.add(s.supplier());
      client.reportPeer(s.supplier(), Offence.WRONG_DATA, why);
    }
    s.state(SliceState.INVALID);
  }

  private void reportUseless(PeerId peer, String why) {
    if (peer != null) {
      disputedSuppliers.add(peer);
      client.reportPeer(peer, Offence.USELESS_RESPONSE, why);
    }
  }

  private static boolean hasCheckedHeaders(Slice s) {
    return s.state() == SliceState.VERIFIED_INTERNALLY || s.state() == SliceState.VERIFIED;
  }

  private void clearHeadDisputes() {
    headDisputes = 0;
    headDisputeSuppliers.clear();
  }

  // ------------------------------------------------------------------ forks

  private void fork(Slice s, String why) {
    s.state(SliceState.FORK);
    if (target == null || target.hash().equals(refusedTarget)) {
      return; // the target was refused or is out of reach: the fork waits for a new target
    }
    if (probe == null) {
      forksFound++;
      probe = new ForkProbe(target.hash(), targetNumber);
    }
  }

  private void requestProbe() {
    ForkProbe p = probe;
    int room = config.maxForkHeaders() - p.size();
    if (room <= 0) {
      forksAbandoned++;
      p.cancel();
      probe = null;
      refusedTarget = p.targetHash();
      return;
    }
    int limit = Math.min(config.sliceSize(), room);
    long top = p.nextNumber();
    if (top < 0) {
      forksAbandoned++;
      probe = null;
      refusedTarget = p.targetHash();
      return;
    }
    HeadersRequest request = new HeadersRequest(BlockOrigin.hash(p.nextHash()), (int) Math.min(limit, top + 1), 0, true);
    RequestOptions options = RequestOptions.of(Priority.HIGH).requiring(BlockRange.of(Math.max(0, top - limit + 1), top));
    p.ticket = PENDING;
    RequestTicket t = client.requestHeaders(request, options, new RequestListener<>() {
      @Override
      public void onResponse(PeerResponse<List<BlockHeader>> response) {
        onProbeAnswer(p, response);
      }

      @Override
      public void onFailure(RequestFailure failure) {
        onProbeFailure(p);
      }
    });
    if (p.ticket == PENDING) {
      p.ticket = t;
    }
  }

  private void onProbeAnswer(ForkProbe p, PeerResponse<List<BlockHeader>> response) {
    if (p != probe || p.ticket == null) {
      return;
    }
    p.ticket = null;
    List<BlockHeader> answer = response.value();
    Optional<String> wrong = answer.isEmpty() ? Optional.of("no headers") : p.accept(answer, response.peer());
    if (wrong.isPresent()) {
      client.reportPeer(response.peer(), answer.isEmpty() ? Offence.USELESS_RESPONSE : Offence.WRONG_DATA,
          "fork probe from " + p.nextHash() + ": " + wrong.get());
      p.notBefore = time.nanoTime() + config.retryDelay().toNanos();
    } else {
      notePeaks();
      tryJoin(p, answer.size());
    }
    pumpIfAuto();
  }

  private void onProbeFailure(ForkProbe p) {
    if (p != probe || p.ticket == null) {
      return;
    }
    p.ticket = null;
    requestFailures++;
    p.notBefore = time.nanoTime() + config.retryDelay().toNanos();
    pumpIfAuto();
  }

  /** Looks for where the probe's branch meets the local chain, among the headers just added. */
  private void tryJoin(ForkProbe p, int added) {
    long join = -1;
    for (BlockHeader h : p.lastAdded(added)) {
      Optional<Hash> local = localHash(h.number());
      if (local.isPresent() && local.get().equals(h.hash())) {
        join = h.number();
        break;
      }
    }
    if (join < 0) {
      BlockHeader lowest = p.lowest();
      Optional<Hash> local = localHash(lowest.number() - 1);
      if (local.isPresent() && local.get().equals(lowest.parentHash())) {
        join = lowest.number() - 1;
      } else if (lowest.number() == 0) {
        forksAbandoned++;
        probe = null;
        refusedTarget = p.targetHash();
        return;
      }
    }
    if (join >= 0) {
      joinFork(p, join);
    }
  }

  /** The hash of the local chain at {@code number}: verified slices in the window, then what was handed out, then the store. */
  private Optional<Hash> localHash(long number) {
    int i = window.indexOf(number);
    if (i >= 0) {
      Slice s = window.get(i);
      // Linked to the saved chain, not merely pinned: a pinned slice is on the target's branch,
      // which is what the probe is trying to join to the local chain.
      if (hasCheckedHeaders(s) && s.linkedBelow) {
        return Optional.of(s.header(number).hash());
      }
    }
    BlockHeader head = saved.head();
    if (head == null || number > head.number()) {
      return Optional.empty();
    }
    if (number == head.number()) {
      return Optional.of(head.hash());
    }
    Optional<SavedChain.Ref> ref = saved.ref(number);
    if (ref.isPresent()) {
      return Optional.of(ref.get().hash());
    }
    return localChain.canonicalHeader(number).map(BlockHeader::hash);
  }

  private void joinFork(ForkProbe p, long join) {
    List<BlockHeader> fork = p.ascendingAbove(join);
    probe = null;
    p.cancel();
    long headNumber = saved.head().number();
    if (fork.isEmpty()) {
      // The target is on the local chain already; the window only has to stop there.
      emptyForkSlices();
      window.truncateAfter(Math.min(join, window.nextStart() - 1));
      forksJoined++;
      return;
    }
    if (join >= headNumber) {
      emptyForkSlices();
      if (join == headNumber) {
        window.reset(join + 1);
      } else {
        window.truncateAfter(join);
      }
      forksJoined++;
      appendPinned(fork, p.supplierOf(fork.getLast().number()));
      return;
    }
    if (!forkWins(fork, join)) {
      forksRefused++;
      refusedTarget = p.targetHash(); // its fork slices stay as they are until a new target comes
      return;
    }
    emptyForkSlices();
    forksJoined++;
    adoption = fork;
    adoptionJoin = join;
    adoptionSupplier = p.supplierOf(fork.getLast().number());
    requestUnwind(join, "the target's branch leaves the local chain after #" + join);
  }

  /** The probe has settled what the fork slices stood for: they are asked again if still needed. */
  private void emptyForkSlices() {
    for (Slice s : window.slices()) {
      if (s.state() == SliceState.FORK) {
        s.empty();
      }
    }
  }

  /** Whether the fork above {@code join} beats the local branch above it, by the configured choice. */
  private boolean forkWins(List<BlockHeader> fork, long join) {
    if (config.forkChoice() == SliceConfig.ForkChoice.TRUSTED_TARGET) {
      return true;
    }
    BigInteger forkWork = BigInteger.ZERO;
    for (BlockHeader h : fork) {
      forkWork = forkWork.add(h.difficulty());
    }
    BigInteger localWork = BigInteger.ZERO;
    long headNumber = saved.head().number();
    for (long n = join + 1; n <= headNumber; n++) {
      Optional<SavedChain.Ref> ref = saved.ref(n);
      BigInteger d = ref.isPresent() ? ref.get().difficulty()
          : localChain.canonicalHeader(n).map(BlockHeader::difficulty).orElse(null);
      if (d == null) {
        return false; // the local branch cannot be weighed: keep it
      }
      localWork = localWork.add(d);
    }
    for (Slice s : window.slices()) {
      if (hasCheckedHeaders(s) && s.linkedBelow) {
        for (BlockHeader h : s.headers()) {
          localWork = localWork.add(h.difficulty());
        }
      }
    }
    if (forkWork.signum() == 0 && localWork.signum() == 0) {
      return true; // after the merge only the target can decide
    }
    return forkWork.compareTo(localWork) > 0;
  }

  /** Puts the target's branch on top of the window as slices vouched for by the target. */
  private void appendPinned(List<BlockHeader> fork, PeerId supplier) {
    for (int from = 0; from < fork.size(); from += config.sliceSize()) {
      List<BlockHeader> part = fork.subList(from, Math.min(fork.size(), from + config.sliceSize()));
      Slice s = new Slice(part.getFirst().number(), part.size());
      s.downloaded(part, supplier);
      s.state(SliceState.VERIFIED_INTERNALLY);
      s.pinned = true;
      window.append(s);
    }
    notePeaks();
  }

  // ------------------------------------------------------------------ requests

  /** Marks a request as sent before the client returns its ticket, in case the client answers at once. */
  private static final RequestTicket PENDING = new RequestTicket() {
    @Override
    public long id() {
      return -1;
    }

    @Override
    public boolean cancel() {
      return false;
    }
  };

  /**
   * One request for {@code group}, adjacent slices in ascending order. Each slice keeps its own
   * generation, time-out and share of the ticket: a slice emptied meanwhile (a backtrack, a
   * window change) lets go of its share, and the request is withdrawn only when no slice of the
   * group still waits for it.
   */
  private void request(List<Slice> group) {
    Slice first = group.getFirst();
    Slice last = group.getLast();
    int[] generations = new int[group.size()];
    for (int k = 0; k < group.size(); k++) {
      group.get(k).waiting(PENDING, Cancellable.NONE);
      generations[k] = group.get(k).requests;
    }
    Priority priority = first == lowestUnsaved() ? Priority.HIGH : Priority.NORMAL;
    RequestOptions options = RequestOptions.of(priority).avoiding(neighbourSuppliers(first, last));
    int count = (int) (last.end() - first.start() + 1);
    RequestTicket t = client.requestHeaders(HeadersRequest.ascending(first.start(), count), options,
        new RequestListener<>() {
          @Override
          public void onResponse(PeerResponse<List<BlockHeader>> response) {
            onGroupAnswer(group, generations, response);
          }

          @Override
          public void onFailure(RequestFailure failure) {
            for (int k = 0; k < group.size(); k++) {
              if (group.get(k).requests == generations[k]) {
                onSliceFailure(group.get(k));
              }
            }
          }
        });
    SharedTicket shared = new SharedTicket(t, group.size());
    for (int k = 0; k < group.size(); k++) {
      Slice s = group.get(k);
      int generation = generations[k];
      if (s.state() == SliceState.WAITING && s.ticket == PENDING && s.requests == generation) {
        s.ticket = shared;
        s.deadline = loop.schedule(config.sliceTimeout(), () -> {
          if (s.requests == generation) {
            onSliceTimeout(s);
          }
        });
      } else {
        shared.cancel(); // answered (or failed) at once: this slice no longer holds the request
      }
    }
  }

  /** A request several slices wait for: withdrawn when the last of them lets go. */
  private static final class SharedTicket implements RequestTicket {
    private final RequestTicket inner;
    private int holders;

    SharedTicket(RequestTicket inner, int holders) {
      this.inner = inner;
      this.holders = holders;
    }

    @Override
    public long id() {
      return inner.id();
    }

    @Override
    public boolean cancel() {
      if (holders > 0 && --holders == 0) {
        return inner.cancel();
      }
      return false;
    }
  }

  /**
   * Who supplied the slices next to the run {@code first..last}: its request prefers anyone else,
   * so neighbours come from different peers and each can vouch for the other.
   */
  private Set<PeerId> neighbourSuppliers(Slice first, Slice last) {
    Set<PeerId> out = new TreeSet<>();
    int i = window.slices().indexOf(first);
    int j = window.slices().indexOf(last);
    for (int k : new int[] {i - 1, j + 1}) {
      if (k >= 0 && k < window.size() && window.get(k).supplier() != null) {
        out.add(window.get(k).supplier());
      }
    }
    if (i == 0 || i > 0 && window.get(i - 1).state() == SliceState.SAVED) {
      saved.lastSlice().map(SavedChain.SavedSlice::supplier).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Cuts the answer into the group's slices. An answer that starts elsewhere, holds more than
   * asked, or fills no whole slice is useless: its peer is reported and every slice asked again.
   * One cut short by the peer's own serving limit keeps the whole slices it holds.
   */
  private void onGroupAnswer(List<Slice> group, int[] generations, PeerResponse<List<BlockHeader>> response) {
    if (closed) {
      return;
    }
    List<BlockHeader> headers = response.value();
    long start = group.getFirst().start();
    long asked = group.getLast().end() - start + 1;
    boolean useless = headers.size() < group.getFirst().count() || headers.size() > asked
        || headers.getFirst().number() != start;
    if (useless) {
      partialAnswers++;
      client.reportPeer(response.peer(), Offence.USELESS_RESPONSE,
          "answered " + headers.size() + " headers for slices #" + start + ".." + group.getLast().end());
    }
    for (int k = 0; k < group.size(); k++) {
      Slice s = group.get(k);
      if (s.requests != generations[k] || s.state() != SliceState.WAITING) {
        continue;
      }
      int from = (int) (s.start() - start);
      if (useless || from + s.count() > headers.size()) {
        s.empty();
      } else {
        s.downloaded(headers.subList(from, from + s.count()), response.peer());
      }
    }
    window.notePeak();
    pumpIfAuto();
  }

  private void onSliceFailure(Slice s) {
    if (s.state() != SliceState.WAITING || closed) {
      return;
    }
    requestFailures++;
    s.ticket = null;
    s.empty();
    s.notBefore = time.nanoTime() + config.retryDelay().toNanos();
    pumpIfAuto();
  }

  private void onSliceTimeout(Slice s) {
    if (s.state() != SliceState.WAITING || closed) {
      return;
    }
    sliceTimeouts++;
    s.empty();
    pumpIfAuto();
  }

  private void requestTargetNumber(long now) {
    if (target == null || targetNumber >= 0 || targetLookup != null || now < targetLookupNotBefore) {
      return;
    }
    SyncTarget asked = target;
    targetLookup = PENDING;
    RequestTicket t = client.requestHeaders(new HeadersRequest(BlockOrigin.hash(asked.hash()), 1, 0, false),
        RequestOptions.of(Priority.HIGH), new RequestListener<>() {
          @Override
          public void onResponse(PeerResponse<List<BlockHeader>> response) {
            if (target != asked || targetLookup == null) {
              return;
            }
            targetLookup = null;
            BlockHeader h = response.value().getFirst();
            if (!h.hash().equals(asked.hash())) {
              client.reportPeer(response.peer(), Offence.WRONG_DATA, "asked for " + asked.hash() + ", got " + h.hash());
              targetLookupNotBefore = time.nanoTime() + config.retryDelay().toNanos();
              pumpIfAuto();
              return;
            }
            onTargetNumber(h.number());
          }

          @Override
          public void onFailure(RequestFailure failure) {
            if (target != asked || targetLookup == null) {
              return;
            }
            targetLookup = null;
            requestFailures++;
            targetLookupNotBefore = time.nanoTime() + config.retryDelay().toNanos();
            pumpIfAuto();
          }
        });
    if (targetLookup == PENDING) {
      targetLookup = t;
    }
  }

  private void onTargetNumber(long number) {
    targetNumber = number;
    window.setEnd(number);
    for (Slice s : window.slices()) {
      if (hasCheckedHeaders(s) && s.state() != SliceState.VERIFIED) {
        applyTargetAnchor(s);
      }
    }
    BlockHeader head = saved.head();
    if (head != null && number <= head.number() && !targetReachedNow()) {
      // The target is at or below what is saved but is not on it: a fork below the local head.
      forksFound++;
      probe = new ForkProbe(target.hash(), number);
    }
    pumpIfAuto();
  }

  // ------------------------------------------------------------------ helpers

  private boolean targetReachedNow() {
    if (target == null || targetNumber < 0 || targetReachedReported || awaitingUnwind || pendingEvent != null) {
      return false;
    }
    BlockHeader head = saved.head();
    if (head == null || head.number() < targetNumber) {
      return false;
    }
    return localHash(targetNumber).map(target.hash()::equals).orElse(false);
  }

  /** Where the linear phase ends: the estimated tip minus T, never above the target. */
  long linearEnd() {
    long end = targetNumber;
    if (tip != null) {
      OptionalLong estimate = tip.estimate();
      if (estimate.isPresent()) {
        end = Math.min(end, estimate.getAsLong() - config.linearTipDistance());
      }
    } else {
      end = targetNumber - config.linearTipDistance();
    }
    return end;
  }

  private Slice lowestUnsaved() {
    for (Slice s : window.slices()) {
      if (s.state() != SliceState.SAVED) {
        return s;
      }
    }
    return null;
  }

  private boolean hasNews() {
    if (pendingEvent != null) {
      return true;
    }
    Slice lowest = lowestUnsaved();
    return lowest != null && lowest.state() == SliceState.VERIFIED || targetReachedNow();
  }

  private void scheduleNotify() {
    if (notifyScheduled) {
      return;
    }
    notifyScheduled = true;
    loop.execute(() -> {
      notifyScheduled = false;
      if (!closed) {
        listener.run();
      }
    });
  }

  private void scheduleWake(long at, long now) {
    if (at == Long.MAX_VALUE || at >= wakeAt && wakeAt > now) {
      return;
    }
    wakeTimer.cancel();
    wakeAt = at;
    wakeTimer = loop.schedule(Duration.ofNanos(Math.max(0, at - now)), () -> {
      wakeAt = Long.MAX_VALUE;
      pumpIfAuto();
    });
  }

  private void pumpIfAuto() {
    if (autoPump) {
      pump();
    }
  }

  private long bufferedHeaders() {
    return window.heldHeaders() + (probe == null ? 0 : probe.size()) + (adoption == null ? 0 : adoption.size());
  }

  private long bufferLimit() {
    return config.windowHeaderLimit() + config.maxForkHeaders();
  }

  private void notePeaks() {
    window.notePeak();
    peakBuffered = Math.max(peakBuffered, bufferedHeaders());
    if (probe != null) {
      peakForkHeaders = Math.max(peakForkHeaders, probe.size());
    }
  }

  private static Set<PeerId> boundedSet(int max) {
    return java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(java.util.Map.Entry<PeerId, Boolean> eldest) {
        return size() > max;
      }
    });
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the downloader is closed");
    }
  }
}
