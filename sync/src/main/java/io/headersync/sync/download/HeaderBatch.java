package io.headersync.sync.download;

import io.headersync.core.block.BlockHeader;
import java.util.List;

/**
 * Headers verified against each other and against the chain they extend, in ascending order,
 * contiguous and parent-linked. A reverse download hands out batches from the target downward,
 * each batch itself still ascending.
 */
public record HeaderBatch(List<BlockHeader> headers) {

  public HeaderBatch {
    headers = List.copyOf(headers);
    if (headers.isEmpty()) {
      throw new IllegalArgumentException("a batch holds at least one header");
    }
    for (int i = 1; i < headers.size(); i++) {
      BlockHeader parent = headers.get(i - 1);
      BlockHeader child = headers.get(i);
      if (child.number() != parent.number() + 1 || !child.parentHash().equals(parent.hash())) {
        throw new IllegalArgumentException("batch not contiguous at " + parent.number() + " -> " + child.number());
      }
    }
  }

  public BlockHeader first() {
    return headers.get(0);
  }

  public BlockHeader last() {
    return headers.get(headers.size() - 1);
  }

  public int size() {
    return headers.size();
  }
}
