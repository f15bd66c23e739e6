package io.headersync.sync.download.skeleton;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.consensus.seal.SealVerifier;
import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerReporter;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the headers of one answer into the graph: splits it into segments, skips what is already
 * known, checks each run of new headers against its parent (or alone, when the parent is unknown)
 * and against the seal verifier, and then connects, extends down, extends up or makes a new
 * anchor. A run that breaks a rule is dropped whole and its peer reported; an anchor whose links
 * break a rule against the parent that finally arrived is dropped and its supplier reported.
 *
 * <p>Every run taken is noted in the {@link BlameLedger}, so that whoever sent headers off the
 * chain to the target can be named once the target is reached.
 *
 * <p>When a run attaches to a connected link, total difficulty flows up through it and through
 * every anchor it met, and the links that become children of a persisted one join the insert list.
 */
final class SegmentInserter {

  private final LinkGraph graph;
  private final LocalChain chain;
  private final HeaderValidator validator;
  private final SealVerifier seals;
  private final PeerReporter reporter;
  private final int anchorLimit;
  private final BlameLedger ledger;
  private final boolean rulesNeedTotalDifficulty;

  private final Map<SegmentKind, Long> segmentsByKind = new EnumMap<>(SegmentKind.class);
  private long segmentsRejected;
  private long anchorsRefused;
  private long answers;

  SegmentInserter(LinkGraph graph, LocalChain chain, HeaderValidator validator, SealVerifier seals, PeerReporter reporter,
      int anchorLimit, BlameLedger ledger) {
    this.graph = graph;
    this.chain = chain;
    this.validator = validator;
    this.seals = seals;
    this.reporter = reporter;
    this.anchorLimit = anchorLimit;
    this.ledger = ledger;
    this.rulesNeedTotalDifficulty = validator.spec().terminalTotalDifficulty() != null;
    for (SegmentKind kind : SegmentKind.values()) {
      segmentsByKind.put(kind, 0L);
    }
  }

  /**
   * Takes an answer from {@code peer}, in ascending order, keeping only headers numbered at most
   * {@code maxNumber}.
   *
   * @return false when some segment broke a rule (and its peer was reported)
   */
  boolean accept(List<BlockHeader> ascending, PeerId peer, long maxNumber) {
    answers++;
    boolean allGood = true;
    for (List<BlockHeader> segment : Segments.split(ascending)) {
      for (List<BlockHeader> run : newRuns(segment, maxNumber)) {
        allGood &= insert(run, peer);
      }
    }
    for (BlockHeader header : ascending) {
      attachToKnown(header);
    }
    return allGood;
  }

  /**
   * Hangs an anchor waiting for {@code header} under it when the header is already known: the
   * anchor was made while its parent was neither in memory nor yet in the store (handed out, then
   * evicted from the persisted links before the stage wrote it), so no new header will ever come
   * to attach it.
   */
  private void attachToKnown(BlockHeader header) {
    if (graph.anchor(header.hash()) == null || !chain.isKnown(header.hash(), header.number())) {
      return;
    }
    Link known = chain.resolve(header.hash());
    if (known == null) {
      return;
    }
    List<Link> adopted = attachWaitingAnchor(known);
    if (known.connected()) {
      for (Link root : adopted) {
        propagate(root);
      }
    }
    segmentsByKind.merge(known.connected() ? SegmentKind.CONNECT : SegmentKind.EXTEND_DOWN, 1L, Long::sum);
  }

  long segments(SegmentKind kind) {
    return segmentsByKind.get(kind);
  }

  long segmentsRejected() {
    return segmentsRejected;
  }

  long anchorsRefused() {
    return anchorsRefused;
  }

  /** The runs of headers of {@code segment} that are not known yet and lie within bounds. */
  private List<List<BlockHeader>> newRuns(List<BlockHeader> segment, long maxNumber) {
    List<List<BlockHeader>> runs = new ArrayList<>();
    List<BlockHeader> run = new ArrayList<>();
    long floor = chain.floor();
    for (BlockHeader header : segment) {
      boolean wanted = header.number() > floor && header.number() <= maxNumber && !chain.isKnown(header.hash(), header.number());
      if (wanted) {
        run.add(header);
      } else if (!run.isEmpty()) {
        runs.add(run);
        run = new ArrayList<>();
      }
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }

  private boolean insert(List<BlockHeader> run, PeerId peer) {
    run = makeRoom(run);
    if (run.isEmpty()) {
      return true;
    }
    BlockHeader lowest = run.getFirst();
    Link parent = chain.resolve(lowest.parentHash());
    if (parent == null && graph.anchor(lowest.parentHash()) == null && graph.anchorCount() >= anchorLimit) {
      // Dropped without blame: the headers will be asked for again once anchors have joined up.
      anchorsRefused++;
      return true;
    }
    try {
      check(run, parent);
    } catch (InvalidHeaderException e) {
      segmentsRejected++;
      reporter.reportPeer(peer, Offence.WRONG_DATA, "headers #" + lowest.number() + "..#" + run.getLast().number() + ": " + e.getMessage());
      return false;
    }
    boolean connected = parent != null && parent.connected();
    List<Link> created = new ArrayList<>(run.size());
    Link previous = parent;
    for (BlockHeader header : run) {
      Link link = graph.addPending(header, peer, previous);
      link.checkedAgainstParent = previous != null;
      link.verified = previous != null && (connected || !rulesNeedTotalDifficulty);
      if (previous == null) {
        graph.hangFromAnchor(link);
      }
      created.add(link);
      previous = link;
    }
    ledger.record(peer, answers, run.getLast());
    boolean metAnchor = false;
    for (Link link : created) {
      metAnchor |= graph.anchor(link.hash) != null;
      attachWaitingAnchor(link);
    }
    if (connected) {
      propagate(created.getFirst());
    }
    SegmentKind kind = parent != null
        ? (metAnchor ? SegmentKind.CONNECT : SegmentKind.EXTEND_UP)
        : (metAnchor ? SegmentKind.EXTEND_DOWN : SegmentKind.NEW_ANCHOR);
    segmentsByKind.merge(kind, 1L, Long::sum);
    return true;
  }

  /**
   * Evicts the highest pending links until {@code run} fits; when the run itself holds the
   * highest headers, its top is cut instead. Returns what is left of the run.
   */
  private List<BlockHeader> makeRoom(List<BlockHeader> run) {
    while (!run.isEmpty() && graph.pendingExcess(run.size()) > 0) {
      Link highest = graph.highestPending().orElse(null);
      if (highest == null || highest.number <= run.getLast().number()) {
        run = run.subList(0, run.size() - 1);
      } else {
        graph.evictHighestPending();
      }
    }
    return run;
  }

  /** Checks a run of linked headers: each against its parent, the lowest alone when its parent is unknown; then seals. */
  private void check(List<BlockHeader> run, Link parent) throws InvalidHeaderException {
    BlockHeader first = run.getFirst();
    BigInteger td = null;
    if (parent == null) {
      validator.validateStandalone(first);
    } else {
      BigInteger parentTd = parent.connected() ? chain.ruleTotalDifficulty(parent) : null;
      validator.validate(first, parent.header, parentTd);
      td = parentTd == null ? null : parentTd.add(first.difficulty());
    }
    for (int i = 1; i < run.size(); i++) {
      BlockHeader header = run.get(i);
      validator.validate(header, run.get(i - 1), td);
      td = td == null ? null : td.add(header.difficulty());
    }
    if (seals != null) {
      seals.verifyBatch(run);
    }
  }

  /**
   * Hangs the roots of the anchor waiting for {@code link} under it, dropping those that break a
   * rule against it; returns the roots adopted.
   */
  private List<Link> attachWaitingAnchor(Link link) {
    Anchor anchor = graph.detachAnchor(link.hash);
    if (anchor == null) {
      return List.of();
    }
    List<Link> adopted = new ArrayList<>(anchor.roots.size());
    for (Link root : anchor.roots) {
      try {
        validator.validate(root.header, link.header, null);
        graph.adopt(link, root);
        root.checkedAgainstParent = true;
        root.verified = !rulesNeedTotalDifficulty;
        adopted.add(root);
      } catch (InvalidHeaderException e) {
        graph.removeSubtree(root);
        segmentsRejected++;
        reporter.reportPeer(root.supplier, Offence.WRONG_DATA, "header #" + root.number + " does not fit its parent: " + e.getMessage());
      }
    }
    return adopted;
  }

  /**
   * Gives total difficulty to {@code start} (whose parent is connected) and everything above it,
   * checking any link not yet fully checked against its parent; a link that fails is dropped with
   * what hangs from it and its supplier reported.
   */
  private void propagate(Link start) {
    Deque<Link> stack = new ArrayDeque<>();
    stack.push(start);
    while (!stack.isEmpty()) {
      Link link = stack.pop();
      Link parent = link.parent;
      if (!link.verified) {
        try {
          validator.validate(link.header, parent.header, chain.ruleTotalDifficulty(parent));
          link.checkedAgainstParent = true;
          link.verified = true;
        } catch (InvalidHeaderException e) {
          graph.removeSubtree(link);
          segmentsRejected++;
          reporter.reportPeer(link.supplier, Offence.WRONG_DATA, "header #" + link.number + " does not fit its parent: " + e.getMessage());
          continue;
        }
      }
      link.totalDifficulty = parent.totalDifficulty.add(link.header.difficulty());
      if (parent.persisted) {
        graph.addToInsertList(link);
      }
      for (Link child : link.children) {
        stack.push(child);
      }
    }
  }
}
