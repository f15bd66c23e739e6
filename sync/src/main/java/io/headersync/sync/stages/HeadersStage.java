package io.headersync.sync.stages;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.Checkpoint;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.sync.download.DownloadEvent;
import io.headersync.sync.download.HeaderBatch;
import io.headersync.sync.download.HeaderDownloader;
import io.headersync.sync.download.SyncTarget;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores what a {@link HeaderDownloader} hands out, {@code commitThreshold} headers per atomic
 * write, until the target is canonical.
 *
 * <p>Ascending downloaders: each write makes its headers canonical and moves the checkpoint to the
 * last one. When the local head's total difficulty is stored, the write carries the total
 * difficulty of each header too (the parent's plus its difficulty), so the {@link
 * TotalDifficultyStage} has nothing to read back for them; otherwise that stage fills it.
 *
 * <p>Descending downloaders (reverse download): headers cannot be canonical before the walk reaches
 * the local head, so each write stores them as non-canonical headers, and the same write records
 * the walk ({@link ReverseProgress}: target and lowest stored header) in the checkpoint's extra
 * bytes; the checkpoint's number stays at the canonical head, where the store's invariants want it.
 * After a restart toward the same target the walk resumes below the lowest stored header: the
 * downloader is pointed at that header, which it finds in the store without asking any peer, so no
 * committed batch is downloaded again. When the walk has reached the local head, the stored range
 * is made canonical bottom-up in chunks, each in one write with the checkpoint ({@link
 * WriteBatch#setCanonicalChain}: the store finds the chunk's headers in one sequential read, and
 * writes their total difficulties in the same pass when the head has one). The chunk tops (every
 * block number divisible by {@code commitThreshold}, and the walk's top; memory: one reference per
 * chunk) are noted as the walk is written; a walk resumed after a restart has no such note for its
 * older part, so one pass down through the store by parent hashes notes them first.
 *
 * <p>A new target during the download abandons the walk (its stored headers stay, as side
 * branches); during the canonical pass the pass finishes first. Known cost: after a reorganisation
 * at the tip the new walk downloads again the part of the old walk below the fork point, since
 * it cannot know where the branches meet before it gets there. The waste is at most what the old
 * walk had fetched, paid once per new target; resuming the old walk where the new one first meets
 * a stored header of it would avoid it (the headers are in the store, tied together by parent
 * hashes), but needs a check that the stored run is unbroken down to the old walk's lowest header
 * and a checkpoint naming both targets, and is not done yet. An unwind below the stored walk
 * keeps the walk (non-canonical headers survive {@link HeaderStore#unwindTo}) and continues it down
 * to the new head.
 *
 * <p>When the downloader finds that the trusted target's own chain breaks a rule ({@link
 * DownloadEvent.TargetChainInvalid}) the stage throws a {@link StageException} of kind {@link
 * StageException.Kind#INVALID_TARGET_CHAIN} naming the block, after writing what it had gathered,
 * and the pipeline stops: no peer can serve another chain for that target.
 */
public final class HeadersStage implements Stage {

  public static final String ID = "headers";

  private static final Logger LOG = LoggerFactory.getLogger(HeadersStage.class);

  private enum Phase { START, DOWNLOADING, LINKING, CANONICALIZING, FINISHED }

  private final HeaderStore store;
  private final HeaderDownloader downloader;
  private final boolean descending;
  private final int commitThreshold;
  private Runnable ready = () -> {};

  private SyncTarget target;
  private Phase phase = Phase.START;
  private BlockHeader localHead;
  /** The local head's total difficulty while known (stored, or computed by this stage's writes), else null. */
  private BigInteger localHeadTd;
  private boolean headMoved;

  private BlockRef walkTop;
  private BlockRef lowestStored;
  private long skipAtOrAbove = Long.MAX_VALUE;
  private final List<HeaderBatch> pending = new ArrayList<>();
  private long pendingHeaders;
  private DownloadEvent deferred;

  private BlockHeader cursor;
  /** Tops of the chunks to make canonical, highest first. */
  private final ArrayDeque<BlockRef> chunkTops = new ArrayDeque<>();
  /**
   * Whether {@link #chunkTops} was filled as this walk was downloaded, from its top: then the walk
   * is known to be one unbroken chain (the downloader hands out only parent-linked headers) and the
   * pass down the store that would note the chunk tops is skipped. A walk resumed after a restart
   * has no such record of the part stored before, and takes the pass.
   */
  private boolean chunkTopsFromDownload;

  private long headersStored;
  private long headersMadeCanonical;

  /**
   * @param commitThreshold headers gathered before one write (see {@code ReverseConfig#commitThreshold})
   */
  public HeadersStage(HeaderStore store, HeaderDownloader downloader, int commitThreshold) {
    this.store = Objects.requireNonNull(store, "store");
    this.downloader = Objects.requireNonNull(downloader, "downloader");
    if (commitThreshold < 1) {
      throw new IllegalArgumentException("commitThreshold must be positive, got " + commitThreshold);
    }
    this.commitThreshold = commitThreshold;
    this.descending = downloader.direction() == HeaderDownloader.Direction.DESCENDING;
    downloader.setProgressListener(() -> ready.run());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void setReadyListener(Runnable listener) {
    ready = Objects.requireNonNull(listener, "listener");
  }

  /** Syncs toward {@code newTarget} from now on (see the class comment for a walk under way). */
  public void setTarget(SyncTarget newTarget) {
    Objects.requireNonNull(newTarget, "target");
    if (target != null && target.hash().equals(newTarget.hash())) {
      return;
    }
    target = newTarget;
    if (phase != Phase.LINKING && phase != Phase.CANONICALIZING) {
      resetToStart();
    }
    ready.run();
  }

  public Optional<SyncTarget> target() {
    return Optional.ofNullable(target);
  }

  /** Headers written by this stage so far (non-canonical ones of a reverse walk, or canonical ones). */
  public long headersStored() {
    return headersStored;
  }

  /** Headers made canonical by the canonical pass of reverse walks. */
  public long headersMadeCanonical() {
    return headersMadeCanonical;
  }

  @Override
  public StageResult execute(ExecInput input) {
    if (target == null) {
      return new StageResult.Done(new WriteBatch(), input.checkpoint().orElseGet(() -> Checkpoint.at(readHead().number())));
    }
    return switch (phase) {
      case START -> begin(input);
      case DOWNLOADING -> download();
      case LINKING -> link();
      case CANONICALIZING -> canonicalize();
      case FINISHED -> new StageResult.Done(new WriteBatch(), Checkpoint.at(localHead.number()));
    };
  }

  @Override
  public UnwindResult unwind(UnwindInput input) {
    long to = input.to();
    headMoved = true;
    byte[] extra = input.checkpoint().map(Checkpoint::extra).orElse(new byte[0]);
    switch (phase) {
      case DOWNLOADING -> {
        if (descending) {
          // Stored non-canonical headers survive the unwind, and the walk goes on down to the new head.
          deferred = null;
          extra = walkTop != null && lowestStored != null ? new ReverseProgress(walkTop, lowestStored).encode() : new byte[0];
        } else {
          pending.clear();
          pendingHeaders = 0;
          deferred = null;
          extra = new byte[0];
        }
      }
      case LINKING -> {
        extra = lowestStored == null ? new byte[0] : new ReverseProgress(walkTop, lowestStored).encode();
        resetToStart();
      }
      case CANONICALIZING, FINISHED -> {
        // Part of the walk was canonical and is being removed: its record no longer describes the store.
        extra = new byte[0];
        resetToStart();
      }
      case START -> { }
    }
    long number = Math.min(to, input.checkpoint().map(Checkpoint::number).orElse(to));
    return new UnwindResult(true, new WriteBatch(), new Checkpoint(number, extra));
  }

  // ---------------------------------------------------------------- phases

  private StageResult begin(ExecInput input) {
    moveLocalHead(readHead());
    headMoved = false;
    if (store.isCanonical(target.hash())) {
      phase = Phase.FINISHED;
      return new StageResult.Done(new WriteBatch(), Checkpoint.at(localHead.number()));
    }
    downloader.setLocalHead(localHead);
    if (!descending) {
      downloader.setTarget(target);
      phase = Phase.DOWNLOADING;
      return new StageResult.Busy();
    }
    // The walk writes from the target down to a head often written moments ago (genesis, a
    // checkpoint); kept apart in the store's files, the walk's files need no rewriting.
    store.flush();
    Optional<ReverseProgress> progress = input.checkpoint().flatMap(cp -> ReverseProgress.decode(ID, cp.number(), cp.extra()));
    if (progress.isPresent() && progress.get().target().hash().equals(target.hash())) {
      walkTop = progress.get().target();
      lowestStored = progress.get().lowest();
      if (lowestStored.number() <= localHead.number() + 1) {
        return startLinking();
      }
      LOG.info("resuming the reverse download toward {} below the stored block {}", walkTop, lowestStored);
      skipAtOrAbove = lowestStored.number();
      downloader.setTarget(SyncTarget.of(lowestStored.hash(), lowestStored.number()));
    } else {
      downloader.setTarget(target);
      chunkTopsFromDownload = true;
    }
    phase = Phase.DOWNLOADING;
    return new StageResult.Busy();
  }

  private StageResult download() {
    if (headMoved) {
      headMoved = false;
      moveLocalHead(readHead());
      downloader.setLocalHead(localHead);
    }
    while (true) {
      if (deferred == null) {
        Optional<DownloadEvent> event = downloader.poll();
        if (event.isEmpty()) {
          return new StageResult.Waiting();
        }
        if (event.get() instanceof DownloadEvent.BatchReady ready) {
          accept(ready.batch());
          if (pendingHeaders >= commitThreshold) {
            return flush();
          }
          continue;
        }
        deferred = event.get();
      }
      if (pendingHeaders > 0) {
        return flush();
      }
      DownloadEvent event = deferred;
      deferred = null;
      switch (event) {
        case DownloadEvent.UnwindNeeded u -> {
          return new StageResult.UnwindNeeded(u.toNumber(), u.reason());
        }
        case DownloadEvent.TargetReached t -> {
          return finishDownload();
        }
        case DownloadEvent.TargetChainInvalid invalid -> throw new StageException(ID, StageException.Kind.INVALID_TARGET_CHAIN,
            invalid.number(), "the chain of the trusted target " + invalid.target().hash() + " breaks a consensus rule at block "
                + invalid.number() + " " + invalid.hash() + ": " + invalid.reason());
        case DownloadEvent.BatchReady b -> throw new IllegalStateException("batches are never deferred");
      }
    }
  }

  private void accept(HeaderBatch batch) {
    List<BlockHeader> headers = batch.headers();
    if (descending) {
      int keep = 0;
      while (keep < headers.size() && headers.get(keep).number() < skipAtOrAbove) {
        keep++;
      }
      if (keep == 0) {
        return;
      }
      if (walkTop == null) {
        for (BlockHeader h : headers) {
          if (h.hash().equals(target.hash())) {
            walkTop = new BlockRef(h.number(), h.hash());
          }
        }
      }
      batch = keep == headers.size() ? batch : new HeaderBatch(headers.subList(0, keep));
    }
    pending.add(batch);
    pendingHeaders += batch.size();
  }

  private StageResult flush() {
    WriteBatch write = new WriteBatch((int) Math.min(Integer.MAX_VALUE, pendingHeaders * 2));
    headersStored += pendingHeaders;
    Checkpoint checkpoint;
    if (descending) {
      BlockHeader lowest = null;
      if (walkTop == null) {
        throw new IllegalStateException("a reverse walk toward " + target.hash() + " handed out headers before its target");
      }
      for (HeaderBatch b : pending) {
        List<BlockHeader> headers = b.headers();
        for (BlockHeader h : headers) {
          write.putHeader(h);
        }
        if (chunkTopsFromDownload) {
          noteChunkTops(headers);
        }
        if (lowest == null || b.first().number() < lowest.number()) {
          lowest = b.first();
        }
      }
      lowestStored = new BlockRef(lowest.number(), lowest.hash());
      checkpoint = new Checkpoint(localHead.number(), new ReverseProgress(walkTop, lowestStored).encode());
    } else {
      BigInteger td = localHeadTd;
      for (HeaderBatch b : pending) {
        for (BlockHeader h : b.headers()) {
          td = td != null && h.parentHash().equals(localHead.hash()) ? td.add(h.difficulty()) : null;
          write.putCanonicalHeader(h, td);
          localHead = h;
        }
      }
      localHeadTd = td;
      checkpoint = Checkpoint.at(localHead.number());
    }
    pending.clear();
    pendingHeaders = 0;
    return new StageResult.Progress(write, checkpoint);
  }

  private StageResult finishDownload() {
    if (!descending || walkTop == null) {
      phase = Phase.FINISHED;
      return new StageResult.Done(new WriteBatch(), Checkpoint.at(readHead().number()));
    }
    return startLinking();
  }

  /** Notes the chunk tops among an ascending batch of the walk (batches arrive from the top down). */
  private void noteChunkTops(List<BlockHeader> ascending) {
    for (int i = ascending.size() - 1; i >= 0; i--) {
      BlockHeader h = ascending.get(i);
      if (h.number() % commitThreshold == 0 || h.number() == walkTop.number() && h.hash().equals(walkTop.hash())) {
        BlockRef last = chunkTops.peekLast();
        if (last == null || h.number() < last.number()) {
          chunkTops.add(new BlockRef(h.number(), h.hash()));
        }
      }
    }
  }

  private StageResult startLinking() {
    if (walkRecordedWhole()) {
      phase = Phase.CANONICALIZING;
      return new StageResult.Busy();
    }
    chunkTops.clear();
    Optional<BlockHeader> top = store.header(walkTop.hash());
    if (top.isEmpty()) {
      return abandonWalk("its top " + walkTop + " is not stored");
    }
    cursor = top.get();
    phase = Phase.LINKING;
    return new StageResult.Busy();
  }

  /**
   * Whether the chunk tops noted during the download cover the walk from its top down to a lowest
   * header that is the child of the local head, so the pass down the store can be skipped.
   */
  private boolean walkRecordedWhole() {
    if (!chunkTopsFromDownload || lowestStored == null || lowestStored.number() != localHead.number() + 1) {
      return false;
    }
    while (!chunkTops.isEmpty() && chunkTops.peekLast().number() <= localHead.number()) {
      chunkTops.pollLast();
    }
    BlockRef first = chunkTops.peekFirst();
    if (first == null || !first.equals(walkTop)) {
      return false;
    }
    Optional<BlockHeader> lowest = store.header(lowestStored.number(), lowestStored.hash());
    return lowest.isPresent() && lowest.get().parentHash().equals(localHead.hash());
  }

  /** One bounded step of the pass down the stored walk, noting the top of every chunk. */
  private StageResult link() {
    long bottom = localHead.number() + 1;
    for (int i = 0; i < commitThreshold; i++) {
      long n = cursor.number();
      if (n == walkTop.number() || (n - localHead.number()) % commitThreshold == 0) {
        chunkTops.add(new BlockRef(n, cursor.hash()));
      }
      if (n == bottom) {
        if (!cursor.parentHash().equals(localHead.hash())) {
          return abandonWalk("its block " + n + " has parent " + cursor.parentHash() + " but the head is " + localHead.hash());
        }
        phase = Phase.CANONICALIZING;
        return new StageResult.Busy();
      }
      Optional<BlockHeader> parent = store.header(n - 1, cursor.parentHash());
      if (parent.isEmpty() || parent.get().number() != n - 1) {
        return abandonWalk("the parent " + cursor.parentHash() + " of its block " + n + " is not stored");
      }
      cursor = parent.get();
    }
    return new StageResult.Busy();
  }

  /** Makes the lowest remaining chunk canonical, with the checkpoint, in one write. */
  private StageResult canonicalize() {
    BlockRef top = chunkTops.pollLast();
    int count = (int) (top.number() - localHead.number());
    WriteBatch write = new WriteBatch(1).setCanonicalChain(top.number(), top.hash());
    BlockHeader topHeader = store.header(top.number(), top.hash()).orElseThrow(() -> new StageException(ID,
        StageException.Kind.MISSING_HEADER, top.number(), "header " + top.hash() + " of the reverse walk toward " + walkTop
            + " vanished from the store"));
    localHead = topHeader;
    // The store wrote the chunk's total difficulties if the head had one; not knowing which, this
    // stage leaves them to the next, which finds them there and reads nothing back.
    localHeadTd = null;
    headersMadeCanonical += count;
    if (!chunkTops.isEmpty()) {
      return new StageResult.Progress(write, new Checkpoint(localHead.number(), new ReverseProgress(walkTop, lowestStored).encode()));
    }
    boolean latest = walkTop.hash().equals(target.hash());
    resetToStart();
    if (latest) {
      phase = Phase.FINISHED;
      return new StageResult.Done(write, Checkpoint.at(localHead.number()));
    }
    return new StageResult.Progress(write, Checkpoint.at(localHead.number()));
  }

  /** The stored walk cannot be used; forget it (the next run downloads afresh) and say why. */
  private StageResult abandonWalk(String why) {
    LOG.warn("abandoning the stored reverse walk toward {}: {}", walkTop, why);
    resetToStart();
    return new StageResult.Progress(new WriteBatch(), Checkpoint.at(localHead.number()));
  }

  private void resetToStart() {
    phase = Phase.START;
    pending.clear();
    pendingHeaders = 0;
    deferred = null;
    walkTop = null;
    lowestStored = null;
    skipAtOrAbove = Long.MAX_VALUE;
    cursor = null;
    chunkTops.clear();
    chunkTopsFromDownload = false;
  }

  private void moveLocalHead(BlockHeader head) {
    localHead = head;
    localHeadTd = store.totalDifficulty(head.number(), head.hash()).orElse(null);
  }

  private BlockHeader readHead() {
    BlockRef head = store.head().orElseThrow(() -> new StageException(ID, StageException.Kind.NO_LOCAL_HEAD, -1,
        "the store has no canonical block; initialise it with its genesis or a trusted header first"));
    return store.header(head.hash()).orElseThrow(() -> new StageException(ID, StageException.Kind.MISSING_HEADER,
        head.number(), "the canonical head " + head.hash() + " has no header"));
  }
}
