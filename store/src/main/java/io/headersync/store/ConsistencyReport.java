package io.headersync.store;

import java.util.List;
import java.util.Optional;

/**
 * What {@link StoreConsistency} found.
 *
 * @param oldest the oldest canonical block when the check ran
 * @param head the head when the check ran
 * @param firstChecked the first canonical number walked (-1 when none)
 * @param blocksChecked canonical blocks walked
 * @param problems broken invariants, in the order found, at most {@link StoreConsistency#MAX_PROBLEMS}
 * @param truncated whether more problems were found than listed
 */
public record ConsistencyReport(Optional<BlockRef> oldest, Optional<BlockRef> head, long firstChecked, long blocksChecked,
    List<ConsistencyProblem> problems, boolean truncated) {

  public ConsistencyReport {
    problems = List.copyOf(problems);
  }

  public boolean isConsistent() {
    return problems.isEmpty();
  }

  /** Whether a problem of {@code kind} was found. */
  public boolean has(ConsistencyProblem.Kind kind) {
    return problems.stream().anyMatch(p -> p.kind() == kind);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("store ").append(isConsistent() ? "consistent" : "INCONSISTENT")
        .append(": oldest ").append(oldest.map(BlockRef::toString).orElse("none"))
        .append(", head ").append(head.map(BlockRef::toString).orElse("none"))
        .append(", ").append(blocksChecked).append(" blocks checked");
    for (ConsistencyProblem p : problems) {
      s.append("\n  ").append(p);
    }
    if (truncated) {
      s.append("\n  ... more problems not listed");
    }
    return s.toString();
  }
}
