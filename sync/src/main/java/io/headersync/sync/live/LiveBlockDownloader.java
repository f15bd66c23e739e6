package io.headersync.sync.live;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.body.BodyValidator;
import io.headersync.core.block.Block;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.BodiesClient;
import io.headersync.sync.api.BodiesRequest;
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
import io.headersync.sync.time.TaskScheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link BlockDownloader} of the sync loop: a single-threaded state machine whose events are
 * submissions, answers and failures, and whose requests go out through a {@link HeadersClient}
 * and a {@link BodiesClient} (the request scheduler, which picks peers, times out and retries).
 *
 * <p>A block of a set asks for its header by hash and, room allowing, its body at the same time;
 * the body is checked once the header is there. A range walks its headers down from the tip first
 * ({@link RangeWalk}), then asks for the bodies in batches, lowest first. Every body is checked
 * against its header's roots ({@link BodyValidator}); a body that does not match is reported
 * against the peer that sent it, which puts that peer at the back of the scheduler's line, and is
 * asked for again of another peer (the request avoids every peer that lied about that block). Asking for a block already tracked joins the download under way.
 *
 * <p>Order: downloaded blocks wait in an ordered buffer (the lowest first, as in a min-heap; a
 * sorted set, because eviction needs the highest too) and are released only when no block still
 * being downloaded can have a lower number. A block whose number is not known yet (a set's hash
 * before its header arrives, a range before its tip arrives) holds everything back until it is.
 * Blocks that are downloaded together therefore come out in ascending order; a request made after
 * a higher block was already emitted can of course still emit a lower one.
 *
 * <p>Bodies are checked on the loop itself: live download moves a handful of blocks near the tip,
 * and a body's roots cost about a millisecond, so a worker pool would cost more in hand-offs than
 * it saves. A bulk body download belongs to the bodies stage, not here.
 *
 * <p>Memory: see {@link BlockDownloadConfig}. Bodies are asked for lowest first and only while
 * fewer than {@code maxHeldBlocks} are held. Should the buffer fill with high blocks waiting for a
 * lower one that has no room to come, the highest buffered block is dropped (its body is fetched
 * again later), so the lowest block always makes progress and the limit is never passed.
 */
public final class LiveBlockDownloader implements BlockDownloader {

  private final BlockDownloadConfig config;
  private final TaskScheduler loop;
  private final HeadersClient headersClient;
  private final BodiesClient bodiesClient;

  private final Map<Hash, BlockItem> items = new LinkedHashMap<>();
  /** Items whose header is known and which are not downloaded yet: their lowest number bounds what may leave. */
  private final TreeSet<BlockItem> known = new TreeSet<>(BlockItem.BY_NUMBER);
  /** Items whose header is known and whose body is not asked for. */
  private final TreeSet<BlockItem> wanting = new TreeSet<>(BlockItem.BY_NUMBER);
  /** Downloaded items waiting for their turn. */
  private final TreeSet<BlockItem> ready = new TreeSet<>(BlockItem.BY_NUMBER);
  /** Items of sets whose header still has to be asked for. */
  private final ArrayDeque<BlockItem> needHeader = new ArrayDeque<>();
  private final Set<RangeWalk> walks = new LinkedHashSet<>();
  private final Set<BodyFetch> bodyFetches = new LinkedHashSet<>();
  private final ArrayDeque<BlockDownloadEvent> output = new ArrayDeque<>();
  private final RecentHashes emitted;

  private int unknownNumbers;
  private int held;
  private int outputBlocks;
  private int headerRequests;

  private int peakHeld;
  private int peakTracked;
  private int peakBodyRequests;
  private long blocksEmitted;
  private long attached;
  private long alreadyEmitted;
  private long wrongBodies;
  private long wrongHeaders;
  private long evictions;
  private long failures;

  private Runnable progressListener = () -> {};
  private boolean pumping;
  private boolean pumpAgain;
  private boolean pumpScheduled;
  private boolean outputAdded;
  private boolean closed;

  /** A bodies request under way and the items it carries, in the order asked. */
  static final class BodyFetch {
    final List<BlockItem> items;
    RequestTicket ticket;

    BodyFetch(List<BlockItem> items) {
      this.items = List.copyOf(items);
    }
  }

  public LiveBlockDownloader(BlockDownloadConfig config, TaskScheduler loop, HeadersClient headersClient,
      BodiesClient bodiesClient) {
    this.config = Objects.requireNonNull(config, "config");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.headersClient = Objects.requireNonNull(headersClient, "headersClient");
    this.bodiesClient = Objects.requireNonNull(bodiesClient, "bodiesClient");
    this.emitted = new RecentHashes(config.emittedMemory());
  }

  // ---------------------------------------------------------------- submissions

  @Override
  public Submission download(Set<Hash> hashes) {
    requireOpen();
    List<Hash> fresh = new ArrayList<>();
    int joined = 0;
    int done = 0;
    for (Hash h : hashes) {
      BlockItem existing = items.get(h);
      if (existing != null) {
        existing.urgent = true;
        joined++;
      } else if (emitted.contains(h)) {
        done++;
      } else {
        fresh.add(h);
      }
    }
    if (tracked() + fresh.size() > config.maxTrackedBlocks()) {
      throw new IllegalStateException("cannot start " + fresh.size() + " more blocks: " + tracked()
          + " are tracked and the limit is " + config.maxTrackedBlocks());
    }
    for (Hash h : fresh) {
      BlockItem item = new BlockItem(h, true);
      items.put(h, item);
      unknownNumbers++;
      needHeader.add(item);
    }
    attached += joined;
    alreadyEmitted += done;
    pump();
    return new Submission(fresh.size(), joined, done);
  }

  @Override
  public Submission downloadRange(Hash tip, int count) {
    Objects.requireNonNull(tip, "tip");
    requireOpen();
    if (count < 1 || count > config.maxRangeCount()) {
      throw new IllegalArgumentException("range count must lie in 1.." + config.maxRangeCount() + ", got " + count);
    }
    for (RangeWalk w : walks) {
      if (w.tip.equals(tip) && w.count >= count) {
        attached += count;
        return new Submission(0, count, 0);
      }
    }
    if (tracked() + count > config.maxTrackedBlocks()) {
      throw new IllegalStateException("cannot start a range of " + count + " blocks: " + tracked()
          + " are tracked and the limit is " + config.maxTrackedBlocks());
    }
    walks.add(new RangeWalk(tip, count));
    pump();
    return new Submission(count, 0, 0);
  }

  // ---------------------------------------------------------------- output

  @Override
  public Optional<BlockDownloadEvent> poll() {
    BlockDownloadEvent e = output.poll();
    if (e instanceof BlockDownloadEvent.Downloaded) {
      outputBlocks--;
      // Room was freed: fill it on the loop, not inside the owner's poll (which may run inside
      // the progress listener).
      if (!pumpScheduled && !closed) {
        pumpScheduled = true;
        loop.execute(() -> {
          pumpScheduled = false;
          pump();
        });
      }
    }
    return Optional.ofNullable(e);
  }

  @Override
  public void setProgressListener(Runnable listener) {
    this.progressListener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public BlockDownloaderStats stats() {
    return new BlockDownloaderStats(held + outputBlocks, peakHeld, config.maxHeldBlocks(), tracked(), peakTracked,
        config.maxTrackedBlocks(), headerRequests, bodyFetches.size(), peakBodyRequests, blocksEmitted, attached,
        alreadyEmitted, wrongBodies, wrongHeaders, evictions, failures);
  }

  @Override
  public void clear() {
    for (BlockItem item : items.values()) {
      if (item.headerTicket != null) {
        item.headerTicket.cancel();
      }
    }
    for (BodyFetch f : bodyFetches) {
      f.ticket.cancel();
    }
    for (RangeWalk w : walks) {
      if (w.ticket != null) {
        w.ticket.cancel();
      }
    }
    items.clear();
    known.clear();
    wanting.clear();
    ready.clear();
    needHeader.clear();
    walks.clear();
    bodyFetches.clear();
    output.clear();
    emitted.clear();
    unknownNumbers = 0;
    held = 0;
    outputBlocks = 0;
    headerRequests = 0;
  }

  @Override
  public void close() {
    closed = true;
    clear();
  }

  // ---------------------------------------------------------------- the pump

  /** Sends what there is room for, releases what may leave, tells the owner. */
  private void pump() {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        sendHeaderRequests();
        sendWalkRequests();
        sendBodyRequests();
        release();
      } while (pumpAgain);
    } finally {
      pumping = false;
    }
    peakTracked = Math.max(peakTracked, tracked());
    if (outputAdded) {
      outputAdded = false;
      progressListener.run();
    }
  }

  private void sendHeaderRequests() {
    while (!needHeader.isEmpty() && headerRequests < config.maxHeaderRequestsInFlight()) {
      BlockItem item = needHeader.poll();
      if (items.get(item.hash) != item || item.header != null || item.headerTicket != null) {
        continue;
      }
      headerRequests++;
      HeadersRequest request = new HeadersRequest(BlockOrigin.hash(item.hash), 1, 0, false);
      HeaderListener listener = new HeaderListener(item);
      item.headerTicket = headersClient.requestHeaders(request, RequestOptions.of(Priority.HIGH), listener);
      listener.ticket = item.headerTicket;
      // The body travels with the header when there is room, as the two are independent.
      if (item.bodyFetch == null && item.earlyBody == null && room() > 0
          && bodyFetches.size() < config.maxBodyRequestsInFlight()) {
        sendBodies(List.of(item));
      }
    }
  }

  private void sendWalkRequests() {
    for (RangeWalk walk : walks) {
      if (walk.ticket != null || headerRequests >= config.maxHeaderRequestsInFlight()) {
        continue;
      }
      HeadersRequest request = walk.nextRequest(config.maxHeadersPerRequest());
      RequestOptions options = RequestOptions.normal();
      if (walk.lowest != null) {
        long top = walk.lowest.number() - 1;
        options = options.requiring(BlockRange.of(Math.max(0, top - request.limit() + 1), top));
      }
      headerRequests++;
      WalkListener listener = new WalkListener(walk, request.limit());
      walk.ticket = headersClient.requestHeaders(request, options, listener);
      listener.ticket = walk.ticket;
    }
  }

  private void sendBodyRequests() {
    while (bodyFetches.size() < config.maxBodyRequestsInFlight() && !wanting.isEmpty()) {
      if (room() <= 0 && !evictAbove(wanting.first())) {
        return;
      }
      int n = Math.min(config.maxBodiesPerRequest(), room());
      List<BlockItem> batch = new ArrayList<>(n);
      while (batch.size() < n && !wanting.isEmpty()) {
        batch.add(wanting.pollFirst());
      }
      sendBodies(batch);
    }
  }

  private void sendBodies(List<BlockItem> batch) {
    BodyFetch fetch = new BodyFetch(batch);
    List<Hash> hashes = new ArrayList<>(batch.size());
    boolean urgent = false;
    long low = Long.MAX_VALUE;
    long high = -1;
    for (BlockItem item : batch) {
      item.bodyFetch = fetch;
      hold(item);
      hashes.add(item.hash);
      urgent |= item.urgent;
      if (item.header != null) {
        low = Math.min(low, item.number());
        high = Math.max(high, item.number());
      }
    }
    RequestOptions options = RequestOptions.of(urgent ? Priority.HIGH : Priority.NORMAL);
    if (high >= 0 && batch.stream().allMatch(i -> i.header != null)) {
      options = options.requiring(BlockRange.of(low, high));
    }
    Set<PeerId> avoid = new LinkedHashSet<>();
    for (BlockItem item : batch) {
      avoid.addAll(item.wrongBodyPeers);
    }
    if (!avoid.isEmpty()) {
      // Another peer's answer, unless none is free: the one that lied may lie again.
      options = options.avoiding(avoid);
    }
    bodyFetches.add(fetch);
    peakBodyRequests = Math.max(peakBodyRequests, bodyFetches.size());
    BodiesListener listener = new BodiesListener(fetch);
    fetch.ticket = bodiesClient.requestBodies(new BodiesRequest(hashes), options, listener);
  }

  /**
   * Makes room for {@code lowest} by dropping the highest buffered block, when that block is
   * higher: it cannot leave before {@code lowest} anyway, and without room {@code lowest} could
   * never come.
   */
  private boolean evictAbove(BlockItem lowest) {
    if (ready.isEmpty() || BlockItem.BY_NUMBER.compare(ready.last(), lowest) <= 0) {
      return false;
    }
    BlockItem victim = ready.pollLast();
    victim.block = null;
    unhold(victim);
    known.add(victim);
    wanting.add(victim);
    evictions++;
    return true;
  }

  private void release() {
    long watermark = watermark();
    while (!ready.isEmpty() && ready.first().number() <= watermark) {
      BlockItem item = ready.pollFirst();
      unhold(item);
      items.remove(item.hash);
      emitted.add(item.hash);
      output.add(new BlockDownloadEvent.Downloaded(item.block));
      outputBlocks++;
      blocksEmitted++;
      outputAdded = true;
    }
  }

  /** The lowest number a block still being downloaded may have. */
  private long watermark() {
    if (unknownNumbers > 0) {
      return Long.MIN_VALUE;
    }
    long w = known.isEmpty() ? Long.MAX_VALUE : known.first().number();
    for (RangeWalk walk : walks) {
      w = Math.min(w, walk.lowestPossible());
    }
    return w;
  }

  // ---------------------------------------------------------------- headers

  private void onHeader(BlockItem item, RequestTicket ticket, PeerResponse<List<BlockHeader>> response) {
    headerRequests--;
    if (items.get(item.hash) != item || item.headerTicket != ticket) {
      pump();
      return;
    }
    item.headerTicket = null;
    BlockHeader header = response.value().getFirst();
    if (!header.hash().equals(item.hash)) {
      wrongHeaders++;
      headersClient.reportPeer(response.peer(), Offence.WRONG_DATA,
          "asked for header " + item.hash + ", got #" + header.number() + " " + header.hash());
      if (++item.headerAttempts >= config.maxHeaderAttempts()) {
        fail(item, "no peer gave header " + item.hash + " (" + item.headerAttempts + " wrong answers)");
      } else {
        needHeader.add(item);
      }
    } else {
      learnHeader(item, header);
    }
    pump();
  }

  private void onHeaderFailure(BlockItem item, RequestTicket ticket, RequestFailure failure) {
    headerRequests--;
    if (items.get(item.hash) == item && item.headerTicket == ticket) {
      item.headerTicket = null;
      fail(item, "header " + item.hash + " not downloaded: " + failure);
    }
    pump();
  }

  /** The header of {@code item} is known (and is the one of its hash). */
  private void learnHeader(BlockItem item, BlockHeader header) {
    item.header = header;
    unknownNumbers--;
    known.add(item);
    if (item.earlyBody != null) {
      BlockBody body = item.earlyBody;
      PeerId sender = item.earlyBodyPeer;
      item.earlyBody = null;
      item.earlyBodyPeer = null;
      try {
        BodyValidator.validate(header, body);
        complete(item, body);
      } catch (InvalidHeaderException e) {
        wrongBodies++;
        bodiesClient.reportPeer(sender, Offence.WRONG_DATA, "body not matching its header: " + e.getMessage());
        item.wrongBodyPeers.add(sender);
        wrongBody(item);
      }
    } else if (item.bodyFetch == null) {
      wanting.add(item);
    }
  }

  private void onWalkHeaders(RangeWalk walk, RequestTicket ticket, int limit, PeerResponse<List<BlockHeader>> response) {
    headerRequests--;
    if (!walks.contains(walk) || walk.ticket != ticket) {
      pump();
      return;
    }
    walk.ticket = null;
    List<BlockHeader> headers = response.value();
    String problem = walk.problemWith(headers, limit);
    if (problem != null) {
      wrongHeaders++;
      headersClient.reportPeer(response.peer(), Offence.WRONG_DATA, walk + ": " + problem);
      if (++walk.wrongAnswers >= config.maxHeaderAttempts()) {
        failWalk(walk, walk.wrongAnswers + " wrong answers, the last: " + problem);
      }
      pump();
      return;
    }
    if (walk.tipNumber < 0) {
      walk.tipNumber = headers.getFirst().number();
    }
    for (BlockHeader h : headers) {
      walk.received++;
      addRangeHeader(h);
    }
    walk.lowest = headers.getLast();
    walk.next = walk.lowest.parentHash();
    if (walk.finished()) {
      walks.remove(walk);
    }
    pump();
  }

  private void onWalkFailure(RangeWalk walk, RequestTicket ticket, RequestFailure failure) {
    headerRequests--;
    if (walks.contains(walk) && walk.ticket == ticket) {
      walk.ticket = null;
      failWalk(walk, failure.toString());
    }
    pump();
  }

  private void addRangeHeader(BlockHeader header) {
    Hash hash = header.hash();
    BlockItem existing = items.get(hash);
    if (existing != null) {
      attached++;
      if (existing.header == null) {
        if (existing.headerTicket != null) {
          existing.headerTicket.cancel();
          existing.headerTicket = null;
          headerRequests--;
        }
        learnHeader(existing, header);
      }
      return;
    }
    if (emitted.contains(hash)) {
      alreadyEmitted++;
      return;
    }
    BlockItem item = new BlockItem(hash, false);
    item.header = header;
    items.put(hash, item);
    known.add(item);
    wanting.add(item);
  }

  private void failWalk(RangeWalk walk, String reason) {
    walks.remove(walk);
    if (walk.ticket != null) {
      walk.ticket.cancel();
      walk.ticket = null;
      headerRequests--;
    }
    failures++;
    OptionalLong number = walk.lowest == null ? OptionalLong.empty() : OptionalLong.of(walk.lowest.number() - 1);
    output.add(new BlockDownloadEvent.Failed(walk.next, number,
        walk + ": stopped after " + walk.received + " headers: " + reason));
    outputAdded = true;
  }

  // ---------------------------------------------------------------- bodies

  private void onBodies(BodyFetch fetch, PeerResponse<List<BlockBody>> response) {
    if (!bodyFetches.remove(fetch)) {
      pump();
      return;
    }
    List<BlockBody> bodies = response.value();
    BlockItem single = fetch.items.size() == 1 ? fetch.items.getFirst() : null;
    if (single != null && single.header == null) {
      // Sent with its header request; checked once the header is here.
      if (current(single, fetch)) {
        single.bodyFetch = null;
        if (bodies.isEmpty()) {
          unhold(single);
        } else {
          single.earlyBody = bodies.getFirst();
          single.earlyBodyPeer = response.peer();
        }
      }
      pump();
      return;
    }
    List<BlockHeader> headers = fetch.items.stream().map(i -> i.header).toList();
    BodyMatcher.Result result = BodyMatcher.match(headers, bodies);
    int wrong = 0;
    String firstProblem = null;
    for (BodyMatcher.Verdict verdict : result.verdicts()) {
      BlockItem item = fetch.items.get(verdict.index());
      if (verdict instanceof BodyMatcher.Wrong w) {
        wrong++;
        firstProblem = firstProblem == null ? w.reason() : firstProblem;
      }
      if (!current(item, fetch)) {
        continue;
      }
      item.bodyFetch = null;
      switch (verdict) {
        case BodyMatcher.Matched m -> complete(item, m.body());
        case BodyMatcher.Wrong w -> {
          item.wrongBodyPeers.add(response.peer());
          wrongBody(item);
        }
        case BodyMatcher.Missing m -> {
          unhold(item);
          wanting.add(item);
        }
      }
    }
    if (wrong > 0 || result.leftOver() > 0) {
      wrongBodies += wrong + result.leftOver();
      bodiesClient.reportPeer(response.peer(), Offence.WRONG_DATA, (wrong + result.leftOver()) + " of "
          + bodies.size() + " bodies match no block asked for" + (firstProblem == null ? "" : "; " + firstProblem));
    }
    pump();
  }

  private void onBodiesFailure(BodyFetch fetch, RequestFailure failure) {
    if (bodyFetches.remove(fetch)) {
      for (BlockItem item : fetch.items) {
        if (current(item, fetch)) {
          item.bodyFetch = null;
          unhold(item);
          if (++item.bodyAttempts >= config.maxBodyAttempts()) {
            fail(item, "body not downloaded after " + item.bodyAttempts + " attempts, the last: " + failure);
          } else if (item.header != null) {
            wanting.add(item);
          }
        }
      }
    }
    pump();
  }

  private boolean current(BlockItem item, BodyFetch fetch) {
    return items.get(item.hash) == item && item.bodyFetch == fetch;
  }

  private void complete(BlockItem item, BlockBody body) {
    item.block = new Block(item.header, body);
    known.remove(item);
    ready.add(item);
  }

  private void wrongBody(BlockItem item) {
    unhold(item);
    if (++item.bodyAttempts >= config.maxBodyAttempts()) {
      fail(item, "no matching body after " + item.bodyAttempts + " attempts");
    } else {
      wanting.add(item);
    }
  }

  private void fail(BlockItem item, String reason) {
    items.remove(item.hash);
    if (item.headerTicket != null) {
      item.headerTicket.cancel();
      item.headerTicket = null;
      headerRequests--;
    }
    if (item.bodyFetch != null && item.bodyFetch.items.size() == 1) {
      item.bodyFetch.ticket.cancel();
      bodyFetches.remove(item.bodyFetch);
    }
    item.bodyFetch = null;
    unhold(item);
    if (item.header == null) {
      unknownNumbers--;
    } else {
      known.remove(item);
      wanting.remove(item);
      ready.remove(item);
    }
    failures++;
    OptionalLong number = item.header == null ? OptionalLong.empty() : OptionalLong.of(item.number());
    output.add(new BlockDownloadEvent.Failed(item.hash, number, reason));
    outputAdded = true;
  }

  // ---------------------------------------------------------------- bookkeeping

  private void hold(BlockItem item) {
    if (!item.holdsSlot) {
      item.holdsSlot = true;
      held++;
      peakHeld = Math.max(peakHeld, held + outputBlocks);
    }
  }

  private void unhold(BlockItem item) {
    if (item.holdsSlot) {
      item.holdsSlot = false;
      held--;
    }
  }

  private int room() {
    return config.maxHeldBlocks() - held - outputBlocks;
  }

  private int tracked() {
    int n = items.size();
    for (RangeWalk w : walks) {
      n += w.expected();
    }
    return n;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the block downloader is closed");
    }
  }

  // ---------------------------------------------------------------- listeners

  private final class HeaderListener implements RequestListener<List<BlockHeader>> {
    final BlockItem item;
    RequestTicket ticket;

    HeaderListener(BlockItem item) {
      this.item = item;
    }

    @Override
    public void onResponse(PeerResponse<List<BlockHeader>> response) {
      onHeader(item, ticket, response);
    }

    @Override
    public void onFailure(RequestFailure failure) {
      onHeaderFailure(item, ticket, failure);
    }
  }

  private final class WalkListener implements RequestListener<List<BlockHeader>> {
    final RangeWalk walk;
    final int limit;
    RequestTicket ticket;

    WalkListener(RangeWalk walk, int limit) {
      this.walk = walk;
      this.limit = limit;
    }

    @Override
    public void onResponse(PeerResponse<List<BlockHeader>> response) {
      onWalkHeaders(walk, ticket, limit, response);
    }

    @Override
    public void onFailure(RequestFailure failure) {
      onWalkFailure(walk, ticket, failure);
    }
  }

  private final class BodiesListener implements RequestListener<List<BlockBody>> {
    final BodyFetch fetch;

    BodiesListener(BodyFetch fetch) {
      this.fetch = fetch;
    }

    @Override
    public void onResponse(PeerResponse<List<BlockBody>> response) {
      onBodies(fetch, response);
    }

    @Override
    public void onFailure(RequestFailure failure) {
      onBodiesFailure(fetch, failure);
    }
  }
}
