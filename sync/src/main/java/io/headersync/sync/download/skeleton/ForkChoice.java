package io.headersync.sync.download.skeleton;

import io.headersync.core.bytes.Hash;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * Picks the best header among the connected links and says what the local chain must do to
 * reach it: extend (a batch of the links from the head upwards), unwind first (the best branch
 * leaves the local chain below its head: the forking point is the highest persisted link on it),
 * or nothing (the head is already the best).
 *
 * <h2>The rule</h2>
 * Candidates are compared by, in order:
 * <ol>
 *   <li>total difficulty, the greater wins (proof of work);
 *   <li>being the sync target, which wins a tie: after the merge every header has difficulty
 *       zero, so all branches tie and the target — a hash the node trusts, from the operator or a
 *       consensus client — decides;
 *   <li>extending the local head without an unwind, which wins a remaining tie (the branch that
 *       was there first stays, as proof-of-work clients do);
 *   <li>the higher number (post-merge, before the target's header is known: the longest branch);
 *   <li>the link made first.
 * </ol>
 * The local head itself is a candidate too, so a branch below the head wins only when it beats
 * the head by this order (for proof of work: has strictly more total difficulty).
 *
 * <p>The best header itself is held back until a child builds on it, unless it is the target: a
 * lone header that nothing builds on — a skeleton header with one byte changed in a root still
 * passes every header rule, and ties with the real one — is then never handed out, while a real
 * chain loses at most its top header until the next answer.
 */
final class ForkChoice {

  /** What the local chain must do next. */
  sealed interface Decision {
    /** Hand out these links (ascending, the first one's parent is the head). */
    record Extend(List<Link> links) implements Decision {}

    /**
     * Unwind the local chain to {@code forkingPoint}, the parent of {@code branchRoot}; the best
     * header is {@code best}.
     */
    record Unwind(long forkingPoint, Link branchRoot, Link best) implements Decision {}

    record Stay() implements Decision {}
  }

  private ForkChoice() {}

  static Decision decide(LinkGraph graph, Link head, Hash target, int maxBatch) {
    Link best = head;
    boolean bestFromHead = true;
    for (Link root : graph.insertList()) {
      boolean fromHead = root.parentHash().equals(head.hash);
      Deque<Link> stack = new ArrayDeque<>();
      stack.push(root);
      while (!stack.isEmpty()) {
        Link link = stack.pop();
        if (compare(link, fromHead, best, bestFromHead, target) > 0) {
          best = link;
          bestFromHead = fromHead;
        }
        for (Link child : link.children) {
          if (child.connected()) {
            stack.push(child);
          }
        }
      }
    }
    if (best == head) {
      return new Decision.Stay();
    }
    List<Link> path = new ArrayList<>();
    for (Link link = best; link != null && !link.persisted; link = link.parent) {
      path.add(link);
    }
    Collections.reverse(path);
    if (!best.hash.equals(target)) {
      path.removeLast();
      if (path.isEmpty()) {
        return new Decision.Stay();
      }
    }
    if (!bestFromHead) {
      return new Decision.Unwind(path.getFirst().number - 1, path.getFirst(), best);
    }
    return new Decision.Extend(List.copyOf(path.subList(0, Math.min(maxBatch, path.size()))));
  }

  /**
   * Positive when {@code a} is the better candidate (see the class comment for the order).
   *
   * @param aFromHead whether {@code a}'s branch leaves the local chain at its head
   */
  static int compare(Link a, boolean aFromHead, Link b, boolean bFromHead, Hash target) {
    int c = a.totalDifficulty.compareTo(b.totalDifficulty);
    if (c != 0) {
      return c;
    }
    c = Boolean.compare(a.hash.equals(target), b.hash.equals(target));
    if (c != 0) {
      return c;
    }
    c = Boolean.compare(aFromHead, bFromHead);
    if (c != 0) {
      return c;
    }
    c = Long.compare(a.number, b.number);
    return c != 0 ? c : Long.compare(b.seq, a.seq);
  }
}
