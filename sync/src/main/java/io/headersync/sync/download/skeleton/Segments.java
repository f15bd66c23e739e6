package io.headersync.sync.download.skeleton;

import io.headersync.core.block.BlockHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an answer into segments: maximal runs of headers each of which is the parent of the
 * next. A skeleton answer (headers far apart) splits into one segment per header; a contiguous
 * answer is one segment, or several where a header does not link to the one before it.
 */
final class Segments {

  private Segments() {}

  /** The segments of {@code ascending} (headers in ascending order of number), lowest first. */
  static List<List<BlockHeader>> split(List<BlockHeader> ascending) {
    List<List<BlockHeader>> segments = new ArrayList<>();
    List<BlockHeader> current = new ArrayList<>();
    for (BlockHeader header : ascending) {
      if (!current.isEmpty() && !isParentOf(current.getLast(), header)) {
        segments.add(current);
        current = new ArrayList<>();
      }
      current.add(header);
    }
    if (!current.isEmpty()) {
      segments.add(current);
    }
    return segments;
  }

  private static boolean isParentOf(BlockHeader parent, BlockHeader child) {
    return child.number() == parent.number() + 1 && child.parentHash().equals(parent.hash());
  }
}
