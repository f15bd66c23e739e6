package io.headersync.sync.download.slices;

import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.PeerId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Versions of slices that were dropped because they did not link to a neighbour and nothing said
 * which side was wrong. When the slice is later verified, the suppliers of versions that differ
 * from the verified one are the ones who were wrong, and only they are reported. Bounded: at most
 * {@link #MAX_VERSIONS_PER_SLICE} versions per slice and {@code maxSlices} slices (the highest go
 * first: they are the furthest from being settled), and versions below what is saved are forgotten.
 */
final class Disputes {

  /** Versions remembered per slice: more adds nothing, since one verified slice settles them all. */
  static final int MAX_VERSIONS_PER_SLICE = 8;

  /** What a slice held and who gave it. */
  record Version(long start, int count, PeerId supplier, Hash firstParent, Hash lastHash) {

    static Version of(Slice s) {
      return new Version(s.start(), s.count(), s.supplier(), s.first().parentHash(), s.last().hash());
    }

    boolean sameContent(Slice s) {
      return count == s.count() && firstParent.equals(s.first().parentHash()) && lastHash.equals(s.last().hash());
    }
  }

  private final TreeMap<Long, List<Version>> byStart = new TreeMap<>();
  private final int maxSlices;

  Disputes(int maxSlices) {
    this.maxSlices = maxSlices;
  }

  void record(Version v) {
    if (v.supplier() == null) {
      return;
    }
    List<Version> list = byStart.computeIfAbsent(v.start(), k -> new ArrayList<>());
    if (list.size() < MAX_VERSIONS_PER_SLICE) {
      list.add(v);
    }
    while (byStart.size() > maxSlices) {
      byStart.pollLastEntry();
    }
  }

  /** Removes and answers the versions of {@code verified}'s start whose content differs from it. */
  List<Version> settle(Slice verified) {
    List<Version> list = byStart.remove(verified.start());
    if (list == null) {
      return List.of();
    }
    List<Version> losers = new ArrayList<>();
    for (Version v : list) {
      if (v.count() == verified.count() && !v.sameContent(verified)) {
        losers.add(v);
      }
    }
    return losers;
  }

  /** Forgets versions of slices starting at or below {@code number}. */
  void forgetUpTo(long number) {
    Iterator<Map.Entry<Long, List<Version>>> it = byStart.headMap(number, true).entrySet().iterator();
    while (it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  int size() {
    int n = 0;
    for (List<Version> l : byStart.values()) {
      n += l.size();
    }
    return n;
  }
}
