package io.headersync.sync.follow;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.core.block.Block;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.BlockRef;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreException;
import io.headersync.store.WriteBatch;
import io.headersync.sync.api.BlockAnnouncement;
import io.headersync.sync.api.DisconnectReason;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerChainState;
import io.headersync.sync.api.PeerHandle;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerReporter;
import io.headersync.sync.api.PeerSetListener;
import io.headersync.sync.download.SyncTarget;
import io.headersync.sync.live.BlockDownloadEvent;
import io.headersync.sync.live.BlockDownloader;
import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.TaskScheduler;
import io.headersync.sync.tip.TipListener;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the canonical chain on the network's tip once the header sync has caught up: new heads
 * announced by peers (eth/68 NewBlockHashes and NewBlock, eth/69 BlockRangeUpdate, as the transport
 * reports them through {@link PeerSetListener}) and new targets (the {@link
 * io.headersync.sync.tip.TipTracker}'s, or {@link #setTarget} from a consensus client) are
 * downloaded as full blocks by the {@link BlockDownloader}, checked, and made canonical.
 *
 * <h2>What is downloaded</h2>
 * A head a few blocks ahead is asked for as a range ending at it (one block: by hash); a block whose
 * parent is unknown waits as an orphan while a walk back asks for the blocks below it by parent hash,
 * deeper at each step ({@link FollowConfig#walkBackStep()}), until a stored block is reached or the
 * walk would pass {@link FollowConfig#maxReorgDepth()} below the head. A target further ahead than
 * {@link FollowConfig#liveGapLimit()}, or whose branch forks deeper than a reorganisation may reach,
 * is handed back to a header sync ({@link SyncHandback}); an announcement that far is ignored (one
 * peer's word never starts a sync leg; the tip tracker's median does).
 *
 * <h2>What is checked</h2>
 * Every header, against its parent, by the chain's {@link HeaderValidator} with the parent's total
 * difficulty; the block downloader has already matched each body to its header's roots. A header
 * that breaks a rule is remembered as bad with all its descendants, and each peer that announced one
 * of them is reported ({@link Offence#WRONG_DATA}); so is a peer whose announced total difficulty is
 * not the block's. Total difficulty is always computed here, never taken from a peer.
 *
 * <h2>Fork choice and the write</h2>
 * See {@link ForkChoiceRule}. The chosen branch is written in one atomic store write ({@link
 * BranchWrite}): the old branch above the forking point is demoted (its headers stay stored, no
 * longer canonical), the new branch is put canonical with its total difficulties and the stage
 * checkpoints, bodies of the newest {@link FollowConfig#bodiesKept()} blocks are kept and older
 * ones deleted. Listeners hear of it after the write ({@link FollowListener}).
 *
 * <h2>Lifecycle</h2>
 * {@link #start()} when the controller reports the target reached (its head and total difficulty
 * are in the store); the follower then writes until it hands back, and {@link #resume()} after the
 * next leg. A follower built over a store a previous process left behind resumes from its head:
 * everything it knows lives in the store, except side branches and bad hashes, which are
 * re-learnt.
 *
 * <p>A single-threaded state machine on the sync loop: every method must be called from it, and
 * time comes from the loop's {@link io.headersync.sync.time.TimeSource}. It knows no transport.
 */
public final class TipFollower implements PeerSetListener, TipListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TipFollower.class);

  /** Where the follower is. */
  public enum State {
    /** Not started: the header sync has not reached its target yet. */
    IDLE,
    /** Following the tip and writing the store. */
    FOLLOWING,
    /** Handed back to a header sync; writes nothing until {@link #resume()}. */
    HANDED_BACK,
    CLOSED
  }

  private final FollowConfig config;
  private final HeaderStore store;
  private final TaskScheduler loop;
  private final HeaderValidator validator;
  private final BlockDownloader downloader;
  private final PeerReporter reporter;
  private final SyncHandback handback;
  private final List<FollowListener> listeners = new ArrayList<>();

  private final SideBranches side;
  private final Orphans orphans;
  private final BadBlocks bad;
  private final Announcers announcers;
  /** Heads (and walk-back parents) asked of the downloader, with when they were asked. */
  private final Map<Hash, Long> pursuits = new LinkedHashMap<>();
  /** Headers this follower demoted, deleted once deeper than any reorganisation may reach. */
  private final ArrayDeque<BlockRef> demoted = new ArrayDeque<>();
  /** Lowest blocks of waiting branches whose walk back would pass the reorganisation limit. */
  private final Set<Hash> tooDeep = new HashSet<>();

  private State state = State.IDLE;
  private BlockHeader head;
  private BigInteger headTotalDifficulty;
  private SyncTarget target;
  private Cancellable targetRetry = Cancellable.NONE;
  private boolean drainScheduled;

  private long headsAdopted;
  private long blocksAdded;
  private long reorgs;
  private int deepestReorg;
  private long invalidBlocks;
  private long peerReports;
  private long handbacks;
  private long ignored;
  private long downloadFailures;

  /**
   * @param validator the chain's header rules
   * @param downloader the live block downloader this follower owns from now on (it sets its
   *     progress listener and clears it on start and hand-back)
   * @param reporter where peers that announced invalid blocks or false total difficulty are reported
   *     (the request scheduler)
   * @param handback where the chain goes back to a header sync
   */
  public TipFollower(FollowConfig config, HeaderStore store, TaskScheduler loop, HeaderValidator validator,
      BlockDownloader downloader, PeerReporter reporter, SyncHandback handback) {
    this.config = Objects.requireNonNull(config, "config");
    this.store = Objects.requireNonNull(store, "store");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.downloader = Objects.requireNonNull(downloader, "downloader");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.handback = Objects.requireNonNull(handback, "handback");
    this.side = new SideBranches(config.maxSideHeaders());
    this.orphans = new Orphans(config.maxOrphans());
    this.bad = new BadBlocks(config.badHashMemory());
    this.announcers = new Announcers(config.maxSideHeaders() + config.maxOrphans());
    downloader.setProgressListener(this::scheduleDrain);
  }

  public void addListener(FollowListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Starts following from the store's canonical head, which must have its total difficulty (the
   * controller is synced).
   *
   * @throws IllegalStateException when the store has no head or no total difficulty for it, or the
   *     follower is closed
   */
  public void start() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("the tip follower is closed");
    }
    BlockRef ref = store.head().orElseThrow(() -> new IllegalStateException(
        "the store has no canonical block; the follower starts once the header sync reached its target"));
    BlockHeader h = store.header(ref.hash()).orElseThrow(() -> new IllegalStateException(
        "the canonical head " + ref + " has no stored header"));
    BigInteger td = store.totalDifficulty(ref.number(), ref.hash()).orElseThrow(() -> new IllegalStateException(
        "the canonical head " + ref + " has no total difficulty yet; start the follower once the sync is complete"));
    head = h;
    headTotalDifficulty = td;
    downloader.clear();
    pursuits.clear();
    orphans.clear();
    tooDeep.clear();
    state = State.FOLLOWING;
    LOG.info("following the tip from #{} {}", h.number(), h.hash());
    pursueTarget();
  }

  /** Starts again after a hand-back, from the head the header sync left. */
  public void resume() {
    start();
  }

  public State state() {
    return state;
  }

  /** The canonical head as this follower last wrote or read it; empty before {@link #start()}. */
  public Optional<BlockHeader> head() {
    return Optional.ofNullable(head);
  }

  @Override
  public void close() {
    if (state != State.CLOSED) {
      state = State.CLOSED;
      targetRetry.cancel();
      downloader.clear();
    }
  }

  // ---------------------------------------------------------------- inputs

  /** The chain should go to {@code newTarget} (a consensus client's forkchoiceUpdated, or a trusted hash). */
  public void setTarget(SyncTarget newTarget) {
    targetChanged(newTarget);
  }

  @Override
  public void targetChanged(SyncTarget newTarget) {
    target = Objects.requireNonNull(newTarget, "target");
    if (state == State.FOLLOWING) {
      pursueTarget();
    }
  }

  @Override
  public void peerConnected(PeerHandle peer) {
    heard(peer.id(), peer.chainState());
  }

  @Override
  public void peerDisconnected(PeerId peer, DisconnectReason reason) {
    // Nothing pursued belongs to one peer: the downloader asks whoever has it.
  }

  @Override
  public void peerChainStateChanged(PeerId peer, PeerChainState chainState) {
    heard(peer, chainState);
  }

  @Override
  public void blockAnnounced(PeerId peer, BlockAnnouncement announcement) {
    announced(peer, announcement.hash(), announcement.number(), announcement.totalDifficulty());
  }

  private void heard(PeerId peer, PeerChainState chainState) {
    // An eth/68 Status names no number: how far away the head is cannot be judged until it is
    // announced, so it is left to the tip tracker.
    OptionalLong number = chainState.headNumber();
    if (number.isPresent()) {
      announced(peer, chainState.headHash(), number.getAsLong(), chainState.totalDifficulty());
    }
  }

  private void announced(PeerId peer, Hash hash, long number, Optional<BigInteger> claimedTd) {
    if (state != State.FOLLOWING) {
      return; // the target carries what matters into the next start
    }
    if (bad.contains(hash)) {
      report(peer, "announced block #" + number + " " + hash + ", which is invalid: " + bad.reason(hash));
      return;
    }
    Optional<BigInteger> knownTd = validatedTotalDifficulty(hash);
    if (knownTd.isPresent()) {
      claimedTd.ifPresent(claim -> checkClaim(peer, hash, number, claim, knownTd.get()));
      decide();
      return;
    }
    announcers.record(hash, peer, claimedTd);
    if (orphans.contains(hash) || pursuits.containsKey(hash) || store.blockNumber(hash).isPresent()) {
      return;
    }
    if (number <= head.number() - config.maxReorgDepth() || number > head.number() + config.liveGapLimit()) {
      ignored++;
      return;
    }
    pursue(hash, OptionalLong.of(number));
  }

  // ---------------------------------------------------------------- downloading

  private void pursueTarget() {
    if (state != State.FOLLOWING || target == null) {
      return;
    }
    Hash hash = target.hash();
    if (store.isCanonical(hash) || bad.contains(hash)) {
      if (bad.contains(hash)) {
        LOG.warn("the target {} is an invalid block: {}", hash, bad.reason(hash));
      }
      return;
    }
    if (side.contains(hash)) {
      decide();
      return;
    }
    Optional<SideBlock> stored = knownBlock(hash);
    if (stored.isPresent()) {
      // A side branch stored earlier (demoted by a reorganisation) that the target names again.
      side.add(stored.get());
      decide();
      return;
    }
    OptionalLong number = target.number();
    if (number.isPresent()) {
      long n = number.getAsLong();
      if (n - head.number() > config.liveGapLimit()) {
        handBack("the target #" + n + " is " + (n - head.number()) + " blocks ahead of the head #" + head.number()
            + ", beyond the live gap limit of " + config.liveGapLimit());
        return;
      }
      if (n <= head.number() - config.maxReorgDepth()) {
        handBack("the target #" + n + " is not canonical and lies " + (head.number() - n)
            + " blocks below the head, deeper than a reorganisation may reach (" + config.maxReorgDepth() + ")");
        return;
      }
    }
    if (!orphans.contains(hash) && !pursuits.containsKey(hash)) {
      pursue(hash, number);
    }
  }

  /** Asks for {@code hash} and, when its number says the gap is wider than one block, the blocks below it. */
  private void pursue(Hash hash, OptionalLong number) {
    expirePursuits();
    if (pursuits.size() >= config.maxPursuits()) {
      ignored++;
      return;
    }
    long gap = number.isPresent() ? number.getAsLong() - head.number() : 1;
    try {
      if (gap >= 2) {
        downloader.downloadRange(hash, (int) gap);
      } else {
        downloader.download(Set.of(hash));
      }
      pursuits.put(hash, loop.timeSource().nanoTime());
    } catch (IllegalStateException | IllegalArgumentException e) {
      ignored++;
      LOG.debug("not downloading {}: {}", hash, e.getMessage());
    }
  }

  /** Asks for the blocks below {@code orphan}, whose parent is unknown, down toward the deepest allowed forking point. */
  private void walkBack(Block orphan) {
    Hash parent = orphan.header().parentHash();
    long parentNumber = orphan.number() - 1;
    long oldest = store.oldestCanonical().map(BlockRef::number).orElse(0L);
    long lowestForkPoint = Math.max(oldest, head.number() - config.maxReorgDepth());
    if (parentNumber <= lowestForkPoint) {
      tooDeep(orphan);
      return;
    }
    if (pursuits.containsKey(parent)) {
      return;
    }
    long count = parentNumber > head.number()
        ? parentNumber - head.number() + config.walkBackStep()
        : Math.max(config.walkBackStep(), head.number() - parentNumber + 1);
    count = Math.min(count, parentNumber - lowestForkPoint);
    expirePursuits();
    try {
      downloader.downloadRange(parent, (int) count);
      pursuits.put(parent, loop.timeSource().nanoTime());
    } catch (IllegalStateException | IllegalArgumentException e) {
      ignored++;
      LOG.debug("not walking back from {}: {}", parent, e.getMessage());
    }
  }

  private void tooDeep(Block orphan) {
    ignored++;
    if (tooDeep.size() >= config.maxOrphans()) {
      tooDeep.clear(); // bounded like the orphans it names; a target still waiting walks back again
    }
    tooDeep.add(orphan.hash());
    LOG.debug("branch below #{} {} forks deeper than {} blocks; not followed", orphan.number(), orphan.hash(),
        config.maxReorgDepth());
  }

  /** Hands back when the target waits on a branch whose walk back hit the depth limit. */
  private void checkDeepTarget() {
    if (state != State.FOLLOWING || target == null || tooDeep.isEmpty()) {
      return;
    }
    Block root = orphans.rootOf(target.hash());
    if (root != null && tooDeep.contains(root.hash())) {
      handBack("the target's branch forks more than " + config.maxReorgDepth() + " blocks below the head #" + head.number());
    }
  }

  private void expirePursuits() {
    long now = loop.timeSource().nanoTime();
    long timeout = config.pursuitTimeout().toNanos();
    pursuits.values().removeIf(at -> now - at >= timeout);
  }

  private void scheduleDrain() {
    if (!drainScheduled) {
      drainScheduled = true;
      loop.execute(this::drain);
    }
  }

  private void drain() {
    drainScheduled = false;
    for (Optional<BlockDownloadEvent> e = downloader.poll(); e.isPresent(); e = downloader.poll()) {
      if (state != State.FOLLOWING) {
        continue;
      }
      switch (e.get()) {
        case BlockDownloadEvent.Downloaded d -> {
          pursuits.remove(d.block().hash());
          onBlock(d.block());
        }
        case BlockDownloadEvent.Failed f -> {
          pursuits.remove(f.hash());
          downloadFailures++;
          LOG.debug("download failed: {}", f.reason());
          if (target != null && f.hash().equals(target.hash())) {
            targetRetry.cancel();
            targetRetry = loop.schedule(config.targetRetryDelay(), this::pursueTarget);
          }
        }
      }
    }
    checkDeepTarget();
    decide();
  }

  // ---------------------------------------------------------------- checking

  private void onBlock(Block block) {
    Hash hash = block.hash();
    if (side.contains(hash) || store.blockNumber(hash).isPresent()) {
      return;
    }
    Hash parentHash = block.header().parentHash();
    if (bad.contains(parentHash)) {
      markBad(block, "descends from invalid block " + parentHash + ": " + bad.reason(parentHash));
      return;
    }
    if (orphans.contains(parentHash)) {
      orphans.add(block); // its parent waits for a walk back already
      return;
    }
    Optional<SideBlock> parent = knownBlock(parentHash);
    if (parent.isEmpty()) {
      orphans.add(block);
      walkBack(block);
      return;
    }
    attach(block, parent.get());
  }

  /** Checks {@code first} against its parent, then every orphan waiting on it, in turn. */
  private void attach(Block first, SideBlock firstParent) {
    ArrayDeque<Map.Entry<Block, SideBlock>> work = new ArrayDeque<>();
    work.add(Map.entry(first, firstParent));
    while (!work.isEmpty()) {
      Map.Entry<Block, SideBlock> next = work.poll();
      Block block = next.getKey();
      SideBlock parent = next.getValue();
      BlockHeader h = block.header();
      try {
        validator.validate(h, parent.header(), parent.totalDifficulty());
      } catch (InvalidHeaderException e) {
        markBad(block, "breaks the " + e.rule() + " rule: " + e.getMessage());
        continue;
      }
      SideBlock checked = new SideBlock(h, parent.totalDifficulty().add(h.difficulty()), block.body());
      side.add(checked);
      for (Map.Entry<PeerId, Optional<BigInteger>> a : announcers.take(h.hash()).entrySet()) {
        a.getValue().ifPresent(claim -> checkClaim(a.getKey(), h.hash(), h.number(), claim, checked.totalDifficulty()));
      }
      for (Block child : orphans.takeChildren(h.hash())) {
        work.add(Map.entry(child, checked));
      }
    }
  }

  private void markBad(Block first, String firstReason) {
    ArrayDeque<Map.Entry<Block, String>> work = new ArrayDeque<>();
    work.add(Map.entry(first, firstReason));
    while (!work.isEmpty()) {
      Map.Entry<Block, String> next = work.poll();
      Block block = next.getKey();
      bad.add(block.hash(), next.getValue());
      invalidBlocks++;
      LOG.warn("invalid block #{} {}: {}", block.number(), block.hash(), next.getValue());
      for (PeerId peer : announcers.take(block.hash()).keySet()) {
        report(peer, "announced block #" + block.number() + " " + block.hash() + ", which " + next.getValue());
      }
      for (Block child : orphans.takeChildren(block.hash())) {
        work.add(Map.entry(child, "descends from invalid block " + block.hash()));
      }
    }
  }

  private void checkClaim(PeerId peer, Hash hash, long number, BigInteger claimed, BigInteger actual) {
    if (!claimed.equals(actual)) {
      report(peer, "announced total difficulty " + claimed + " for block #" + number + " " + hash + ", whose total difficulty is "
          + actual);
    }
  }

  private void report(PeerId peer, String detail) {
    peerReports++;
    reporter.reportPeer(peer, Offence.WRONG_DATA, detail);
  }

  /** A validated block by hash: held in memory, or stored (canonical or a side branch) with its total difficulty. */
  private Optional<SideBlock> knownBlock(Hash hash) {
    Optional<SideBlock> held = side.get(hash);
    if (held.isPresent()) {
      return held;
    }
    OptionalLong number = store.blockNumber(hash);
    if (number.isEmpty()) {
      return Optional.empty();
    }
    Optional<BigInteger> td = store.totalDifficulty(number.getAsLong(), hash);
    Optional<BlockHeader> header = store.header(hash);
    if (td.isEmpty() || header.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SideBlock(header.get(), td.get(), null));
  }

  private Optional<BigInteger> validatedTotalDifficulty(Hash hash) {
    Optional<SideBlock> held = side.get(hash);
    if (held.isPresent()) {
      return Optional.of(held.get().totalDifficulty());
    }
    OptionalLong number = store.blockNumber(hash);
    return number.isEmpty() ? Optional.empty() : store.totalDifficulty(number.getAsLong(), hash);
  }

  // ---------------------------------------------------------------- fork choice

  private void decide() {
    if (state != State.FOLLOWING) {
      return;
    }
    SideBlock chosen = null;
    if (target != null) {
      chosen = side.get(target.hash()).filter(this::choosesByTarget).orElse(null);
    }
    if (chosen == null && config.forkChoice() != ForkChoiceRule.TARGET) {
      BigInteger best = headTotalDifficulty;
      for (SideBlock b : side.all()) {
        // Strictly more: on a tie the canonical chain stays (see ForkChoiceRule).
        if (!choosesByTarget(b) && b.totalDifficulty().compareTo(best) > 0) {
          best = b.totalDifficulty();
          chosen = b;
        }
      }
    }
    if (chosen != null) {
      adopt(chosen);
    }
  }

  private boolean choosesByTarget(SideBlock b) {
    return switch (config.forkChoice()) {
      case TARGET -> true;
      case TOTAL_DIFFICULTY -> false;
      case AUTO -> b.header().difficulty().signum() == 0;
    };
  }

  /** Makes the branch ending at {@code tip} canonical in one write. */
  private void adopt(SideBlock tip) {
    List<SideBlock> branch = new ArrayList<>();
    SideBlock cursor = tip;
    BlockHeader forkPointHeader;
    while (true) {
      branch.add(cursor);
      Hash parent = cursor.header().parentHash();
      if (store.isCanonical(parent)) {
        forkPointHeader = store.header(parent).orElse(null);
        break;
      }
      Optional<SideBlock> next = knownBlock(parent);
      if (next.isEmpty() || branch.size() > config.maxReorgDepth() + config.liveGapLimit()) {
        LOG.debug("branch to #{} {} no longer links to the canonical chain", tip.header().number(), tip.header().hash());
        side.remove(tip.header().hash());
        return;
      }
      cursor = next.get();
    }
    if (forkPointHeader == null) {
      return;
    }
    Collections.reverse(branch);
    BlockRef forkPoint = new BlockRef(forkPointHeader.number(), forkPointHeader.hash());
    BlockRef oldHead = new BlockRef(head.number(), head.hash());
    if (oldHead.number() - forkPoint.number() > config.maxReorgDepth()) {
      side.remove(tip.header().hash());
      return;
    }
    List<BlockHeader> removed = new ArrayList<>();
    for (long n = forkPoint.number() + 1; n <= oldHead.number(); n++) {
      store.canonicalHeader(n).ifPresent(removed::add);
    }
    Set<Hash> onBranch = new HashSet<>();
    for (SideBlock b : branch) {
      onBranch.add(b.header().hash());
    }
    long newHeadNumber = tip.header().number();
    List<Hash> expired = new ArrayList<>();
    for (Iterator<BlockRef> it = demoted.iterator(); it.hasNext(); ) {
      BlockRef d = it.next();
      if (d.number() <= newHeadNumber - config.maxReorgDepth()) {
        it.remove();
        if (!onBranch.contains(d.hash()) && !store.isCanonical(d.hash())) {
          expired.add(d.hash());
        }
      }
    }
    WriteBatch batch = BranchWrite.build(store, config.bodiesKept(), forkPoint, oldHead, removed, branch, expired);
    try {
      store.commit(batch);
    } catch (StoreException e) {
      // Another writer moved the head (a header sync still running): read the store again.
      LOG.warn("could not make #{} {} canonical: {}", newHeadNumber, tip.header().hash(), e.getMessage());
      side.remove(tip.header().hash());
      return;
    }
    head = tip.header();
    headTotalDifficulty = tip.totalDifficulty();
    for (Hash h : onBranch) {
      side.remove(h);
    }
    for (BlockHeader r : removed) {
      demoted.add(new BlockRef(r.number(), r.hash()));
    }
    side.pruneAtOrBelow(newHeadNumber - config.maxReorgDepth());
    headsAdopted++;
    blocksAdded += branch.size();
    if (!removed.isEmpty()) {
      reorgs++;
      deepestReorg = Math.max(deepestReorg, removed.size());
      LOG.info("reorganised at #{}: {} blocks replaced by {}, head #{} {}", forkPoint.number(), removed.size(), branch.size(),
          newHeadNumber, head.hash());
    }
    List<BlockHeader> added = branch.stream().map(SideBlock::header).toList();
    for (FollowListener l : List.copyOf(listeners)) {
      if (removed.isEmpty()) {
        for (BlockHeader h : added) {
          l.newHead(h);
        }
      } else {
        l.reorg(forkPoint, List.copyOf(removed), added);
        l.newHead(head);
      }
    }
  }

  private void handBack(String reason) {
    LOG.info("handing the chain back to a header sync toward {}: {}", target.hash(), reason);
    state = State.HANDED_BACK;
    handbacks++;
    targetRetry.cancel();
    downloader.clear();
    pursuits.clear();
    orphans.clear();
    tooDeep.clear();
    handback.resync(target, reason);
  }

  // ---------------------------------------------------------------- figures

  public FollowStats stats() {
    return new FollowStats(headsAdopted, blocksAdded, reorgs, deepestReorg, invalidBlocks, peerReports, handbacks, ignored,
        downloadFailures, side.size(), side.peak(), config.maxSideHeaders(), orphans.peak(), config.maxOrphans());
  }
}
