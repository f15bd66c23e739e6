package io.headersync.sync.tip;

import io.headersync.core.bytes.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The network's tip from peers' heads, robust to liars: the median number, never the maximum (a
 * single liar can claim any number; it moves the median by at most one place among the others),
 * and at that number the hash most peers claim.
 *
 * <p>Heads that advanced within the stale limit count; when fewer than the minimum have, every
 * head counts and the estimate is marked stale (the network, or our view of it, has stopped).
 */
final class HeadVotes {

  private HeadVotes() {}

  static Optional<NetworkTip> estimate(Collection<PeerTip> peers, int minPeers, long now, long staleAfterNanos) {
    List<PeerTip> fresh = new ArrayList<>();
    List<PeerTip> all = new ArrayList<>();
    for (PeerTip p : peers) {
      if (p.hasNumber()) {
        all.add(p);
        if (p.fresh(now, staleAfterNanos)) {
          fresh.add(p);
        }
      }
    }
    boolean stale = fresh.size() < minPeers;
    List<PeerTip> counted = stale ? all : fresh;
    if (counted.size() < minPeers) {
      return Optional.empty();
    }
    long[] numbers = new long[counted.size()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = counted.get(i).number;
    }
    Arrays.sort(numbers);
    // The lower median: with an even count, half the peers lying high cannot lift it.
    long median = numbers[(numbers.length - 1) / 2];
    TreeMap<Hash, Integer> support = new TreeMap<>();
    for (PeerTip p : counted) {
      if (p.number == median) {
        support.merge(p.hash, 1, Integer::sum);
      }
    }
    Hash best = null;
    int bestCount = 0;
    for (var e : support.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return Optional.of(new NetworkTip(median, best, counted.size(), bestCount, stale));
  }

  /** When the next fresh head turns stale, in nanoseconds of the time source; empty if none will. */
  static Optional<Long> nextStaleTime(Collection<PeerTip> peers, long now, long staleAfterNanos) {
    Long next = null;
    for (PeerTip p : peers) {
      if (p.hasNumber() && p.fresh(now, staleAfterNanos)) {
        long at = p.lastAdvance + staleAfterNanos + 1;
        if (next == null || at < next) {
          next = at;
        }
      }
    }
    return Optional.ofNullable(next);
  }
}
