package io.headersync.sync.live;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.body.BodyValidator;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.block.Withdrawal;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.trie.TrieRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pairs the bodies of one answer with the headers they were asked for. A peer answers in the
 * order asked but may leave out blocks it does not have (as common clients do), so the answer is
 * a subsequence, not always a prefix: each body goes to the first header from the current position
 * that it matches. A body that matches no header left is wrong, and is charged to the header at
 * the current position.
 *
 * <p>The common case (the body belongs at the current position) costs one {@link BodyValidator}
 * check; only a body that fails there has its roots computed once more, to look further on.
 */
final class BodyMatcher {

  /** The outcome for one asked-for header, by its index in the request. */
  sealed interface Verdict {
    int index();
  }

  /** The body for the header at {@code index}, checked against it. */
  record Matched(int index, BlockBody body) implements Verdict {}

  /** A body that was offered for the header at {@code index} and does not match it. */
  record Wrong(int index, String reason) implements Verdict {}

  /** No body came for the header at {@code index}. */
  record Missing(int index) implements Verdict {}

  private BodyMatcher() {}

  /**
   * One verdict per header, in the order of {@code headers}, and how many bodies were left over
   * with no header after them to belong to (each one a wrong body, charged to no block).
   */
  record Result(List<Verdict> verdicts, int leftOver) {}

  static Result match(List<BlockHeader> headers, List<BlockBody> bodies) {
    List<Verdict> out = new ArrayList<>(headers.size());
    int cursor = 0;
    int used = 0;
    for (BlockBody body : bodies) {
      if (cursor >= headers.size()) {
        break;
      }
      used++;
      try {
        BodyValidator.validate(headers.get(cursor), body);
        out.add(new Matched(cursor, body));
        cursor++;
        continue;
      } catch (InvalidHeaderException e) {
        int found = findLater(headers, cursor + 1, body);
        if (found < 0) {
          out.add(new Wrong(cursor, e.getMessage()));
          cursor++;
          continue;
        }
        for (int i = cursor; i < found; i++) {
          out.add(new Missing(i));
        }
        out.add(new Matched(found, body));
        cursor = found + 1;
      }
    }
    for (int i = cursor; i < headers.size(); i++) {
      out.add(new Missing(i));
    }
    return new Result(out, bodies.size() - used);
  }

  private static int findLater(List<BlockHeader> headers, int from, BlockBody body) {
    if (from >= headers.size()) {
      return -1;
    }
    Roots roots = Roots.of(body);
    for (int i = from; i < headers.size(); i++) {
      BlockHeader h = headers.get(i);
      if (roots.committedBy(h)) {
        try {
          BodyValidator.validate(h, body); // the verdict stays the validator's
          return i;
        } catch (InvalidHeaderException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  /** A body's roots, computed once to compare with several headers. */
  private record Roots(Hash ommersHash, Hash transactionsRoot, Hash withdrawalsRoot) {
    static Roots of(BlockBody body) {
      Hash ommers = body.ommers().isEmpty() ? Keccak.EMPTY_LIST : Keccak.keccak256(body.encodeOmmers());
      Hash withdrawals = null;
      if (body.hasWithdrawals()) {
        List<byte[]> encoded = new ArrayList<>(body.withdrawals().size());
        for (Withdrawal w : body.withdrawals()) {
          encoded.add(w.encode());
        }
        withdrawals = TrieRoot.ofOrdered(encoded);
      }
      return new Roots(ommers, TrieRoot.ofOrdered(body.transactions()), withdrawals);
    }

    boolean committedBy(BlockHeader h) {
      return ommersHash.equals(h.ommersHash()) && transactionsRoot.equals(h.transactionsRoot())
          && Objects.equals(withdrawalsRoot, h.withdrawalsRoot());
    }
  }
}
