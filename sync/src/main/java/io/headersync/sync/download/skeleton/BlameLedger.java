package io.headersync.sync.download.skeleton;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.PeerId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;

/**
 * Remembers who sent which headers until the chain to the target is known, then names the
 * answers whose headers were off it.
 *
 * <p>Why: a peer serving a well-formed side chain breaks no rule, and its headers may be dropped
 * (evicted, unwound, pruned) long before anyone can tell they were off the chain; only the target,
 * which the node trusts, settles it. One entry is kept per run of new headers an answer brought,
 * holding its highest header: if that one is on the chain, so are the rest of the run. Entries
 * are few (one per answered request, about 100 bytes each) and their number is bounded: past the
 * limit the oldest are forgotten, and with them only the chance to blame.
 */
final class BlameLedger {

  private record Sent(PeerId peer, long answer, long number, Hash hash) {}

  /** A peer's answers found off the chain, and how deep the lowest of their headers lay. */
  record Verdict(PeerId peer, int answers, long lowestNumber) {}

  private final int limit;
  private final LinkedHashMap<Long, Sent> entries;
  private long nextId;
  private long forgotten;

  BlameLedger(int limit) {
    this.limit = limit;
    this.entries = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Sent> eldest) {
        boolean full = size() > BlameLedger.this.limit;
        if (full) {
          forgotten++;
        }
        return full;
      }
    };
  }

  /** Notes that {@code peer}'s answer number {@code answer} brought a run topped by {@code highest}. */
  void record(PeerId peer, long answer, BlockHeader highest) {
    entries.put(nextId++, new Sent(peer, answer, highest.number(), highest.hash()));
  }

  /**
   * The peers whose answers brought headers off the canonical chain at or below {@code
   * targetNumber}, and forgets everything. Entries whose number {@code canonicalAt} cannot answer
   * (it returns empty) are not judged.
   */
  List<Verdict> judge(long targetNumber, LongFunction<Optional<Hash>> canonicalAt) {
    Map<PeerId, Set<Long>> answers = new TreeMap<>();
    Map<PeerId, Long> lowest = new TreeMap<>();
    for (Sent e : entries.values()) {
      if (e.number > targetNumber) {
        continue;
      }
      Optional<Hash> canonical = canonicalAt.apply(e.number);
      if (canonical.isPresent() && !canonical.get().equals(e.hash)) {
        answers.computeIfAbsent(e.peer, p -> new TreeSet<>()).add(e.answer);
        lowest.merge(e.peer, e.number, Math::min);
      }
    }
    entries.clear();
    List<Verdict> verdicts = new ArrayList<>();
    answers.forEach((peer, set) -> verdicts.add(new Verdict(peer, set.size(), lowest.get(peer))));
    return verdicts;
  }

  int size() {
    return entries.size();
  }

  long forgotten() {
    return forgotten;
  }

  void clear() {
    entries.clear();
  }
}
