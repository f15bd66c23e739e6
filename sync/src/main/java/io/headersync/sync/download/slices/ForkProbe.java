package io.headersync.sync.download.slices;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.RequestTicket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fork slice set: the target's branch, walked down from the target by hash until it meets the
 * local chain. Every header in it is fixed by the target's hash through parent links, so it needs
 * no neighbour to vouch for it; it only needs to be joined to the chain below and weighed against
 * the local branch. Bounded by {@link SliceConfig#maxForkHeaders()}.
 */
final class ForkProbe {

  private final Hash targetHash;
  private final long targetNumber;
  /** From the target down, each the parent of the one before. */
  private final List<BlockHeader> descending = new ArrayList<>();
  private final List<PeerId> suppliers = new ArrayList<>();
  RequestTicket ticket;
  long notBefore = Long.MIN_VALUE;

  ForkProbe(Hash targetHash, long targetNumber) {
    this.targetHash = targetHash;
    this.targetNumber = targetNumber;
  }

  Hash targetHash() {
    return targetHash;
  }

  /** The hash the next request starts at: the target, then the parent of the lowest header held. */
  Hash nextHash() {
    return descending.isEmpty() ? targetHash : descending.getLast().parentHash();
  }

  /** The number of the next header wanted. */
  long nextNumber() {
    return descending.isEmpty() ? targetNumber : descending.getLast().number() - 1;
  }

  int size() {
    return descending.size();
  }

  BlockHeader lowest() {
    return descending.getLast();
  }

  /** Headers added by the last {@link #accept}, highest first. */
  List<BlockHeader> lastAdded(int count) {
    return descending.subList(descending.size() - count, descending.size());
  }

  /**
   * Takes an answer to a request that started at {@link #nextHash()}, walking down; answers why it
   * is not acceptable, or empty when it was added.
   */
  Optional<String> accept(List<BlockHeader> answer, PeerId from) {
    Hash expected = nextHash();
    long expectedNumber = nextNumber();
    for (BlockHeader h : answer) {
      if (!h.hash().equals(expected)) {
        return Optional.of("header #" + h.number() + " is " + h.hash() + ", asked for " + expected);
      }
      if (expectedNumber >= 0 && h.number() != expectedNumber) {
        return Optional.of("header " + h.hash() + " is #" + h.number() + ", expected #" + expectedNumber);
      }
      expected = h.parentHash();
      expectedNumber = h.number() - 1;
    }
    for (BlockHeader h : answer) {
      descending.add(h);
      suppliers.add(from);
    }
    return Optional.empty();
  }

  /** The headers above {@code joinNumber}, ascending, with their suppliers. */
  List<BlockHeader> ascendingAbove(long joinNumber) {
    List<BlockHeader> out = new ArrayList<>();
    for (int i = descending.size() - 1; i >= 0; i--) {
      if (descending.get(i).number() > joinNumber) {
        out.add(descending.get(i));
      }
    }
    return out;
  }

  PeerId supplierOf(long number) {
    for (int i = 0; i < descending.size(); i++) {
      if (descending.get(i).number() == number) {
        return suppliers.get(i);
      }
    }
    return null;
  }

  void cancel() {
    if (ticket != null) {
      ticket.cancel();
      ticket = null;
    }
  }
}
