package io.headersync.sync.download.reverse;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
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
import io.headersync.sync.time.TaskScheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads headers from a trusted target down to the local head.
 *
 * <p>The walk: resolve the target header by its hash (from local storage when it is there, else
 * from any peer: whatever hashes to the trusted hash is the target); then ask for ranges of
 * {@link ReverseConfig#requestLimit()} headers in reverse, from just below the lowest header known
 * down to the local head, several at once. Answers land in a heap ordered by their highest number,
 * so they may arrive in any order; the answer whose top is just below the lowest validated header
 * is taken out and checked: its top must be that header's parent by hash, its headers must link by
 * parent hash and number, and each link must pass the consensus rules (without total difficulty,
 * which is unknown going down; it is filled in ascending order afterwards). Everything validated
 * is therefore tied to the trusted target by a chain of hashes.
 *
 * <p>A wrong answer (wrong numbers, broken links, not the parent of the chain so far, more than
 * asked) is reported to the client as {@link Offence#WRONG_DATA}, an empty one as {@link
 * Offence#USELESS_RESPONSE}, and its range is asked again (the scheduler prefers another peer for
 * it, since it now ranks the reported peer last). A short answer is kept and only the missing
 * lower part is asked again.
 *
 * <p>A header that hashes to the parent hash the chain so far names, but breaks a consensus rule
 * (against its child, or a later header of the same answer against its own child), is not a
 * peer's lie: the trusted target commits to it through parent hashes, so every honest peer would
 * send the same header and asking again would loop forever. The walk stops at once, asks no more,
 * reports no peer, drops what it had validated but not handed out, and hands the stage a {@link
 * DownloadEvent.TargetChainInvalid} naming the block, the rule and the values; only a new target
 * starts it again.
 *
 * <p>When the chain comes down to the local head's number + 1 and its parent hash is the local
 * head's hash, the download is complete ({@link DownloadEvent.TargetReached}). When the parent hash
 * differs the local chain is on another branch: the downloader asks for an unwind to the local
 * head minus a step that starts at 1 and doubles up to {@link ReverseConfig#maxUnwindStep()},
 * then continues down from where it stopped once {@link #setLocalHead} gives the new head.
 *
 * <p>Memory: headers in flight, waiting in the heap, and validated but not yet handed out are
 * counted together and never exceed {@link ReverseConfig#maxBufferedHeaders()}: a new range is
 * only asked for when it fits. Ranges already reserved (re-requests) do not need new room, so a
 * missing range at the top of the heap can always be asked again and the walk never deadlocks on
 * a full buffer.
 *
 * <p>A single-threaded state machine on the sync event loop; it never blocks.
 */
public final class ReverseHeaderDownloader implements HeaderDownloader {

  private static final Logger LOG = LoggerFactory.getLogger(ReverseHeaderDownloader.class);

  /** Block numbers {@code top - count + 1 .. top}, asked for from the top down. */
  private record Range(long top, int count) {
    long bottom() {
      return top - count + 1;
    }

    @Override
    public String toString() {
      return bottom() + ".." + top;
    }
  }

  /** An answer waiting in the heap: headers in descending order, from {@code peer}. */
  private record Buffered(PeerId peer, List<BlockHeader> headers) {
    long top() {
      return headers.getFirst().number();
    }
  }

  private static final Comparator<Range> HIGHEST_RANGE_FIRST = Comparator.comparingLong(Range::top).reversed();
  private static final Comparator<Buffered> HIGHEST_ANSWER_FIRST = Comparator.comparingLong(Buffered::top).reversed();

  private final ReverseConfig config;
  private final HeadersClient client;
  private final HeaderValidator validator;
  private final TaskScheduler loop;
  private final IntSupplier usablePeers;
  private final Function<Hash, Optional<BlockHeader>> localHeaders;

  private Runnable listener = () -> {};
  private BlockHeader localHead;
  private SyncTarget target;
  /** Bumped whenever the walk restarts, so answers to abandoned requests are recognised and dropped. */
  private int generation;
  private RequestTicket resolveTicket;
  private BlockHeader targetHeader;
  private BlockHeader lowestValidated;
  /** Top of the next range never asked for yet. */
  private long nextRangeTop;
  private final Set<InFlight> inFlight = new LinkedHashSet<>();
  private final PriorityQueue<Range> retries = new PriorityQueue<>(HIGHEST_RANGE_FIRST);
  private final PriorityQueue<Buffered> heap = new PriorityQueue<>(HIGHEST_ANSWER_FIRST);
  /** Validated headers not yet handed out, highest first. */
  private final ArrayDeque<BlockHeader> validated = new ArrayDeque<>();
  private long inFlightHeaders;
  private long retryHeaders;
  private long delayedHeaders;
  private long heapHeaders;

  private boolean attached;
  private boolean targetReachedSent;
  private DownloadEvent.UnwindNeeded pendingUnwind;
  /** Set when the target's chain was found to break a rule; the walk is stopped until a new target. */
  private DownloadEvent.TargetChainInvalid targetInvalid;
  private boolean targetInvalidSent;
  private boolean awaitingLocalHead;
  private int unwindStep = 1;
  private boolean closed;

  private long peakBuffered;
  private long handedOut;
  private long rejected;
  private long requestsSent;

  /**
   * @param client where requests go (the request scheduler); offences are reported to it too
   * @param validator the consensus rules each link must pass
   * @param loop the sync event loop, for delayed re-requests
   * @param usablePeers how many peers can take requests now; concurrency scales with it
   * @param localHeaders headers already stored, by hash: a target found here costs no request
   */
  public ReverseHeaderDownloader(ReverseConfig config, HeadersClient client, HeaderValidator validator, TaskScheduler loop,
      IntSupplier usablePeers, Function<Hash, Optional<BlockHeader>> localHeaders) {
    this.config = Objects.requireNonNull(config, "config");
    this.client = Objects.requireNonNull(client, "client");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.usablePeers = Objects.requireNonNull(usablePeers, "usablePeers");
    this.localHeaders = Objects.requireNonNull(localHeaders, "localHeaders");
  }

  @Override
  public Direction direction() {
    return Direction.DESCENDING;
  }

  public ReverseConfig config() {
    return config;
  }

  @Override
  public void setProgressListener(Runnable listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public void setLocalHead(BlockHeader head) {
    Objects.requireNonNull(head, "head");
    BlockHeader previous = localHead;
    localHead = head;
    if (closed || lowestValidated == null || previous == null) {
      return;
    }
    if (head.number() > previous.number() || (head.number() == previous.number() && !head.hash().equals(previous.hash()))) {
      // The ranges asked for so far were measured against the old head; start the walk again.
      restart();
      startWalk(targetHeader);
      return;
    }
    // Lower (an unwind): the walk goes on from where it stopped, down to the new head.
    awaitingLocalHead = false;
    pendingUnwind = null;
    if (attached) {
      attached = false;
      targetReachedSent = false;
    }
    checkAttachment();
    pump();
    notifyIfReady();
  }

  /** Starts the walk from {@code newTarget}, abandoning any walk under way (even toward the same hash). */
  @Override
  public void setTarget(SyncTarget newTarget) {
    Objects.requireNonNull(newTarget, "target");
    if (localHead == null) {
      throw new IllegalStateException("set the local head before the target");
    }
    if (closed) {
      return;
    }
    restart();
    target = newTarget;
    targetHeader = null;
    targetInvalid = null;
    targetInvalidSent = false;
    unwindStep = 1;
    resolveTarget();
  }

  @Override
  public Optional<DownloadEvent> poll() {
    if (closed) {
      return Optional.empty();
    }
    if (targetInvalid != null && !targetInvalidSent) {
      targetInvalidSent = true;
      return Optional.of(targetInvalid);
    }
    if (!validated.isEmpty()) {
      int n = Math.min(config.maxBatchHeaders(), validated.size());
      List<BlockHeader> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        batch.add(validated.pollFirst());
      }
      Collections.reverse(batch);
      handedOut += n;
      pump();
      return Optional.of(new DownloadEvent.BatchReady(new HeaderBatch(batch)));
    }
    if (attached && !targetReachedSent) {
      targetReachedSent = true;
      return Optional.of(new DownloadEvent.TargetReached(target));
    }
    if (pendingUnwind != null) {
      DownloadEvent event = pendingUnwind;
      pendingUnwind = null;
      return Optional.of(event);
    }
    return Optional.empty();
  }

  @Override
  public DownloaderStats stats() {
    return new DownloaderStats(inFlight.size() + (resolveTicket != null ? 1 : 0), buffered(), peakBuffered,
        config.maxBufferedHeaders(), handedOut, rejected);
  }

  /** Requests sent so far (target resolutions included), for tests and metrics. */
  public long requestsSent() {
    return requestsSent;
  }

  /** Headers counted against the buffer limit: in flight, waiting to be re-asked, in the heap, validated. */
  public long reservedHeaders() {
    return inFlightHeaders + retryHeaders + delayedHeaders + buffered();
  }

  @Override
  public void close() {
    closed = true;
    restart();
  }

  // ---------------------------------------------------------------- walk

  private void restart() {
    generation++;
    if (resolveTicket != null) {
      resolveTicket.cancel();
      resolveTicket = null;
    }
    for (InFlight f : inFlight) {
      f.ticket.cancel();
    }
    inFlight.clear();
    retries.clear();
    heap.clear();
    validated.clear();
    inFlightHeaders = 0;
    retryHeaders = 0;
    delayedHeaders = 0;
    heapHeaders = 0;
    lowestValidated = null;
    attached = false;
    targetReachedSent = false;
    pendingUnwind = null;
    awaitingLocalHead = false;
  }

  private void resolveTarget() {
    if (closed || target == null) {
      return;
    }
    Optional<BlockHeader> local = target.hash().equals(localHead.hash()) ? Optional.of(localHead) : localHeaders.apply(target.hash());
    if (local.isPresent()) {
      startWalk(local.get());
      return;
    }
    int gen = generation;
    RequestOptions options = RequestOptions.of(Priority.HIGH);
    if (target.number().isPresent()) {
      options = options.requiring(BlockRange.single(target.number().getAsLong()));
    }
    requestsSent++;
    resolveTicket = client.requestHeaders(new HeadersRequest(BlockOrigin.hash(target.hash()), 1, 0, false), options,
        new RequestListener<>() {
          @Override
          public void onResponse(PeerResponse<List<BlockHeader>> response) {
            if (gen != generation) {
              return;
            }
            resolveTicket = null;
            List<BlockHeader> headers = response.value();
            if (headers.isEmpty() || !headers.getFirst().hash().equals(target.hash())) {
              reject(response.peer(), headers.isEmpty() ? Offence.USELESS_RESPONSE : Offence.WRONG_DATA,
                  "asked for the target " + target.hash() + ", got " + (headers.isEmpty() ? "nothing" : headers.getFirst().hash()));
              resolveTarget();
              return;
            }
            startWalk(headers.getFirst());
          }

          @Override
          public void onFailure(RequestFailure failure) {
            if (gen != generation) {
              return;
            }
            resolveTicket = null;
            LOG.debug("target {} not resolved yet: {}", target.hash(), failure);
            loop.schedule(config.failureRetryDelay(), () -> {
              if (gen == generation && lowestValidated == null && resolveTicket == null) {
                resolveTarget();
              }
            });
          }
        });
  }

  private void startWalk(BlockHeader top) {
    if (target.number().isPresent() && target.number().getAsLong() != top.number()) {
      LOG.warn("target {} was given as block {} but its header is block {}; following the header", target.hash(),
          target.number().getAsLong(), top.number());
    }
    targetHeader = top;
    lowestValidated = top;
    nextRangeTop = top.number() - 1;
    if (top.hash().equals(localHead.hash())) {
      attached = true;
      notifyIfReady();
      return;
    }
    validated.add(top);
    notePeak();
    checkAttachment();
    pump();
    notifyIfReady();
  }

  /** Judges the bottom of the validated chain against the local head, once it has come down to it. */
  private void checkAttachment() {
    if (lowestValidated == null || attached || awaitingLocalHead) {
      return;
    }
    long lowest = lowestValidated.number();
    long head = localHead.number();
    if (lowest > head + 1) {
      return;
    }
    if (lowest == head + 1 && lowestValidated.parentHash().equals(localHead.hash())) {
      attached = true;
      unwindStep = 1;
      return;
    }
    long to;
    String reason;
    if (lowest == head + 1) {
      to = Math.max(0, head - unwindStep);
      reason = "block " + lowest + " " + lowestValidated.hash() + " has parent " + lowestValidated.parentHash()
          + " but the local head " + head + " is " + localHead.hash() + "; unwinding " + (head - to) + " block(s)";
      unwindStep = (int) Math.min(config.maxUnwindStep(), (long) unwindStep * 2);
    } else {
      to = Math.max(0, lowest - 1);
      reason = "the target chain reaches block " + lowest + " at or below the local head " + head;
    }
    pendingUnwind = new DownloadEvent.UnwindNeeded(to, reason);
    awaitingLocalHead = true;
  }

  private void pump() {
    if (closed || lowestValidated == null || attached || awaitingLocalHead) {
      return;
    }
    int limit = config.concurrencyFor(usablePeers.getAsInt());
    while (inFlight.size() < limit) {
      Range range;
      if (!retries.isEmpty()) {
        range = retries.poll();
        retryHeaders -= range.count();
      } else {
        long remaining = nextRangeTop - localHead.number();
        if (remaining <= 0) {
          break;
        }
        int count = (int) Math.min(config.requestLimit(), remaining);
        if (reservedHeaders() + count > config.maxBufferedHeaders()) {
          break;
        }
        range = new Range(nextRangeTop, count);
        nextRangeTop -= count;
      }
      send(range);
    }
  }

  private void send(Range range) {
    InFlight f = new InFlight(range, generation);
    inFlight.add(f);
    inFlightHeaders += range.count();
    requestsSent++;
    // The range right below the chain is what everything buffered waits for.
    Priority priority = range.top() == lowestValidated.number() - 1 ? Priority.HIGH : Priority.NORMAL;
    f.ticket = client.requestHeaders(HeadersRequest.descending(range.top(), range.count()), RequestOptions.of(priority), f);
  }

  private void onAnswer(InFlight f, PeerResponse<List<BlockHeader>> response) {
    if (f.generation != generation || !inFlight.remove(f)) {
      return;
    }
    inFlightHeaders -= f.range.count();
    List<BlockHeader> headers = response.value();
    String problem = checkShape(f.range, headers);
    if (problem != null) {
      reject(response.peer(), headers.isEmpty() ? Offence.USELESS_RESPONSE : Offence.WRONG_DATA, problem);
      askAgain(f.range);
    } else {
      int got = headers.size();
      if (got < f.range.count()) {
        askAgain(new Range(f.range.top() - got, f.range.count() - got));
      }
      heap.add(new Buffered(response.peer(), List.copyOf(headers)));
      heapHeaders += got;
      notePeak();
      drain();
      checkAttachment();
    }
    pump();
    notifyIfReady();
  }

  private void onFailure(InFlight f, RequestFailure failure) {
    if (f.generation != generation || !inFlight.remove(f)) {
      return;
    }
    inFlightHeaders -= f.range.count();
    if (failure.reason() == RequestFailure.Reason.SHUT_DOWN) {
      LOG.debug("range {} abandoned: {}", f.range, failure);
      return;
    }
    LOG.debug("range {} failed, asking again in {}: {}", f.range, config.failureRetryDelay(), failure);
    delayedHeaders += f.range.count();
    int gen = generation;
    loop.schedule(config.failureRetryDelay(), () -> {
      if (gen == generation) {
        delayedHeaders -= f.range.count();
        askAgain(f.range);
        pump();
      }
    });
    pump();
  }

  private void askAgain(Range range) {
    retries.add(range);
    retryHeaders += range.count();
  }

  /** Moves answers from the heap into the validated chain while the highest one continues it. */
  private void drain() {
    while (!heap.isEmpty()) {
      Buffered top = heap.peek();
      long expected = lowestValidated.number() - 1;
      if (top.top() < expected) {
        return;
      }
      heap.poll();
      heapHeaders -= top.headers().size();
      if (top.top() > expected) {
        // Ranges never overlap within one walk; an answer above the chain is a leftover. Drop it.
        LOG.debug("dropping an answer from {} for {} above the chain at {}", top.peer(), top.top(), lowestValidated.number());
        continue;
      }
      BlockHeader parent = top.headers().getFirst();
      if (!parent.hash().equals(lowestValidated.parentHash())) {
        reject(top.peer(), Offence.WRONG_DATA, "block " + parent.number() + " " + parent.hash() + " is not the parent "
            + lowestValidated.parentHash() + " of block " + lowestValidated.number() + " (another chain)");
        askAgain(new Range(top.top(), top.headers().size()));
        return;
      }
      InvalidHeaderException broken = firstBrokenRule(lowestValidated, top.headers());
      if (broken != null) {
        stopOnInvalidTargetChain(broken);
        return;
      }
      validated.addAll(top.headers());
      lowestValidated = top.headers().getLast();
    }
  }

  /** What is wrong with an answer judged on its own, or null: count, numbers, links. */
  private static String checkShape(Range range, List<BlockHeader> headers) {
    if (headers.isEmpty()) {
      return "empty answer for " + range;
    }
    if (headers.size() > range.count()) {
      return "asked for " + range.count() + " headers (" + range + "), got " + headers.size();
    }
    if (headers.getFirst().number() != range.top()) {
      return "asked for " + range + " from the top, first header is block " + headers.getFirst().number();
    }
    for (int i = 1; i < headers.size(); i++) {
      BlockHeader child = headers.get(i - 1);
      BlockHeader parent = headers.get(i);
      if (parent.number() != child.number() - 1) {
        return "header " + i + " of the answer for " + range + " is block " + parent.number() + ", expected " + (child.number() - 1);
      }
      if (!child.parentHash().equals(parent.hash())) {
        return "block " + child.number() + " of the answer for " + range + " does not link to block " + parent.number();
      }
    }
    return null;
  }

  /**
   * The first consensus rule broken by {@code headers} (descending, each linked by hash to the one
   * before, the first to {@code child}), or null when every link passes.
   */
  private InvalidHeaderException firstBrokenRule(BlockHeader child, List<BlockHeader> headers) {
    try {
      validator.validate(child, headers.getFirst(), null);
      for (int i = 1; i < headers.size(); i++) {
        validator.validate(headers.get(i - 1), headers.get(i), null);
      }
    } catch (InvalidHeaderException e) {
      return e;
    }
    return null;
  }

  /** See the class comment: the target's own chain is invalid, so the walk ends here for good. */
  private void stopOnInvalidTargetChain(InvalidHeaderException broken) {
    LOG.error("the chain of the trusted target {} breaks a consensus rule; stopping: {}", target.hash(), broken.getMessage());
    Hash hash = broken.hash() != null ? broken.hash() : Hash.ZERO;
    targetInvalid = new DownloadEvent.TargetChainInvalid(target, broken.number(), hash, broken.getMessage());
    targetInvalidSent = false;
    restart();
  }

  private void reject(PeerId peer, Offence offence, String detail) {
    rejected++;
    LOG.debug("rejected an answer from {} ({}): {}", peer, offence, detail);
    client.reportPeer(peer, offence, detail);
  }

  private long buffered() {
    return heapHeaders + validated.size();
  }

  private void notePeak() {
    peakBuffered = Math.max(peakBuffered, buffered());
  }

  private void notifyIfReady() {
    if (!closed && (!validated.isEmpty() || (attached && !targetReachedSent) || pendingUnwind != null
        || (targetInvalid != null && !targetInvalidSent))) {
      listener.run();
    }
  }

  /** One range asked for; the request's listener. */
  private final class InFlight implements RequestListener<List<BlockHeader>> {
    final Range range;
    final int generation;
    RequestTicket ticket;

    InFlight(Range range, int generation) {
      this.range = range;
      this.generation = generation;
    }

    @Override
    public void onResponse(PeerResponse<List<BlockHeader>> response) {
      onAnswer(this, response);
    }

    @Override
    public void onFailure(RequestFailure failure) {
      ReverseHeaderDownloader.this.onFailure(this, failure);
    }
  }
}
